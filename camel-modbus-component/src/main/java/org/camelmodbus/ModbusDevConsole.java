package org.camelmodbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Component;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusErrorKind;

/**
 * Camel's developer console for Modbus ({@code camel get modbus}, the /q/dev page): every device in use by a modbus
 * component of the context, with its connection, queue, outcomes by kind, last success and error, and parked units.
 */
@org.apache.camel.spi.annotations.DevConsole(
        name = "modbus",
        displayName = "Modbus",
        description = "Modbus devices in use: connection, queue, outcomes")
public class ModbusDevConsole extends AbstractDevConsole {

    public ModbusDevConsole() {
        super("camel", "modbus", "Modbus", "Modbus devices in use: connection, queue, outcomes");
    }

    private List<ModbusClient> clients() {
        List<ModbusClient> clients = new ArrayList<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component component = getCamelContext().hasComponent(name);
            if (component instanceof ModbusComponent modbus) {
                clients.addAll(modbus.clients());
            }
        }
        return clients;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (ModbusClient client : clients()) {
            Map<String, Object> details = DeviceDetails.of(client);
            text.append("Device: ").append(details.remove("device")).append('\n');
            details.forEach((key, value) ->
                    text.append("    ").append(key).append(": ").append(value).append('\n'));
            text.append("    failuresByKind: ").append(failuresByKind(client)).append('\n');
        }
        return text.isEmpty() ? "No Modbus device in use\n" : text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        List<JsonObject> devices = new ArrayList<>();
        for (ModbusClient client : clients()) {
            JsonObject device = new JsonObject(DeviceDetails.of(client));
            device.put("failuresByKind", failuresByKind(client));
            devices.add(device);
        }
        JsonObject root = new JsonObject();
        root.put("devices", devices);
        return root;
    }

    private static JsonObject failuresByKind(ModbusClient client) {
        JsonObject byKind = new JsonObject();
        for (ModbusErrorKind kind : ModbusErrorKind.values()) {
            byKind.put(kind.name(), client.stats().failures(kind));
        }
        return byKind;
    }
}
