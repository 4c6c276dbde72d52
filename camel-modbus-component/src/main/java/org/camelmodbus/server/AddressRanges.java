package org.camelmodbus.server;

import java.util.ArrayList;
import java.util.List;
import org.camelmodbus.protocol.ModbusLimits;

/**
 * A set of addresses written as ranges, for example {@code 0..99,200,300..309}: a request passes when every address
 * it touches lies in one range. Empty text means every address.
 */
public final class AddressRanges {
    /** Every address, 0..65535. */
    public static final AddressRanges ALL = new AddressRanges(List.of(new int[] {0, ModbusLimits.ADDRESS_SPACE - 1}));

    private final List<int[]> ranges;

    private AddressRanges(List<int[]> ranges) {
        this.ranges = ranges;
    }

    /** Parses {@code first..last} and single addresses, comma separated; null or blank means {@link #ALL}. */
    public static AddressRanges parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String range = part.trim();
            int dots = range.indexOf("..");
            int first = address(text, dots < 0 ? range : range.substring(0, dots));
            int last = dots < 0 ? first : address(text, range.substring(dots + 2));
            if (last < first) {
                throw new IllegalArgumentException(
                        "Address range '" + range + "' in '" + text + "' ends before it starts");
            }
            ranges.add(new int[] {first, last});
        }
        return new AddressRanges(List.copyOf(ranges));
    }

    /** Whether {@code address .. address + quantity - 1} lies in one range. */
    public boolean covers(int address, int quantity) {
        int last = address + quantity - 1;
        for (int[] range : ranges) {
            if (address >= range[0] && last <= range[1]) {
                return true;
            }
        }
        return false;
    }

    private static int address(String text, String value) {
        try {
            int address = Integer.decode(value.trim());
            if (address >= 0 && address < ModbusLimits.ADDRESS_SPACE) {
                return address;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole text
        }
        throw new IllegalArgumentException("'" + value.trim() + "' in address ranges '" + text
                + "' is not an address 0..65535; expected for example 0..99,200");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int[] range : ranges) {
            text.append(text.isEmpty() ? "" : ",").append(range[0]).append(range[0] == range[1] ? "" : ".." + range[1]);
        }
        return text.toString();
    }
}
