package org.camelmodbus.protocol;

/** The CRC-16 of Modbus RTU: polynomial 0xA001 (reflected 0x8005), initial value 0xFFFF, sent low byte first. */
public final class Crc16 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16() {}

    /** The CRC of {@code length} bytes of {@code data} from {@code offset}. */
    public static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** Whether the last two of {@code length} bytes from {@code offset} are the CRC of those before them. */
    public static boolean matches(byte[] data, int offset, int length) {
        if (length < 3) {
            return false;
        }
        int crc = of(data, offset, length - 2);
        return (data[offset + length - 2] & 0xFF) == (crc & 0xFF) && (data[offset + length - 1] & 0xFF) == (crc >>> 8);
    }
}
