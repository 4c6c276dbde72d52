package org.camelmodbus;

import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.camelmodbus.client.DeviceIdentificationResult;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.DeviceIdentification;
import org.camelmodbus.protocol.GetCommEventCounterRequest;
import org.camelmodbus.protocol.GetCommEventCounterResponse;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.RawResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;
import org.camelmodbus.protocol.ReadDiscreteInputsRequest;
import org.camelmodbus.protocol.ReadDiscreteInputsResponse;
import org.camelmodbus.protocol.ReadExceptionStatusRequest;
import org.camelmodbus.protocol.ReadExceptionStatusResponse;
import org.camelmodbus.protocol.ReadFifoQueueRequest;
import org.camelmodbus.protocol.ReadFifoQueueResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadInputRegistersRequest;
import org.camelmodbus.protocol.ReadInputRegistersResponse;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.ReportServerIdRequest;
import org.camelmodbus.protocol.ReportServerIdResponse;
import org.camelmodbus.protocol.ReturnQueryDataRequest;
import org.camelmodbus.protocol.ReturnQueryDataResponse;
import org.camelmodbus.protocol.WriteMultipleCoilsRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;

/** Maps between what an exchange carries and the protocol's requests and responses. */
final class ModbusRequests {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private ModbusRequests() {}

    /**
     * Everything a request needs besides its function and body: the endpoint's options, overridden per message by
     * headers.
     */
    record Spec(
            int address,
            int quantity,
            int writeAddress,
            ModbusDeviceIdCode deviceIdCode,
            int objectId,
            int rawFunctionCode,
            byte[] requestData,
            int serverIdLength,
            Object andMask,
            Object orMask) {

        static Spec of(ModbusConfiguration c) {
            return new Spec(
                    c.getAddress(),
                    c.getQuantity(),
                    c.getWriteAddress(),
                    c.getDeviceIdCode(),
                    c.getObjectId(),
                    c.getRawFunctionCode(),
                    WriteValues.hexBytes("requestData", c.getRequestData()),
                    c.getServerIdLength(),
                    null,
                    null);
        }

        /** This spec with the message's headers applied. */
        Spec withHeaders(Message m) {
            Object code = m.getHeader(ModbusConstants.DEVICE_ID_CODE);
            return new Spec(
                    m.getHeader(ModbusConstants.ADDRESS, address, Integer.class),
                    m.getHeader(ModbusConstants.QUANTITY, quantity, Integer.class),
                    m.getHeader(ModbusConstants.WRITE_ADDRESS, writeAddress, Integer.class),
                    code == null ? deviceIdCode : ModbusDeviceIdCode.parse(code),
                    m.getHeader(ModbusConstants.OBJECT_ID, objectId, Integer.class),
                    m.getHeader(ModbusConstants.RAW_FUNCTION_CODE, rawFunctionCode, Integer.class),
                    requestData,
                    serverIdLength,
                    m.getHeader(ModbusConstants.AND_MASK),
                    m.getHeader(ModbusConstants.OR_MASK));
        }
    }

    /**
     * Builds the request; the protocol records validate ranges, so errors read the same everywhere. {@code body} is
     * what the function takes from the message: values for the writes, a Map of masks for maskWriteRegister, bytes
     * (or null for the endpoint's requestData) for diagnostics and raw.
     */
    static ModbusRequest of(ModbusFunction function, Spec s, Object body) {
        return switch (function) {
            case readCoils -> new ReadCoilsRequest(s.address(), s.quantity());
            case readDiscreteInputs -> new ReadDiscreteInputsRequest(s.address(), s.quantity());
            case readHoldingRegisters -> new ReadHoldingRegistersRequest(s.address(), s.quantity());
            case readInputRegisters -> new ReadInputRegistersRequest(s.address(), s.quantity());
            case writeSingleCoil ->
                new WriteSingleCoilRequest(
                        s.address(), single(WriteValues.bits(body)).get(0));
            case writeSingleRegister ->
                new WriteSingleRegisterRequest(
                        s.address(), single(WriteValues.registers(body)).get(0));
            case writeMultipleCoils -> new WriteMultipleCoilsRequest(s.address(), WriteValues.bits(body));
            case writeMultipleRegisters -> new WriteMultipleRegistersRequest(s.address(), WriteValues.registers(body));
            case readExceptionStatus -> new ReadExceptionStatusRequest();
            case diagnostics -> new ReturnQueryDataRequest(data(s, body));
            case getCommEventCounter -> new GetCommEventCounterRequest();
            case reportServerId -> new ReportServerIdRequest(s.serverIdLength());
            case maskWriteRegister -> maskWrite(s, body);
            case readWriteMultipleRegisters ->
                new ReadWriteMultipleRegistersRequest(
                        s.address(), s.quantity(), s.writeAddress(), WriteValues.registers(body));
            case readFifoQueue -> new ReadFifoQueueRequest(s.address());
            case readDeviceIdentification ->
                new ReadDeviceIdentificationRequest(s.deviceIdCode().code(), s.objectId());
            case raw -> raw(s, body);
        };
    }

    /** Checks an endpoint's options for its function when it is created, before any message exists. */
    static void validate(ModbusConfiguration c) {
        // the values of a write come with each message; a placeholder lets the rest be checked now
        Object placeholder = switch (c.getFunction()) {
            case maskWriteRegister -> Map.of("andMask", 0xFFFF, "orMask", 0);
            case diagnostics, raw -> null;
            default -> 0;
        };
        of(c.getFunction(), Spec.of(c), placeholder);
    }

    private static byte[] data(Spec s, Object body) {
        if (body != null) {
            return (byte[]) body;
        }
        return s.requestData() == null ? new byte[0] : s.requestData();
    }

