package org.camelmodbus.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Device identification objects, as Read Device Identification (0x2B / 0x0E) carries them: an immutable map of object
 * id (0..255) to value (0..244 bytes), in the order given. Objects 0x00..0x06 are ASCII strings whose meaning the
 * specification fixes (constants below); 0x07..0x7F are reserved for regular objects, 0x80..0xFF are private to the
 * device. Values are kept as bytes; the string views read one character per byte (ISO-8859-1), so ASCII reads as is
 * and no byte is ever lost.
 */
public final class DeviceIdentification {
    /** Basic, mandatory: the vendor's name. */
    public static final int VENDOR_NAME = 0x00;
    /** Basic, mandatory: the product code. */
    public static final int PRODUCT_CODE = 0x01;
    /** Basic, mandatory: the revision, major and minor. */
    public static final int MAJOR_MINOR_REVISION = 0x02;
    /** Regular, optional. */
    public static final int VENDOR_URL = 0x03;
    /** Regular, optional. */
    public static final int PRODUCT_NAME = 0x04;
    /** Regular, optional. */
    public static final int MODEL_NAME = 0x05;
    /** Regular, optional. */
    public static final int USER_APPLICATION_NAME = 0x06;

    private static final String[] STANDARD_NAMES = {
        "VendorName",
        "ProductCode",
        "MajorMinorRevision",
        "VendorUrl",
        "ProductName",
        "ModelName",
        "UserApplicationName"
    };

    public static final DeviceIdentification EMPTY = new DeviceIdentification(new int[0], new byte[0][]);

    private final int[] ids;
    private final byte[][] values;

