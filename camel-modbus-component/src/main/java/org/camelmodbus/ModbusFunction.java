package org.camelmodbus;

import org.camelmodbus.protocol.FunctionCode;

/** The functions an endpoint can execute, named as in the URI. */
public enum ModbusFunction {
    readCoils(FunctionCode.READ_COILS),
    readDiscreteInputs(FunctionCode.READ_DISCRETE_INPUTS),
    readHoldingRegisters(FunctionCode.READ_HOLDING_REGISTERS),
    readInputRegisters(FunctionCode.READ_INPUT_REGISTERS),
    writeSingleCoil(FunctionCode.WRITE_SINGLE_COIL),
    writeSingleRegister(FunctionCode.WRITE_SINGLE_REGISTER),
    writeMultipleCoils(FunctionCode.WRITE_MULTIPLE_COILS),
    writeMultipleRegisters(FunctionCode.WRITE_MULTIPLE_REGISTERS);

    private final FunctionCode code;

    ModbusFunction(FunctionCode code) {
        this.code = code;
    }

    public FunctionCode code() {
        return code;
    }

    public boolean isRead() {
        return ordinal() <= readInputRegisters.ordinal();
    }

    /** Parses a URI value or header, with a message that lists the valid names. */
    public static ModbusFunction parse(String name) {
        for (ModbusFunction f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "Unknown Modbus function '" + name + "'; expected one of " + java.util.Arrays.toString(values()));
    }
}
