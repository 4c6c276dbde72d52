package org.camelmodbus.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.DeviceIdentification;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.GetCommEventCounterRequest;
import org.camelmodbus.protocol.GetCommEventCounterResponse;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.MaskWriteRegisterResponse;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
import org.camelmodbus.protocol.ReadDeviceIdCode;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;
import org.camelmodbus.protocol.ReadDeviceIdentificationResponse;
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
 * A device in memory: the four data tables (coils, discrete inputs, holding registers and input registers, each
 * addressed from 0 up to its size) and what the other public functions report: eight exception status outputs, the
 * comm event counter, a server id, FIFO queues and device identification objects. Requests outside a table get
 * exception 0x02 (illegal data address); functions it does not know, such as raw PDUs, get 0x01 (illegal function).
 * Thread-safe: every request sees and changes the image atomically.
 */
public final class ProcessImage implements ModbusRequestHandler {
    /** The identification a new image reports: vendor, product code and revision, the basic objects. */
    public static final DeviceIdentification DEFAULT_IDENTIFICATION = DeviceIdentification.builder()
            .add(DeviceIdentification.VENDOR_NAME, "camel-modbus")
            .add(DeviceIdentification.PRODUCT_CODE, "ProcessImage")
            .add(DeviceIdentification.MAJOR_MINOR_REVISION, "0.1")
            .build();

    private final boolean[] coils;
    private final boolean[] discreteInputs;
    private final int[] holdingRegisters;
    private final int[] inputRegisters;
    private final Map<Integer, int[]> fifoQueues = new HashMap<>();
    private int exceptionStatus;
    private int commEventCount;
    private boolean commEventBusy;
    private ReportServerIdResponse serverId =
            new ReportServerIdResponse(new byte[] {0x01}, true, "camel-modbus".getBytes(StandardCharsets.US_ASCII));
    private DeviceIdentification identification = DEFAULT_IDENTIFICATION;

    /** Every table spans the whole 16-bit address space. */
    public ProcessImage() {
        this(0x10000, 0x10000, 0x10000, 0x10000);
    }

    public ProcessImage(int coils, int discreteInputs, int holdingRegisters, int inputRegisters) {
        this.coils = new boolean[checkSize(coils)];
        this.discreteInputs = new boolean[checkSize(discreteInputs)];
        this.holdingRegisters = new int[checkSize(holdingRegisters)];
        this.inputRegisters = new int[checkSize(inputRegisters)];
    }

