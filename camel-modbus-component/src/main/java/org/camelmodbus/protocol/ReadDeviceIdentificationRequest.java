package org.camelmodbus.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * Read Device Identification: function code 0x2B (Encapsulated Interface Transport) with MEI type 0x0E. On the wire:
 * function code, MEI type, Read Device ID code, object id (one byte each).
 *
 * <p>With a stream code (basic, regular, extended) {@code objectId} is where the stream starts: 0x00 for a first
 * request, a previous response's next object id to continue. A device that does not know the object starts again at
 * 0x00. With {@link ReadDeviceIdCode#SPECIFIC} it is the one object to read; an unknown one is refused with exception
 * 0x02.
 *
 * @param readDeviceIdCode what to read
 * @param objectId 0..255
 */
public record ReadDeviceIdentificationRequest(ReadDeviceIdCode readDeviceIdCode, int objectId)
        implements ModbusRequest {
    /** The MEI type of Read Device Identification. */
    public static final int MEI_TYPE = 0x0E;

    public ReadDeviceIdentificationRequest {
        Objects.requireNonNull(readDeviceIdCode, "readDeviceIdCode");
        ModbusLimits.checkUnsigned("Read Device Identification: object id", objectId, 8);
    }

    /** Starts reading {@code readDeviceIdCode}'s objects from object 0x00. */
    public ReadDeviceIdentificationRequest(ReadDeviceIdCode readDeviceIdCode) {
        this(readDeviceIdCode, 0);
    }

    @Override
    public int functionCode() {
        return FunctionCode.ENCAPSULATED_INTERFACE_TRANSPORT.code();
    }

    @Override
    public String functionName() {
        return "Read Device Identification";
    }

    @Override
    public String describe() {
        return String.format(
                "Read Device Identification (0x2B / 0x0E) %s from object id 0x%02X",
                readDeviceIdCode.name().toLowerCase(Locale.ROOT), objectId);
    }
}
