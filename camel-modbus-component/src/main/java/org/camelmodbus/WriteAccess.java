package org.camelmodbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.RequestCodec;
import org.camelmodbus.protocol.WriteMultipleCoilsRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;

/**
 * Which writes an endpoint may send, checked on the final request, after headers and body had their say, so no
 * message can steer a write elsewhere: none with {@code readOnly}; otherwise only to the unit ids of
 * {@code writeUnitIds} and inside the coil and holding register ranges of {@code writeAllow}, when set. A raw request
 * is judged by what it decodes to; one whose effect cannot be known (a vendor function) is refused whenever a
 * restriction is set.
 */
final class WriteAccess {
    static final WriteAccess UNRESTRICTED = new WriteAccess(false, null, null, null);

    private enum Table {
        coil,
        holding
    }

    private record Range(Table table, int first, int last) {
        boolean covers(Table t, int from, int to) {
            return table == t && first <= from && to <= last;
        }
    }

    /** What a request writes: a range of one table. */
    private record Target(Table table, int first, int last) {}

    private final boolean readOnly;
    private final List<Range> allowed; // null: any address
    private final Set<Integer> unitIds; // null: any unit
    private final String description;

    private WriteAccess(boolean readOnly, List<Range> allowed, Set<Integer> unitIds, String description) {
        this.readOnly = readOnly;
        this.allowed = allowed;
        this.unitIds = unitIds;
        this.description = description;
    }

    /** Parses the options, refusing anything it cannot read with a message that names the option and the part. */
    static WriteAccess of(boolean readOnly, String writeAllow, String writeUnitIds) {
        List<Range> ranges = writeAllow == null ? null : ranges(writeAllow);
        Set<Integer> units = writeUnitIds == null ? null : unitIds(writeUnitIds);
        if (!readOnly && ranges == null && units == null) {
            return UNRESTRICTED;
        }
        List<String> parts = new ArrayList<>();
        if (readOnly) {
            parts.add("readOnly=true");
        }
        if (writeAllow != null) {
            parts.add("writeAllow=" + writeAllow);
        }
        if (writeUnitIds != null) {
            parts.add("writeUnitIds=" + writeUnitIds);
        }
        return new WriteAccess(readOnly, ranges, units, String.join(", ", parts));
    }

    /** Throws {@link ModbusWriteDeniedException} unless {@code request} to {@code unitId} may be sent. */
    void check(String device, int unitId, ModbusRequest request) {
        if (this == UNRESTRICTED) {
            return;
        }
        Target target;
        try {
            target = target(request);
        } catch (UnknownEffect e) {
            throw denied(device, unitId, request, "its effect on the device cannot be known (" + e.getMessage() + ")");
        }
        if (target == null) {
            return; // a read
        }
        if (readOnly) {
            throw denied(device, unitId, request, "the endpoint is read-only");
        }
        if (unitIds != null && !unitIds.contains(unitId)) {
            throw denied(device, unitId, request, "unit " + unitId + " may not be written");
        }
        if (allowed != null && allowed.stream().noneMatch(r -> r.covers(target.table, target.first, target.last))) {
            throw denied(
                    device,
                    unitId,
                    request,
                    target.table + " " + target.first + (target.last == target.first ? "" : "-" + target.last)
                            + " lies outside the allowed ranges");
        }
    }

    private ModbusWriteDeniedException denied(String device, int unitId, ModbusRequest request, String why) {
        return new ModbusWriteDeniedException(String.format(
                "%s unit %d: refused to send %s: %s (%s); nothing was sent",
                device, unitId, request.describe(), why, description));
    }

    private static final class UnknownEffect extends Exception {
        UnknownEffect(String message) {
            super(message, null, false, false);
        }
    }

    /** The range {@code request} writes; null for a request that changes nothing. */
    private static Target target(ModbusRequest request) throws UnknownEffect {
        if (request instanceof WriteSingleCoilRequest || request instanceof WriteMultipleCoilsRequest) {
            return addressed(Table.coil, (AddressedRequest) request);
        }
        if (request instanceof WriteSingleRegisterRequest
                || request instanceof WriteMultipleRegistersRequest
                || request instanceof MaskWriteRegisterRequest) {
            return addressed(Table.holding, (AddressedRequest) request);
        }
        if (request instanceof ReadWriteMultipleRegistersRequest r) {
            return new Target(
                    Table.holding,
                    r.writeAddress(),
                    r.writeAddress() + r.values().size() - 1);
        }
        if (request instanceof RawRequest r) {
            return target(decode(r));
        }
        return null;
    }

    private static Target addressed(Table table, AddressedRequest r) {
        return new Target(table, r.address(), r.address() + r.quantity() - 1);
    }

    /** A raw request as the typed request it is, if it is one this library models. */
    private static ModbusRequest decode(RawRequest raw) throws UnknownEffect {
        byte[] pdu = new byte[raw.data().length + 1];
        pdu[0] = (byte) raw.functionCode();
        System.arraycopy(raw.data(), 0, pdu, 1, raw.data().length);
        ModbusRequest typed;
        try {
            typed = RequestCodec.decode(pdu);
        } catch (ModbusProtocolException e) {
            throw new UnknownEffect(String.format("raw function 0x%02X: %s", raw.functionCode(), e.getMessage()));
        }
        if (typed instanceof RawRequest) {
            throw new UnknownEffect(String.format("raw function 0x%02X", raw.functionCode()));
        }
        return typed;
    }

    private static List<Range> ranges(String writeAllow) {
        List<Range> ranges = new ArrayList<>();
        for (String part : writeAllow.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "writeAllow: '" + p + "' is not table:first-last, for example holding:100-199 or coil:5");
            }
            Table table = table(p.substring(0, colon).trim());
            String span = p.substring(colon + 1).trim();
            int dash = span.indexOf('-');
            int first = address(p, dash < 0 ? span : span.substring(0, dash));
            int last = dash < 0 ? first : address(p, span.substring(dash + 1));
            if (last < first) {
                throw new IllegalArgumentException("writeAllow: '" + p + "' ends before it starts");
            }
            ranges.add(new Range(table, first, last));
        }
        return List.copyOf(ranges);
    }

    private static Table table(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "coil", "coils" -> Table.coil;
            case "holding", "holdingregister", "holdingregisters" -> Table.holding;
            case "input", "inputregister", "inputregisters", "discrete", "discreteinput", "discreteinputs" ->
                throw new IllegalArgumentException(
                        "writeAllow: " + name + " cannot be written by any Modbus function; allow coil or holding");
            default ->
                throw new IllegalArgumentException(
                        "writeAllow: unknown table '" + name + "'; expected coil or holding");
        };
    }

    private static int address(String part, String text) {
        try {
            int address = Integer.parseInt(text.trim());
            if (address < 0 || address >= ModbusLimits.ADDRESS_SPACE) {
                throw new IllegalArgumentException(
                        "writeAllow: address " + address + " in '" + part + "' is out of range 0..65535");
            }
            return address;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("writeAllow: '" + text.trim() + "' in '" + part + "' is not an address");
        }
    }

    private static Set<Integer> unitIds(String writeUnitIds) {
        Set<Integer> units = new TreeSet<>();
        for (String part : writeUnitIds.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int unit = Integer.parseInt(part.trim());
                ModbusLimits.checkUnitId(unit);
                units.add(unit);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("writeUnitIds: '" + part.trim() + "' is not a unit id");
            }
        }
        return Set.copyOf(units);
    }
}