    private DeviceIdentification(int[] ids, byte[][] values) {
        this.ids = ids;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The objects of {@code objects}, in its iteration order; values are copied. */
    public static DeviceIdentification of(Map<Integer, byte[]> objects) {
        Builder builder = builder();
        objects.forEach(builder::add);
        return builder.build();
    }

    /** String objects, in the map's iteration order, one byte per character (ISO-8859-1). */
    public static DeviceIdentification ofStrings(Map<Integer, String> objects) {
        Builder builder = builder();
        objects.forEach(builder::add);
        return builder.build();
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The object ids, in order. */
    public List<Integer> objectIds() {
        List<Integer> list = new ArrayList<>(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return Collections.unmodifiableList(list);
    }

    public boolean contains(int objectId) {
        return indexOf(objectId) >= 0;
    }

    /** A copy of the object's value. */
    public Optional<byte[]> get(int objectId) {
        int i = indexOf(objectId);
        return i < 0 ? Optional.empty() : Optional.of(values[i].clone());
    }

    /** The object's value as a string, one character per byte. */
    public Optional<String> getString(int objectId) {
        int i = indexOf(objectId);
        return i < 0 ? Optional.empty() : Optional.of(new String(values[i], StandardCharsets.ISO_8859_1));
    }

    public Optional<String> vendorName() {
        return getString(VENDOR_NAME);
    }

    public Optional<String> productCode() {
        return getString(PRODUCT_CODE);
    }

    public Optional<String> majorMinorRevision() {
        return getString(MAJOR_MINOR_REVISION);
    }

    public Optional<String> vendorUrl() {
        return getString(VENDOR_URL);
    }

    public Optional<String> productName() {
        return getString(PRODUCT_NAME);
    }

    public Optional<String> modelName() {
        return getString(MODEL_NAME);
    }

    public Optional<String> userApplicationName() {
        return getString(USER_APPLICATION_NAME);
    }

    /** All objects in order, as an unmodifiable map of copies. */
    public Map<Integer, byte[]> asMap() {
        Map<Integer, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            map.put(ids[i], values[i].clone());
        }
        return Collections.unmodifiableMap(map);
    }

    /** These objects followed by {@code more}'s; an object id in both is an error. */
    public DeviceIdentification merge(DeviceIdentification more) {
        Builder builder = builder();
        for (int i = 0; i < ids.length; i++) {
            builder.add(ids[i], values[i]);
        }
        for (int i = 0; i < more.ids.length; i++) {
            builder.add(more.ids[i], more.values[i]);
        }
        return builder.build();
    }

    /** Bytes the objects take in a response: id, length and value each. */
    int encodedLength() {
        int length = 0;
        for (byte[] value : values) {
            length += 2 + value.length;
        }
        return length;
    }

    /** Writes id, length and value of each object from {@code offset}; returns the offset after the last. */
    int encodeInto(byte[] target, int offset) {
        for (int i = 0; i < ids.length; i++) {
            target[offset++] = (byte) ids[i];
            target[offset++] = (byte) values[i].length;
            System.arraycopy(values[i], 0, target, offset, values[i].length);
            offset += values[i].length;
        }
        return offset;
    }

    /** "VendorName" ... "UserApplicationName" for the objects the specification names, "0x80" for the others. */
    public static String objectName(int objectId) {
        return objectId >= 0 && objectId < STANDARD_NAMES.length
                ? STANDARD_NAMES[objectId]
                : String.format("0x%02X", objectId);
    }

    /** The id {@link #objectName} gives {@code name}: a standard name (any case), or a number such as "0x80" or "128". */
    public static OptionalInt objectId(String name) {
        String trimmed = name.trim();
        for (int i = 0; i < STANDARD_NAMES.length; i++) {
            if (STANDARD_NAMES[i].equalsIgnoreCase(trimmed)) {
                return OptionalInt.of(i);
            }
        }
        try {
            int id = trimmed.startsWith("0x") || trimmed.startsWith("0X")
                    ? Integer.parseInt(trimmed.substring(2), 16)
                    : Integer.parseInt(trimmed);
            return id >= 0 && id <= 0xFF ? OptionalInt.of(id) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private int indexOf(int objectId) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == objectId) {
                return i;
            }
        }
        return -1;
    }

    /** Equal when they hold the same objects in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceIdentification other
                && Arrays.equals(ids, other.ids)
                && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.deepHashCode(values);
    }

    /** {VendorName="camel-modbus", 0x80=[01 02]}: printable ASCII values in quotes, others in hex. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(objectName(ids[i])).append('=');
            if (printable(values[i])) {
                sb.append('"')
                        .append(new String(values[i], StandardCharsets.ISO_8859_1))
                        .append('"');
            } else {
                sb.append('[').append(HexFormatting.hex(values[i])).append(']');
            }
        }
        return sb.append('}').toString();
    }

    private static boolean printable(byte[] value) {
        for (byte b : value) {
            if (b < 0x20 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Collects objects in the order added. */
    public static final class Builder {
        private final List<Integer> ids = new ArrayList<>();
        private final List<byte[]> values = new ArrayList<>();

        private Builder() {}

        /**
         * Adds an object.
         *
         * @param objectId 0..255, not yet added
         * @param value 0..244 bytes, copied
         */
        public Builder add(int objectId, byte[] value) {
            Objects.requireNonNull(value, "value");
            if (objectId < 0 || objectId > 0xFF) {
                throw new IllegalArgumentException(
                        "device identification object id " + objectId + " is out of range 0..255");
            }
            if (value.length > ModbusLimits.MAX_DEVICE_ID_OBJECT_LENGTH) {
                throw new IllegalArgumentException(String.format(
                        "device identification object %s has %d bytes; at most %d fit a response",
                        objectName(objectId), value.length, ModbusLimits.MAX_DEVICE_ID_OBJECT_LENGTH));
            }
            if (ids.contains(objectId)) {
                throw new IllegalArgumentException(
                        "device identification object " + objectName(objectId) + " is given twice");
            }
            ids.add(objectId);
            values.add(value.clone());
            return this;
        }

        /** Adds a string object, one byte per character (ISO-8859-1; other characters become '?'). */
        public Builder add(int objectId, String value) {
            return add(objectId, Objects.requireNonNull(value, "value").getBytes(StandardCharsets.ISO_8859_1));
        }

        public DeviceIdentification build() {
            int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
            return new DeviceIdentification(idArray, values.toArray(new byte[0][]));
        }
    }
}
