package org.camelmodbus.protocol;

/**
 * Mask Write Register (function code 0x16): changes bits of one holding register in place. The device computes
 * {@code (current AND andMask) OR (orMask AND NOT andMask)}: bits set in the AND mask keep their value, the others
 * take the OR mask's. An AND mask of 0x0000 writes the OR mask; 0xFFFF leaves the register as it was.
 *
 * @param address the register's address, 0..65535 (two bytes on the wire)
 * @param andMask 0..65535 (two bytes on the wire)
 * @param orMask 0..65535 (two bytes on the wire)
 */
public record MaskWriteRegisterRequest(int address, int andMask, int orMask) implements AddressedRequest {
    public MaskWriteRegisterRequest {
        checkFields(address, andMask, orMask);
    }

    static void checkFields(int address, int andMask, int orMask) {
        ModbusLimits.checkAddress(FunctionCode.MASK_WRITE_REGISTER, address);
        ModbusLimits.checkUnsigned("Mask Write Register: AND mask", andMask, 16);
        ModbusLimits.checkUnsigned("Mask Write Register: OR mask", orMask, 16);
    }

    /** The register's new value, given its current one (0..65535). */
    public int apply(int current) {
        return ((current & andMask) | (orMask & ~andMask)) & 0xFFFF;
    }

    @Override
    public int functionCode() {
        return FunctionCode.MASK_WRITE_REGISTER.code();
    }

    @Override
    public int quantity() {
        return 1;
    }

    @Override
    public String describe() {
        return String.format(
                "Mask Write Register (0x16) at address %d, AND mask 0x%04X, OR mask 0x%04X", address, andMask, orMask);
    }
}
