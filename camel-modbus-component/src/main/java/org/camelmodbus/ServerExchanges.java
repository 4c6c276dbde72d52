package org.camelmodbus;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.client.ModbusRequestRejectedException;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.client.ModbusUnitUnavailableException;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.GetCommEventCounterRequest;
import org.camelmodbus.protocol.GetCommEventCounterResponse;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.MaskWriteRegisterResponse;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.RawResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
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
import org.camelmodbus.protocol.WriteMultipleCoilsResponse;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersResponse;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleCoilResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.protocol.WriteSingleRegisterResponse;

/**
 * Maps between the requests a server receives and exchanges. A request becomes the headers and body a modbus producer
 * takes (so a proxy route can pass it on unchanged); a reply becomes the response, or the exception code that refuses
 * the request.
 */
final class ServerExchanges {
    private ServerExchanges() {}

    /**
     * Unit id, function and the request's coordinates as headers; the values written (a List of Boolean or Integer,
     * also for the single writes), the masks (a Map) or the data bytes as body; reads have no body.
     */
    static void populate(Message message, int unitId, ModbusRequest request, Object peer) {
        message.setHeader(ModbusConstants.UNIT_ID, unitId);
        if (peer != null) {
            message.setHeader(ModbusConstants.PEER, peerName(peer));
        }
        message.setHeader(ModbusConstants.FUNCTION, function(request).name());
        ModbusRequests.putHeaders(message, request, null);
        message.setHeader(ModbusConstants.TIMESTAMP, System.currentTimeMillis());
        message.setBody(body(request));
    }

    /** host:port for a socket address (IPv6 in brackets), the name as it is for a serial port. */
    private static String peerName(Object peer) {
        if (peer instanceof InetSocketAddress address && address.getAddress() != null) {
            String host = address.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        }
        return peer.toString();
    }

