package org.camelmodbus.protocol;

import java.util.Optional;

/**
 * The Read Device ID code of Read Device Identification (0x2B / 0x0E): which objects a request asks for. The three
 * stream codes read a category and every category below it, in as many responses as needed; {@link #SPECIFIC} reads
 * one object.
 */
public enum ReadDeviceIdCode {
    /** Stream access to the basic objects 0x00..0x02: vendor name, product code, revision. */
    BASIC(0x01, 0x02),
    /** Stream access to the basic and regular objects, 0x00..0x7F. */
    REGULAR(0x02, 0x7F),
    /** Stream access to the basic, regular and extended (private) objects, 0x00..0xFF. */
    EXTENDED(0x03, 0xFF),
    /** Individual access to one object. */
    SPECIFIC(0x04, 0xFF);

    private final int code;
    private final int lastObjectId;

    ReadDeviceIdCode(int code, int lastObjectId) {
        this.code = code;
        this.lastObjectId = lastObjectId;
    }

    /** The wire value, one byte, 1..4. */
    public int code() {
        return code;
    }

    /** The highest object id this code reaches. */
    public int lastObjectId() {
        return lastObjectId;
    }

    /** Whether responses may be continued ("more follows"): true for the three category codes. */
    public boolean streamAccess() {
        return this != SPECIFIC;
    }

    public static Optional<ReadDeviceIdCode> of(int code) {
        for (ReadDeviceIdCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