    @Override
    public CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request) {
        return CompletableFuture.completedFuture(apply(request));
    }

    /**
     * Answers a request against the image, synchronously. A normal answer counts as a successful message for the comm
     * event counter, except the answer to Get Comm Event Counter itself, as the specification has it.
     */
    public synchronized ModbusResponse apply(ModbusRequest request) {
        ModbusResponse response = answer(request);
        if (!(response instanceof ExceptionResponse) && !(request instanceof GetCommEventCounterRequest)) {
            commEventCount = (commEventCount + 1) & 0xFFFF;
        }
        return response;
    }

    private ModbusResponse answer(ModbusRequest request) {
        if (request instanceof AddressedRequest addressed) {
            return fits(addressed)
                    ? applyToTables(addressed)
                    : new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
        } else if (request instanceof ReadExceptionStatusRequest) {
            return new ReadExceptionStatusResponse(exceptionStatus);
        } else if (request instanceof ReturnQueryDataRequest r) {
            return new ReturnQueryDataResponse(r.data());
        } else if (request instanceof GetCommEventCounterRequest) {
            return new GetCommEventCounterResponse(
                    commEventBusy ? GetCommEventCounterResponse.STATUS_BUSY : GetCommEventCounterResponse.STATUS_READY,
                    commEventCount);
        } else if (request instanceof ReportServerIdRequest) {
            return serverId;
        } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
            return readWrite(r);
        } else if (request instanceof ReadFifoQueueRequest r) {
            return fifo(r);
        } else if (request instanceof ReadDeviceIdentificationRequest r) {
            return identify(r);
        }
        return new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
    }

    private ModbusResponse applyToTables(AddressedRequest request) {
        int a = request.address();
        int n = request.quantity();
        if (request instanceof ReadCoilsRequest) {
            return new ReadCoilsResponse(bits(coils, a, n));
        } else if (request instanceof ReadDiscreteInputsRequest) {
            return new ReadDiscreteInputsResponse(bits(discreteInputs, a, n));
        } else if (request instanceof ReadHoldingRegistersRequest) {
            return new ReadHoldingRegistersResponse(registers(holdingRegisters, a, n));
        } else if (request instanceof ReadInputRegistersRequest) {
            return new ReadInputRegistersResponse(registers(inputRegisters, a, n));
        } else if (request instanceof WriteSingleCoilRequest r) {
            coils[a] = r.value();
            return new WriteSingleCoilResponse(a, r.value());
        } else if (request instanceof WriteSingleRegisterRequest r) {
            holdingRegisters[a] = r.value();
            return new WriteSingleRegisterResponse(a, r.value());
        } else if (request instanceof WriteMultipleCoilsRequest r) {
            for (int i = 0; i < n; i++) {
                coils[a + i] = r.values().get(i);
            }
            return new WriteMultipleCoilsResponse(a, n);
        } else if (request instanceof WriteMultipleRegistersRequest r) {
            for (int i = 0; i < n; i++) {
                holdingRegisters[a + i] = r.values().get(i);
            }
            return new WriteMultipleRegistersResponse(a, n);
        } else if (request instanceof MaskWriteRegisterRequest r) {
            holdingRegisters[a] = r.apply(holdingRegisters[a]);
            return new MaskWriteRegisterResponse(a, r.andMask(), r.orMask());
        }
        return new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
    }

    /** Writes first, then reads, as the specification orders it: overlapping ranges read the values just written. */
    private ModbusResponse readWrite(ReadWriteMultipleRegistersRequest r) {
        if (!holds(r)) {
            return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        for (int i = 0; i < r.writeQuantity(); i++) {
            holdingRegisters[r.writeAddress() + i] = r.values().get(i);
        }
        return new ReadWriteMultipleRegistersResponse(registers(holdingRegisters, r.readAddress(), r.readQuantity()));
    }

    /** An unknown queue is an illegal address (0x02), one longer than a response holds an illegal value (0x03). */
    private ModbusResponse fifo(ReadFifoQueueRequest r) {
        int[] queue = fifoQueues.get(r.fifoPointerAddress());
        if (queue == null) {
            return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        if (queue.length > ModbusLimits.MAX_FIFO_COUNT) {
            return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        return new ReadFifoQueueResponse(RegisterValues.of(queue));
    }

    /**
     * Individual access answers the one object or 0x02. Stream access answers the category's objects in ascending id
     * order from the requested one (from the first, when the device does not know it), as many as fit one PDU, and
     * says where to continue when more follow.
     */
    private ModbusResponse identify(ReadDeviceIdentificationRequest r) {
        int conformityLevel = conformityLevel();
        if (r.readDeviceIdCode() == ReadDeviceIdCode.SPECIFIC) {
            Optional<byte[]> value = identification.get(r.objectId());
            if (value.isEmpty()) {
                return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            return new ReadDeviceIdentificationResponse(
                    ReadDeviceIdCode.SPECIFIC,
                    conformityLevel,
                    false,
                    0,
                    DeviceIdentification.builder()
                            .add(r.objectId(), value.get())
                            .build());
        }
        List<Integer> ids = new ArrayList<>();
        for (int id : identification.objectIds()) {
            if (id <= r.readDeviceIdCode().lastObjectId()) {
                ids.add(id);
            }
        }
        ids.sort(null);
        int first = Math.max(0, ids.indexOf(r.objectId()));
        DeviceIdentification.Builder objects = DeviceIdentification.builder();
        int length = 7; // function code, MEI type, code, conformity level, more follows, next object id, count
        for (int i = first; i < ids.size(); i++) {
            byte[] value = identification.get(ids.get(i)).orElseThrow();
            if (length + 2 + value.length > ModbusLimits.MAX_PDU_LENGTH) {
                return new ReadDeviceIdentificationResponse(
                        r.readDeviceIdCode(), conformityLevel, true, ids.get(i), objects.build());
            }
            objects.add(ids.get(i), value);
            length += 2 + value.length;
        }
        return new ReadDeviceIdentificationResponse(r.readDeviceIdCode(), conformityLevel, false, 0, objects.build());
    }

    /** Individual access always; the category of the highest object the image holds. */
    private int conformityLevel() {
        int category = ReadDeviceIdentificationResponse.CONFORMITY_BASIC;
        for (int id : identification.objectIds()) {
            if (id > ReadDeviceIdCode.REGULAR.lastObjectId()) {
                category = ReadDeviceIdentificationResponse.CONFORMITY_EXTENDED;
            } else if (id > ReadDeviceIdCode.BASIC.lastObjectId()) {
                category = Math.max(category, ReadDeviceIdentificationResponse.CONFORMITY_REGULAR);
            }
        }
        return ReadDeviceIdentificationResponse.CONFORMITY_INDIVIDUAL_ACCESS | category;
    }

    /** The eight exception status outputs Read Exception Status reports, output 0 in the lowest bit, 0..255. */
    public synchronized int exceptionStatus() {
        return exceptionStatus;
    }

    public synchronized void setExceptionStatus(int outputs) {
        if (outputs < 0 || outputs > 0xFF) {
            throw new IllegalArgumentException("exception status " + outputs + " is out of range 0..255");
        }
        exceptionStatus = outputs;
    }

    /** Sets one exception status output, 0..7. */
    public synchronized void setExceptionStatusOutput(int output, boolean on) {
        if (output < 0 || output > 7) {
            throw new IllegalArgumentException("exception status output " + output + " is out of range 0..7");
        }
        exceptionStatus = on ? exceptionStatus | (1 << output) : exceptionStatus & ~(1 << output);
    }

    /** Successful requests so far, modulo 65536: what Get Comm Event Counter reports. */
    public synchronized int commEventCount() {
        return commEventCount;
    }

    public synchronized void setCommEventCount(int count) {
        if (count < 0 || count > 0xFFFF) {
            throw new IllegalArgumentException("comm event count " + count + " is out of range 0..65535");
        }
        commEventCount = count;
    }

    /** Whether Get Comm Event Counter reports the status busy (0xFFFF), as while a program command runs. */
    public synchronized void setCommEventBusy(boolean busy) {
        commEventBusy = busy;
    }

    /**
     * What Report Server ID answers: {@code serverId} (1..250 bytes), the run indicator, then {@code additionalData};
     * at most 251 bytes in all. A client must expect the server id's length (the request's serverIdLength, 1 by
     * default) to find the run indicator.
     */
    public synchronized void setServerId(byte[] serverId, byte[] additionalData) {
        this.serverId = new ReportServerIdResponse(serverId, this.serverId.runIndicator(), additionalData);
    }

    /** The run indicator Report Server ID answers, ON unless set otherwise. */
    public synchronized void setRunIndicator(boolean on) {
        serverId = new ReportServerIdResponse(serverId.serverId(), on, serverId.additionalData());
    }

    /** The answer Report Server ID gets. */
    public synchronized ReportServerIdResponse serverId() {
        return serverId;
    }

    /**
     * Sets the queue Read FIFO Queue reads at {@code pointerAddress}, oldest value first, taken modulo 2^16. A queue
     * may hold more than the 31 values a response carries; it is then answered with exception 0x03, as the
     * specification prescribes. Reading leaves the queue as it is.
     */
    public synchronized void setFifoQueue(int pointerAddress, int... values) {
        checkBounds(pointerAddress, 1, ModbusLimits.ADDRESS_SPACE);
        int[] queue = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            queue[i] = values[i] & 0xFFFF;
        }
        fifoQueues.put(pointerAddress, queue);
    }

    /** Removes the queue at {@code pointerAddress}: reading it then fails with exception 0x02. */
    public synchronized void removeFifoQueue(int pointerAddress) {
        fifoQueues.remove(pointerAddress);
    }

    /** A copy of the queue at {@code pointerAddress}, or null when there is none. */
    public synchronized int[] fifoQueue(int pointerAddress) {
        int[] queue = fifoQueues.get(pointerAddress);
        return queue == null ? null : queue.clone();
    }

    /**
     * The objects Read Device Identification reports, in any order; the conformity level follows from the highest
     * object id (basic up to 0x02, regular up to 0x7F, extended above), always with individual access.
     */
    public synchronized void setDeviceIdentification(DeviceIdentification objects) {
        identification = Objects.requireNonNull(objects, "objects");
    }

    public synchronized DeviceIdentification deviceIdentification() {
        return identification;
    }

    public synchronized boolean coil(int address) {
        return coils[address];
    }

    public synchronized void setCoils(int address, boolean... values) {
        copyBits(values, coils, address);
    }

    public synchronized boolean discreteInput(int address) {
        return discreteInputs[address];
    }

    public synchronized void setDiscreteInputs(int address, boolean... values) {
        copyBits(values, discreteInputs, address);
    }

    /** Unsigned, 0..65535. */
    public synchronized int holdingRegister(int address) {
        return holdingRegisters[address];
    }

    /** Values are taken modulo 2^16, so signed values (-32768..-1) land as their two's complement. */
    public synchronized void setHoldingRegisters(int address, int... values) {
        copyRegisters(values, holdingRegisters, address);
    }

    public synchronized int inputRegister(int address) {
        return inputRegisters[address];
    }

    public synchronized void setInputRegisters(int address, int... values) {
        copyRegisters(values, inputRegisters, address);
    }

    /** Whether the tables hold every address {@code request} touches; requests without addresses always fit. */
    public boolean holds(ModbusRequest request) {
        if (request instanceof AddressedRequest addressed) {
            return fits(addressed);
        } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
            return r.readAddress() + r.readQuantity() <= holdingRegisters.length
                    && r.writeAddress() + r.writeQuantity() <= holdingRegisters.length;
        }
        return true;
    }

    private boolean fits(AddressedRequest request) {
        int end = request.address() + request.quantity();
        if (request instanceof ReadCoilsRequest
                || request instanceof WriteSingleCoilRequest
                || request instanceof WriteMultipleCoilsRequest) {
            return end <= coils.length;
        } else if (request instanceof ReadDiscreteInputsRequest) {
            return end <= discreteInputs.length;
        } else if (request instanceof ReadInputRegistersRequest) {
            return end <= inputRegisters.length;
        }
        return end <= holdingRegisters.length;
    }

    private static BitValues bits(boolean[] table, int address, int quantity) {
        boolean[] copy = new boolean[quantity];
        System.arraycopy(table, address, copy, 0, quantity);
        return BitValues.of(copy);
    }

    private static RegisterValues registers(int[] table, int address, int quantity) {
        int[] copy = new int[quantity];
        System.arraycopy(table, address, copy, 0, quantity);
        return RegisterValues.of(copy);
    }

    private static void copyBits(boolean[] values, boolean[] table, int address) {
        checkBounds(address, values.length, table.length);
        System.arraycopy(values, 0, table, address, values.length);
    }

    private static void copyRegisters(int[] values, int[] table, int address) {
        checkBounds(address, values.length, table.length);
        for (int i = 0; i < values.length; i++) {
            table[address + i] = values[i] & 0xFFFF;
        }
    }

    private static void checkBounds(int address, int count, int size) {
        if (address < 0 || address + count > size) {
            throw new IllegalArgumentException(
                    "addresses " + address + ".." + (address + count - 1) + " are outside the table of " + size);
        }
    }

    private static int checkSize(int size) {
        if (size < 0 || size > 0x10000) {
            throw new IllegalArgumentException("table size " + size + " is out of range 0..65536");
        }
        return size;
    }
}