    private static Object body(ModbusRequest request) {
        if (request instanceof WriteSingleCoilRequest r) {
            return List.of(r.value());
        } else if (request instanceof WriteSingleRegisterRequest r) {
            return List.of(r.value());
        } else if (request instanceof WriteMultipleCoilsRequest r) {
            return ModbusRequests.bitList(r.values());
        } else if (request instanceof WriteMultipleRegistersRequest r) {
            return ModbusRequests.registerList(r.values());
        } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
            return ModbusRequests.registerList(r.values());
        } else if (request instanceof MaskWriteRegisterRequest r) {
            return Map.of("andMask", r.andMask(), "orMask", r.orMask());
        } else if (request instanceof ReturnQueryDataRequest r) {
            return r.data();
        } else if (request instanceof RawRequest r) {
            return r.data();
        }
        return null;
    }

    /** The function the request executes, as a producer names it. */
    static ModbusFunction function(ModbusRequest request) {
        if (!(request instanceof RawRequest)) {
            for (ModbusFunction f : ModbusFunction.values()) {
                if (f.code().isPresent() && f.code().get().code() == request.functionCode()) {
                    return f;
                }
            }
        }
        return ModbusFunction.raw;
    }

    /**
     * The exception code the route refuses the request with, or empty when it accepts it: the header
     * {@link ModbusConstants#EXCEPTION_CODE}, else the exception the exchange failed with, mapped so that a proxy
     * passes a downstream device's answer on (its exception code; no answer 0x0B; no connection 0x0A; queue full
     * 0x06), and anything else is a server device failure (0x04).
     */
    static Optional<ExceptionCode> refusal(Exchange exchange) {
        Object code = exchange.getMessage().getHeader(ModbusConstants.EXCEPTION_CODE);
        if (code != null) {
            return Optional.of(exceptionCode(code));
        }
        Exception error = exchange.getException();
        if (error == null) {
            return Optional.empty();
        } else if (error instanceof ModbusRefusedException e) {
            return Optional.of(e.code());
        } else if (error instanceof ModbusExceptionResponseException e) {
            return Optional.of(e.code().orElse(ExceptionCode.SERVER_DEVICE_FAILURE));
        } else if (error instanceof ModbusTimeoutException
                || error instanceof ModbusUnitUnavailableException
                || error instanceof ModbusProtocolException) {
            return Optional.of(ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND);
        } else if (error instanceof ModbusConnectionException) {
            return Optional.of(ExceptionCode.GATEWAY_PATH_UNAVAILABLE);
        } else if (error instanceof ModbusRequestRejectedException) {
            return Optional.of(ExceptionCode.SERVER_DEVICE_BUSY);
        }
        return Optional.of(ExceptionCode.SERVER_DEVICE_FAILURE);
    }

    /** A code as a number (3, "0x03") or a name ("ILLEGAL_DATA_VALUE", "illegal data value"). */
    static ExceptionCode exceptionCode(Object code) {
        String text = code.toString().trim();
        Optional<ExceptionCode> known;
        if (code instanceof Number n) {
            known = ExceptionCode.of(n.intValue());
        } else if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
            try {
                known = ExceptionCode.of(Integer.decode(text));
            } catch (NumberFormatException e) {
                known = Optional.empty();
            }
        } else {
            String name = text.toUpperCase().replace(' ', '_');
            known = Arrays.stream(ExceptionCode.values())
                    .filter(c -> c.name().equals(name))
                    .findFirst();
        }
        return known.orElseThrow(() -> new IllegalArgumentException(ModbusConstants.EXCEPTION_CODE + " '" + text
                + "' is not a Modbus exception code; expected 1..6, 8, 10, 11 or a name such as ILLEGAL_DATA_VALUE"));
    }

    /**
     * The response to {@code request} that the exchange's reply makes: an exception response when the route refuses
     * it; otherwise the values read, from the body as a modbus producer leaves it (a List of Boolean or Integer for
     * reads, an Integer for readExceptionStatus, bytes for diagnostics and raw, a Map for getCommEventCounter and
     * reportServerId), or the echo of a write. A {@link ModbusResponse} body is answered as it is.
     *
     * @throws IllegalArgumentException when the body cannot answer the request, for example too few values
     */
    static ModbusResponse response(Exchange exchange, ModbusRequest request) {
        Optional<ExceptionCode> refusal = refusal(exchange);
        if (refusal.isPresent()) {
            return new ExceptionResponse(request.functionCode(), refusal.get());
        }
        Message reply = exchange.getMessage();
        Object body = reply.getBody();
        if (body instanceof ModbusResponse response) {
            if (response.functionCode() != request.functionCode()
                    && !(response instanceof ExceptionResponse e && e.functionCode() == request.functionCode())) {
                throw new IllegalArgumentException("the route answered " + request.describe() + " with a response"
                        + " of function code " + response.functionCode());
            }
            return response;
        } else if (request instanceof ReadCoilsRequest r) {
            return new ReadCoilsResponse(bits(body, r.quantity()));
        } else if (request instanceof ReadDiscreteInputsRequest r) {
            return new ReadDiscreteInputsResponse(bits(body, r.quantity()));
        } else if (request instanceof ReadHoldingRegistersRequest r) {
            return new ReadHoldingRegistersResponse(registers(body, r.quantity()));
        } else if (request instanceof ReadInputRegistersRequest r) {
            return new ReadInputRegistersResponse(registers(body, r.quantity()));
        } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
            return new ReadWriteMultipleRegistersResponse(registers(body, r.readQuantity()));
        } else if (request instanceof WriteSingleCoilRequest r) {
            return new WriteSingleCoilResponse(r.address(), r.value());
        } else if (request instanceof WriteSingleRegisterRequest r) {
            return new WriteSingleRegisterResponse(r.address(), r.value());
        } else if (request instanceof WriteMultipleCoilsRequest r) {
            return new WriteMultipleCoilsResponse(r.address(), r.quantity());
        } else if (request instanceof WriteMultipleRegistersRequest r) {
            return new WriteMultipleRegistersResponse(r.address(), r.quantity());
        } else if (request instanceof MaskWriteRegisterRequest r) {
            return new MaskWriteRegisterResponse(r.address(), r.andMask(), r.orMask());
        } else if (request instanceof ReadExceptionStatusRequest) {
            return new ReadExceptionStatusResponse(reply.getBody(Integer.class));
        } else if (request instanceof ReturnQueryDataRequest r) {
            return new ReturnQueryDataResponse(body == null ? r.data() : reply.getBody(byte[].class));
        } else if (request instanceof ReadFifoQueueRequest) {
            return new ReadFifoQueueResponse(WriteValues.registers(body));
        } else if (request instanceof RawRequest r) {
            return new RawResponse(r.functionCode(), body == null ? new byte[0] : reply.getBody(byte[].class));
        } else if (request instanceof GetCommEventCounterRequest && body instanceof Map<?, ?> map) {
            return new GetCommEventCounterResponse(number(map, "status"), number(map, "eventCount"));
        } else if (request instanceof ReportServerIdRequest && body instanceof Map<?, ?> map) {
            return new ReportServerIdResponse(
                    hex(map, "serverId"), WriteValues.bit(map.get("runIndicator")), hex(map, "additionalData"));
        }
        throw new IllegalArgumentException("the route's reply to " + request.describe() + " must be a ModbusResponse"
                + (body == null ? "" : ", not " + body.getClass().getName()));
    }

    private static BitValues bits(Object body, int quantity) {
        requireValues(body);
        BitValues bits = WriteValues.bits(body);
        if (bits.size() != quantity) {
            throw new IllegalArgumentException(
                    "the route answered a read of " + quantity + " bits with " + bits.size() + " values");
        }
        return bits;
    }

    private static RegisterValues registers(Object body, int quantity) {
        requireValues(body);
        RegisterValues registers = WriteValues.registers(body);
        if (registers.size() != quantity) {
            throw new IllegalArgumentException(
                    "the route answered a read of " + quantity + " registers with " + registers.size() + " values");
        }
        return registers;
    }

    private static void requireValues(Object body) {
        if (body == null) {
            throw new IllegalArgumentException(
                    "the route's reply to a read must carry the values read in the body," + " but the body is empty");
        }
    }

    private static int number(Map<?, ?> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("the route's reply Map has no number " + key + ": " + map);
    }

    private static byte[] hex(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? new byte[0] : HexFormat.of().parseHex(value.toString());
    }
}
