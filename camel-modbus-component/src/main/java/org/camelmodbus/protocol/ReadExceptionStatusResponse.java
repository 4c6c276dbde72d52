package org.camelmodbus.protocol;

/**
 * Answer to {@link ReadExceptionStatusRequest}: one byte of Output Data, the eight exception status outputs. Their
 * meaning is device specific.
 *
 * @param outputData 0..255 (one byte on the wire); output 0 is the least significant bit
 */
public record ReadExceptionStatusResponse(int outputData) implements ModbusResponse {
    public ReadExceptionStatusResponse {
        ModbusLimits.checkUnsigned("Read Exception Status: output data", outputData, 8);
    }

    /** The state of output {@code index}, 0..7. */
    public boolean output(int index) {
        if (index < 0 || index > 7) {
            throw new IndexOutOfBoundsException("exception status output " + index + " is out of range 0..7");
        }
        return (outputData & (1 << index)) != 0;
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_EXCEPTION_STATUS.code();
    }
}