    private static ModbusRequest raw(Spec s, Object body) {
        if (s.rawFunctionCode() == 0) {
            throw new IllegalArgumentException(
                    "function raw needs rawFunctionCode, the function code to send (1..127)");
        }
        return new RawRequest(s.rawFunctionCode(), data(s, body));
    }

    /** The masks come from a body Map {andMask, orMask}, or else from the headers. */
    private static ModbusRequest maskWrite(Spec s, Object body) {
        Object and = s.andMask();
        Object or = s.orMask();
        if (body instanceof Map<?, ?> map) {
            and = map.get("andMask");
            or = map.get("orMask");
        }
        if (and == null || or == null) {
            throw new IllegalArgumentException("maskWriteRegister needs an AND and an OR mask: a message body Map"
                    + " {andMask, orMask}, or the headers " + ModbusConstants.AND_MASK + " and "
                    + ModbusConstants.OR_MASK);
        }
        return new MaskWriteRegisterRequest(
                s.address(), WriteValues.mask("andMask", and), WriteValues.mask("orMask", or));
    }

    /**
     * What the answer puts in the body: an immutable List (Boolean for bits, Integer 0..65535 for registers), an
     * Integer (exception status), byte[] (diagnostics, raw), an immutable Map (comm event counter, server id, device
     * identification); null for the writes, whose body stays as it was.
     */
    static Object body(Object answer) {
        if (answer instanceof DeviceIdentificationResult r) {
            return objectMap(r.objects());
        } else if (answer instanceof ReadCoilsResponse r) {
            return bitList(r.coils());
        } else if (answer instanceof ReadDiscreteInputsResponse r) {
            return bitList(r.inputs());
        } else if (answer instanceof ReadHoldingRegistersResponse r) {
            return registerList(r.registers());
        } else if (answer instanceof ReadInputRegistersResponse r) {
            return registerList(r.registers());
        } else if (answer instanceof ReadWriteMultipleRegistersResponse r) {
            return registerList(r.registers());
        } else if (answer instanceof ReadFifoQueueResponse r) {
            return registerList(r.values());
        } else if (answer instanceof ReadExceptionStatusResponse r) {
            return r.outputData();
        } else if (answer instanceof ReturnQueryDataResponse r) {
            return r.data();
        } else if (answer instanceof RawResponse r) {
            return r.data();
        } else if (answer instanceof GetCommEventCounterResponse r) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("status", r.status());
            map.put("busy", r.busy());
            map.put("eventCount", r.eventCount());
            return Collections.unmodifiableMap(map);
        } else if (answer instanceof ReportServerIdResponse r) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("serverId", HEX.formatHex(r.serverId()));
            map.put("runIndicator", r.runIndicator());
            map.put("additionalData", HEX.formatHex(r.additionalData()));
            return Collections.unmodifiableMap(map);
        }
        return null;
    }

    /** Puts the request's coordinates and what the answer adds on {@code message} as headers. */
    static void putHeaders(Message message, ModbusRequest request, Object answer) {
        if (request instanceof AddressedRequest r) {
            message.setHeader(ModbusConstants.ADDRESS, r.address());
            message.setHeader(ModbusConstants.QUANTITY, r.quantity());
            if (r instanceof MaskWriteRegisterRequest m) {
                message.setHeader(ModbusConstants.AND_MASK, m.andMask());
                message.setHeader(ModbusConstants.OR_MASK, m.orMask());
            }
        } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
            message.setHeader(ModbusConstants.ADDRESS, r.readAddress());
            message.setHeader(ModbusConstants.QUANTITY, r.readQuantity());
            message.setHeader(ModbusConstants.WRITE_ADDRESS, r.writeAddress());
        } else if (request instanceof ReadFifoQueueRequest r) {
            message.setHeader(ModbusConstants.ADDRESS, r.fifoPointerAddress());
            if (answer instanceof ReadFifoQueueResponse response) {
                message.setHeader(ModbusConstants.QUANTITY, response.fifoCount());
            }
        } else if (request instanceof ReadDeviceIdentificationRequest r) {
            message.setHeader(
                    ModbusConstants.DEVICE_ID_CODE,
                    ModbusDeviceIdCode.of(r.readDeviceIdCode()).name());
            message.setHeader(ModbusConstants.OBJECT_ID, r.objectId());
            if (answer instanceof DeviceIdentificationResult result) {
                message.setHeader(ModbusConstants.CONFORMITY_LEVEL, result.conformityLevel());
            }
        } else if (request instanceof RawRequest r) {
            message.setHeader(ModbusConstants.RAW_FUNCTION_CODE, r.functionCode());
        }
    }

    /** Object names (VendorName ... UserApplicationName, "0x80" for the others) to values, in the device's order. */
    private static Map<String, String> objectMap(DeviceIdentification objects) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int id : objects.objectIds()) {
            map.put(DeviceIdentification.objectName(id), objects.getString(id).orElseThrow());
        }
        return Collections.unmodifiableMap(map);
    }

    static List<Boolean> bitList(BitValues bits) {
        Boolean[] values = new Boolean[bits.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = bits.get(i);
        }
        return List.of(values);
    }

    static List<Integer> registerList(RegisterValues registers) {
        Integer[] values = new Integer[registers.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = registers.get(i);
        }
        return List.of(values);
    }

    private static <T> T single(T values) {
        int size = values instanceof BitValues b ? b.size() : ((RegisterValues) values).size();
        if (size != 1) {
            throw new IllegalArgumentException("A single write takes exactly one value, the message body has " + size
                    + "; use writeMultipleCoils or writeMultipleRegisters for several");
        }
        return values;
    }
}
