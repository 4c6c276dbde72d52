package org.camelmodbus.protocol;

/** Limits of the Modbus Application Protocol Specification V1.1b3 that both sides enforce. */
public final class ModbusLimits {
    /** Function code plus data: 256 bytes of serial ADU minus address and CRC. */
    public static final int MAX_PDU_LENGTH = 253;

    /** Addresses are 16 bits: a request may reach up to and including 65535. */
    public static final int ADDRESS_SPACE = 0x10000;

    public static final int MAX_READ_BITS = 2000;
    public static final int MAX_READ_REGISTERS = 125;
    public static final int MAX_WRITE_BITS = 1968;
    public static final int MAX_WRITE_REGISTERS = 123;

    /** Registers Read/Write Multiple Registers (0x17) may write; it reads up to {@link #MAX_READ_REGISTERS}. */
    public static final int MAX_READ_WRITE_WRITE_REGISTERS = 121;

    /** Values Read FIFO Queue (0x18) may return; a longer queue is answered with exception 0x03. */
    public static final int MAX_FIFO_COUNT = 31;

    /** Data bytes of Diagnostics (0x08): the PDU less function code and sub-function. */
    public static final int MAX_DIAGNOSTICS_DATA = MAX_PDU_LENGTH - 3;

    /** Data bytes of a raw PDU: the PDU less its function code. */
    public static final int MAX_RAW_DATA = MAX_PDU_LENGTH - 1;

    /** Bytes after the byte count of Report Server ID (0x11): server id, run indicator and additional data. */
    public static final int MAX_SERVER_ID_DATA = MAX_PDU_LENGTH - 2;

    /**
     * Bytes of one device identification object: what fits a Read Device Identification response (0x2B / 0x0E) next to
     * its seven header bytes and the object's id and length. Objects are never split across responses.
     */
    public static final int MAX_DEVICE_ID_OBJECT_LENGTH = MAX_PDU_LENGTH - 9;

    public static final int MAX_UNIT_ID = 255;

    private ModbusLimits() {}

    /** Checks an address range, naming the function in the message. */
    static void checkRange(FunctionCode function, int address, int quantity, int maxQuantity) {
        checkAddress(function, address);
        checkQuantity(function, quantity, maxQuantity);
        if (address + quantity > ADDRESS_SPACE) {
            throw new IllegalArgumentException(String.format(
                    "%s: address %d + quantity %d passes the last address 65535",
                    function.displayName(), address, quantity));
        }
    }

    static void checkQuantity(FunctionCode function, int quantity, int maxQuantity) {
        if (quantity < 1 || quantity > maxQuantity) {
            throw new IllegalArgumentException(String.format(
                    "%s: quantity %d is out of range 1..%d", function.displayName(), quantity, maxQuantity));
        }
    }

    static void checkAddress(FunctionCode function, int address) {
        if (address < 0 || address >= ADDRESS_SPACE) {
            throw new IllegalArgumentException(
                    String.format("%s: address %d is out of range 0..65535", function.displayName(), address));
        }
    }

    /** Checks a value that goes on the wire in {@code bits} unsigned bits, naming it in the message. */
    static void checkUnsigned(String what, int value, int bits) {
        int max = (1 << bits) - 1;
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(String.format("%s %d is out of range 0..%d", what, value, max));
        }
    }

    static void checkRegisterValue(FunctionCode function, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(
                    String.format("%s: register value %d is out of range 0..65535", function.displayName(), value));
        }
    }

    /** Unit ids are one byte; 0 is broadcast on serial lines. */
    public static void checkUnitId(int unitId) {
        if (unitId < 0 || unitId > MAX_UNIT_ID) {
            throw new IllegalArgumentException("unit id " + unitId + " is out of range 0..255");
        }
    }
}
