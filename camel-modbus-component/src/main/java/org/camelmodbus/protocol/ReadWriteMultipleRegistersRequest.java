package org.camelmodbus.protocol;

import java.util.Objects;

/**
 * Read/Write Multiple Registers (function code 0x17): writes holding registers, then reads holding registers, in one
 * transaction. The device performs the write before the read, so overlapping ranges read the values just written. On
 * the wire: read address, read quantity, write address, write quantity (two bytes each), a byte count of twice the
 * write quantity (one byte), then the values.
 *
 * @param readAddress first register to read, 0..65535
 * @param readQuantity registers to read, 1..125; readAddress + readQuantity may not pass 65535
 * @param writeAddress first register to write, 0..65535
 * @param values 1..121 values to write, unsigned; writeAddress + their count may not pass 65535
 */
public record ReadWriteMultipleRegistersRequest(
        int readAddress, int readQuantity, int writeAddress, RegisterValues values) implements ModbusRequest {
    public ReadWriteMultipleRegistersRequest {
        Objects.requireNonNull(values, "values");
        checkRange("read", readAddress, readQuantity, ModbusLimits.MAX_READ_REGISTERS);
        checkRange("write", writeAddress, values.size(), ModbusLimits.MAX_READ_WRITE_WRITE_REGISTERS);
    }

    private static void checkRange(String what, int address, int quantity, int max) {
        String function = FunctionCode.READ_WRITE_MULTIPLE_REGISTERS.displayName();
        if (address < 0 || address >= ModbusLimits.ADDRESS_SPACE) {
            throw new IllegalArgumentException(
                    String.format("%s: %s address %d is out of range 0..65535", function, what, address));
        }
        if (quantity < 1 || quantity > max) {
            throw new IllegalArgumentException(
                    String.format("%s: %s quantity %d is out of range 1..%d", function, what, quantity, max));
        }
        if (address + quantity > ModbusLimits.ADDRESS_SPACE) {
            throw new IllegalArgumentException(String.format(
                    "%s: %s address %d + quantity %d passes the last address 65535",
                    function, what, address, quantity));
        }
    }

    /** Registers to write: the number of values. */
    public int writeQuantity() {
        return values.size();
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_WRITE_MULTIPLE_REGISTERS.code();
    }

    @Override
    public String describe() {
        return String.format(
                "Read/Write Multiple Registers (0x17) reading address %d, quantity %d, writing address %d, quantity %d",
                readAddress, readQuantity, writeAddress, values.size());
    }
}
