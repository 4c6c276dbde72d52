package org.camelmodbus;

/** The four data tables of a Modbus device, named as in the URI. */
public enum ModbusTable {
    coils,
    discreteInputs,
    holdingRegisters,
    inputRegisters;

    /** Whether the table holds bits (coils, discrete inputs) rather than 16-bit registers. */
    public boolean holdsBits() {
        return this == coils || this == discreteInputs;
    }

    /** Parses a URI value or header, with a message that lists the valid names. */
    public static ModbusTable parse(Object name) {
        for (ModbusTable t : values()) {
            if (t.name().equalsIgnoreCase(name.toString().trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "Unknown table '" + name + "'; expected coils, discreteInputs, holdingRegisters or inputRegisters");
    }
}
