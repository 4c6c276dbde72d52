package org.camelmodbus;

import org.camelmodbus.protocol.ReadDeviceIdCode;

/** Which device identification objects readDeviceIdentification reads, named as in the URI. */
public enum ModbusDeviceIdCode {
    /** The basic objects 0x00..0x02 (VendorName, ProductCode, MajorMinorRevision), by stream access. */
    basic(ReadDeviceIdCode.BASIC),
    /** The basic and regular objects 0x00..0x7F, by stream access. */
    regular(ReadDeviceIdCode.REGULAR),
    /** All objects 0x00..0xFF, private ones included, by stream access. */
    extended(ReadDeviceIdCode.EXTENDED),
    /** The one object objectId, by individual access. */
    specific(ReadDeviceIdCode.SPECIFIC);

    private final ReadDeviceIdCode code;

    ModbusDeviceIdCode(ReadDeviceIdCode code) {
        this.code = code;
    }

    public ReadDeviceIdCode code() {
        return code;
    }

    public static ModbusDeviceIdCode of(ReadDeviceIdCode code) {
        for (ModbusDeviceIdCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown " + code);
    }

    /** Parses a header value: a name (any case) or the code 1..4. */
    public static ModbusDeviceIdCode parse(Object value) {
        String text = value.toString().trim();
        for (ModbusDeviceIdCode c : values()) {
            if (c.name().equalsIgnoreCase(text) || text.equals(Integer.toString(c.code.code()))) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "Unknown device id code '" + text + "'; expected basic, regular, extended or specific (or 1..4)");
    }
}
