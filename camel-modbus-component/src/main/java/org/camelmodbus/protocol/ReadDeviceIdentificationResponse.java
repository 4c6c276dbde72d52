package org.camelmodbus.protocol;

import java.util.Objects;

/**
 * Answer to {@link ReadDeviceIdentificationRequest}. On the wire: function code 0x2B, MEI type 0x0E, Read Device ID
 * code, conformity level, more follows (0x00 or 0xFF), next object id, number of objects (one byte each), then each
 * object as id, length and value. The whole PDU fits 253 bytes; when a stream's objects do not, the device sends what
 * fits with {@code moreFollows} and the client asks again from {@code nextObjectId}.
 *
 * @param readDeviceIdCode the request's code, echoed
 * @param conformityLevel what the device supports: 0x01, 0x02, 0x03 (basic, regular, extended identification, stream
 *     access only) or 0x81, 0x82, 0x83 (the same with individual access)
 * @param moreFollows whether the stream continues in another response; never for {@link ReadDeviceIdCode#SPECIFIC}
 * @param nextObjectId where to continue, 0..255; 0 unless {@code moreFollows} (a decoder ignores the field then, as
 *     the specification calls it useless)
 * @param objects the objects of this response; exactly the requested one for {@link ReadDeviceIdCode#SPECIFIC}
 */
public record ReadDeviceIdentificationResponse(
        ReadDeviceIdCode readDeviceIdCode,
        int conformityLevel,
        boolean moreFollows,
        int nextObjectId,
        DeviceIdentification objects)
        implements ModbusResponse {
    public static final int CONFORMITY_BASIC = 0x01;
    public static final int CONFORMITY_REGULAR = 0x02;
    public static final int CONFORMITY_EXTENDED = 0x03;
    /** Set in the conformity level when the device also supports individual access (code 0x04). */
    public static final int CONFORMITY_INDIVIDUAL_ACCESS = 0x80;

    /** Function code, MEI type, code, conformity level, more follows, next object id, number of objects. */
    static final int HEADER_LENGTH = 7;

    public ReadDeviceIdentificationResponse {
        Objects.requireNonNull(readDeviceIdCode, "readDeviceIdCode");
        Objects.requireNonNull(objects, "objects");
        if (!isConformityLevel(conformityLevel)) {
            throw new IllegalArgumentException(String.format(
                    "Read Device Identification: conformity level 0x%02X is none of 0x01..0x03, 0x81..0x83",
                    conformityLevel));
        }
        ModbusLimits.checkUnsigned("Read Device Identification: next object id", nextObjectId, 8);
        if (!moreFollows && nextObjectId != 0) {
            throw new IllegalArgumentException(
                    "Read Device Identification: next object id must be 0 unless more follows, got " + nextObjectId);
        }
        if (readDeviceIdCode == ReadDeviceIdCode.SPECIFIC && (moreFollows || objects.size() != 1)) {
            throw new IllegalArgumentException("Read Device Identification: individual access answers exactly one"
                    + " object and no more, got " + objects.size() + (moreFollows ? " with more following" : ""));
        }
        int length = HEADER_LENGTH + objects.encodedLength();
        if (length > ModbusLimits.MAX_PDU_LENGTH) {
            throw new IllegalArgumentException(String.format(
                    "Read Device Identification: %d objects take %d bytes, more than a 253-byte response holds",
                    objects.size(), length));
        }
    }

    /** Whether {@code level} is a conformity level the specification defines. */
    public static boolean isConformityLevel(int level) {
        int category = level & ~CONFORMITY_INDIVIDUAL_ACCESS;
        return (level & ~0x83) == 0 && category >= CONFORMITY_BASIC && category <= CONFORMITY_EXTENDED;
    }

    /** Whether the device supports individual access, by the conformity level. */
    public boolean individualAccess() {
        return (conformityLevel & CONFORMITY_INDIVIDUAL_ACCESS) != 0;
    }

    @Override
    public int functionCode() {
        return FunctionCode.ENCAPSULATED_INTERFACE_TRANSPORT.code();
    }
}
