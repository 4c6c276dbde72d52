package org.camelmodbus.client;

import java.util.Objects;
import org.camelmodbus.protocol.DeviceIdentification;
import org.camelmodbus.protocol.ReadDeviceIdCode;

/**
 * Everything a Read Device Identification stream returned, its "more follows" continuations merged: the objects in the
 * order the device sent them, however many responses it took.
 *
 * @param readDeviceIdCode what was read
 * @param conformityLevel the device's conformity level, from its last response (0x01..0x03, 0x81..0x83)
 * @param objects all objects read
 * @param responses how many responses the stream took, 1 or more
 */
public record DeviceIdentificationResult(
        ReadDeviceIdCode readDeviceIdCode, int conformityLevel, DeviceIdentification objects, int responses) {
    public DeviceIdentificationResult {
        Objects.requireNonNull(readDeviceIdCode, "readDeviceIdCode");
        Objects.requireNonNull(objects, "objects");
        if (responses < 1) {
            throw new IllegalArgumentException("responses must be at least 1, got " + responses);
        }
    }
}
