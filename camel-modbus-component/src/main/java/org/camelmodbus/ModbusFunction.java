package org.camelmodbus;

import java.util.Arrays;
import java.util.Optional;
import org.camelmodbus.protocol.FunctionCode;

/** The functions an endpoint can execute, named as in the URI. */
public enum ModbusFunction {
    readCoils(FunctionCode.READ_COILS, true, false),
    readDiscreteInputs(FunctionCode.READ_DISCRETE_INPUTS, true, false),
    readHoldingRegisters(FunctionCode.READ_HOLDING_REGISTERS, true, false),
    readInputRegisters(FunctionCode.READ_INPUT_REGISTERS, true, false),
    writeSingleCoil(FunctionCode.WRITE_SINGLE_COIL, false, true),
    writeSingleRegister(FunctionCode.WRITE_SINGLE_REGISTER, false, true),
    writeMultipleCoils(FunctionCode.WRITE_MULTIPLE_COILS, false, true),
    writeMultipleRegisters(FunctionCode.WRITE_MULTIPLE_REGISTERS, false, true),
    /** 0x07: the eight exception status outputs, as an Integer 0..255. */
    readExceptionStatus(FunctionCode.READ_EXCEPTION_STATUS, true, false),
    /** 0x08 sub-function 0x0000, Return Query Data: the device echoes the data, a liveness probe. */
    diagnostics(FunctionCode.DIAGNOSTICS, true, true),
    /** 0x0B: status word and count of successful requests. */
    getCommEventCounter(FunctionCode.GET_COMM_EVENT_COUNTER, true, false),
    /** 0x11: server id, run indicator and additional data. */
    reportServerId(FunctionCode.REPORT_SERVER_ID, true, false),
    /** 0x16: changes bits of one holding register with an AND and an OR mask. */
    maskWriteRegister(FunctionCode.MASK_WRITE_REGISTER, false, true),
    /** 0x17: writes holding registers, then reads holding registers, in one transaction. */
    readWriteMultipleRegisters(FunctionCode.READ_WRITE_MULTIPLE_REGISTERS, false, true),
    /** 0x18: the values of a FIFO queue of registers. */
    readFifoQueue(FunctionCode.READ_FIFO_QUEUE, true, false),
    /** 0x2B / 0x0E: the device identification objects, continuations merged. */
    readDeviceIdentification(FunctionCode.ENCAPSULATED_INTERFACE_TRANSPORT, true, false),
    /** Any function code (rawFunctionCode) with the PDU data as bytes: user-defined and vendor functions. */
    raw(null, true, true);

    private final FunctionCode code;
    private final boolean pollable;
    private final boolean usesBody;

    ModbusFunction(FunctionCode code, boolean pollable, boolean usesBody) {
        this.code = code;
        this.pollable = pollable;
        this.usesBody = usesBody;
    }

    /** The function code; empty for {@link #raw}, whose code is the endpoint's rawFunctionCode. */
    public Optional<FunctionCode> code() {
        return Optional.ofNullable(code);
    }

    /**
     * Whether a consumer may poll it: every function that changes nothing on the device. Diagnostics and raw poll
     * with the endpoint's requestData.
     */
    public boolean isPollable() {
        return pollable;
    }

    /** Whether a producer takes the request's values or data from the message body. */
    public boolean usesBody() {
        return usesBody;
    }

    /** Parses a URI value or header, with a message that lists the valid names. */
    public static ModbusFunction parse(String name) {
        for (ModbusFunction f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "Unknown Modbus function '" + name + "'; expected one of " + Arrays.toString(values()));
    }
}
