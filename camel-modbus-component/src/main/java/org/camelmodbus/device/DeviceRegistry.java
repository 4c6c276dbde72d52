package org.camelmodbus.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.camelmodbus.client.ModbusClient;

/**
 * One client per device, shared by every endpoint that names the device and closed when the last one lets go.
 * A device has one set of connection settings: endpoints that disagree on them are refused with a message that says
 * which setting differs, instead of one silently winning.
 */
public final class DeviceRegistry {
    private final Map<String, Entry> devices = new HashMap<>();

    /**
     * Returns the device's client, creating it with {@code factory} for the first user.
     *
     * @param device the device in URI form, for example {@code tcp://plc1:502}
     * @param settings whatever must be the same for all users of the device (a record with a readable toString)
     */
    public synchronized ModbusClient acquire(String device, Object settings, Supplier<ModbusClient> factory) {
        Entry entry = devices.get(device);
        if (entry == null) {
            entry = new Entry(factory.get(), settings);
            devices.put(device, entry);
        } else if (!Objects.equals(entry.settings, settings)) {
            throw new IllegalArgumentException(String.format(
                    "%s is already in use with %s; every endpoint of one device must use the same connection"
                            + " settings, but this one asks for %s",
                    device, entry.settings, settings));
        }
        entry.users++;
        return entry.client;
    }

    /** Drops one use of the device; the last release closes its connection and returns true. */
    public boolean release(String device) {
        ModbusClient toClose = null;
        synchronized (this) {
            Entry entry = devices.get(device);
            if (entry != null && --entry.users == 0) {
                devices.remove(device);
                toClose = entry.client;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
        return toClose != null;
    }

    /** The clients of the devices in use. */
    public synchronized List<ModbusClient> clients() {
        return devices.values().stream().map(e -> e.client).toList();
    }

    public synchronized int size() {
        return devices.size();
    }

    private static final class Entry {
        final ModbusClient client;
        final Object settings;
        int users;

        Entry(ModbusClient client, Object settings) {
            this.client = client;
            this.settings = settings;
        }
    }
}
