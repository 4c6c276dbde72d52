package org.camelmodbus.protocol;

import java.util.HexFormat;

/** Hex dumps for log and error messages. */
public final class HexFormatting {
    private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ").withUpperCase();

    private HexFormatting() {}

    public static String hex(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }
}
