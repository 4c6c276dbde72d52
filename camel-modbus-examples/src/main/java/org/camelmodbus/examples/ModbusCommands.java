package org.camelmodbus.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelmodbus.ModbusConstants;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.client.ModbusRequestRejectedException;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.client.ModbusUnitUnavailableException;

/**
 * The write commands that arrive over MQTT, Kafka, HTTP and the dashboard's WebSocket, as JSON. A point of the
 * device's register map by name, with its typed value: {@code {"id": "c1", "point": "setpoint", "value": 21.5}}; or
 * registers and coils by address: {@code {"id": "c1", "unitId": 1, "function": "writeSingleRegister", "address": 100,
 * "value": 42}}, where only the four writes of the data tables are accepted ({@code writeSingleRegister}, {@code
 * writeMultipleRegisters}, {@code writeSingleCoil}, {@code writeMultipleCoils}) and {@code value} is a number or
 * boolean, or a list of them for the multiple writes. {@code id} and {@code unitId} are optional. The route {@code modbus-command} (examples/common) uses the
 * three steps below around the {@code modbus:} producer, so every command gets exactly one JSON result:
 * {@code {"id": "c1", "ok": true, ...}} or {@code {"id": "c1", "ok": false, "status": 400, "error": ..., "message":
 * ...}}, where status is the HTTP status that fits the failure.
 */
public final class ModbusCommands {
    static final List<String> FUNCTIONS =
            List.of("writeSingleRegister", "writeMultipleRegisters", "writeSingleCoil", "writeMultipleCoils");

    /** The data tables as the HTTP example names them in paths, with their read and write functions. */
    enum Table {
        coils("readCoils", "writeSingleCoil", "writeMultipleCoils"),
        discreteInputs("readDiscreteInputs", null, null),
        holdingRegisters("readHoldingRegisters", "writeSingleRegister", "writeMultipleRegisters"),
        inputRegisters("readInputRegisters", null, null);

        final String read;
        final String writeOne;
        final String writeMany;

        Table(String read, String writeOne, String writeMany) {
            this.read = read;
            this.writeOne = writeOne;
            this.writeMany = writeMany;
        }

        static Table of(Object name) {
            for (Table t : values()) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            throw new InvalidCommandException(
                    "unknown table " + quoted(name) + ": expected one of " + List.of(values()));
        }
    }

    private static final String COMMAND = "modbusCommand";

    /** Header the command route chooses the endpoint by: {@code point} for a write by name, else by address. */
    public static final String TARGET = "modbusCommandTarget";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A command that cannot be executed as it is: the sender's mistake (HTTP 400). */
    public static final class InvalidCommandException extends IllegalArgumentException {
        InvalidCommandException(String message) {
            super(message);
        }
    }

    /**
     * Checks the command in the body and turns it into what the {@code modbus:} producer takes: function, address and
     * unit id headers, the value as body.
     */
    public void prepare(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, Object> command = parse(in.getBody(String.class));
        exchange.setVariable(COMMAND, command);
        Integer unitId = whole(command, "unitId", 255, false);
        if (unitId != null) {
            in.setHeader(ModbusConstants.UNIT_ID, unitId);
        }
        if (command.containsKey("point")) {
            preparePoint(in, command);
            return;
        }
        in.setHeader(TARGET, "address");
        Object function = command.get("function");
        if (!FUNCTIONS.contains(function)) {
            throw new InvalidCommandException("function must be one of " + FUNCTIONS + ", not " + quoted(function));
        }
        boolean multiple = function.toString().startsWith("writeMultiple");
        Object value = command.get("value");
        if (value == null) {
            throw new InvalidCommandException("value is missing: " + (multiple ? "a list of values" : "one value"));
        }
        if (multiple != value instanceof List) {
            throw new InvalidCommandException(
                    function + " takes " + (multiple ? "a list of values" : "one value, not a list") + " as value");
        }
        in.setHeader(ModbusConstants.FUNCTION, function);
        in.setHeader(ModbusConstants.ADDRESS, whole(command, "address", 0xFFFF, true));
        in.setBody(value);
    }

    /** A write by point name: the register map's producer takes {name: value} and checks both before sending. */
    private static void preparePoint(Message in, Map<String, Object> command) {
        if (!(command.get("point") instanceof String point) || point.isBlank()) {
            throw new InvalidCommandException("point must be a point's name, not " + quoted(command.get("point")));
        }
        Object value = command.get("value");
        if (value == null || value instanceof List || value instanceof Map) {
            throw new InvalidCommandException("value must be the point's new value, not " + quoted(value));
        }
        in.setHeader(TARGET, "point");
        in.setBody(Map.of(point, value));
    }

    /**
     * Turns a write addressed by path, {@code PUT /api/TABLE/ADDRESS} with a value or a JSON list of values as body,
     * into a command: the body, parsed as JSON, becomes its value; a list writes several coils or registers.
     */
    public String commandFromPath(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        Table table = Table.of(in.getHeader("table"));
        if (table.writeOne == null) {
            throw new InvalidCommandException(table + " are read-only: write coils or holdingRegisters");
        }
        Object value = parse(in.getBody(String.class), "the value", Object.class);
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("function", value instanceof List ? table.writeMany : table.writeOne);
        command.put("address", wholeText(in.getHeader("address", String.class), "address", 0xFFFF));
        command.put("value", value);
        return JSON.writeValueAsString(command);
    }

    /**
     * Turns a message on an MQTT set topic, {@code .../points/NAME/set} with the new value as payload ({@code 21.5},
     * {@code true}), into a command for that point.
     */
    public String pointCommandFromTopic(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String[] levels = in.getHeader("CamelMqttTopic", "", String.class).split("/");
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("point", levels.length < 2 ? "" : levels[levels.length - 2]);
        command.put("value", parse(in.getBody(String.class), "the value", Object.class));
        return JSON.writeValueAsString(command);
    }

    /**
     * Sets up a read on demand, {@code GET /api/TABLE/ADDRESS?quantity=N} (1 by default), for the {@code modbus:}
     * producer.
     */
    public void read(Exchange exchange) {
        Message in = exchange.getMessage();
        Table table = Table.of(in.getHeader("table"));
        String quantity = in.getHeader("quantity", String.class);
        in.setHeader(ModbusConstants.FUNCTION, table.read);
        in.setHeader(ModbusConstants.ADDRESS, wholeText(in.getHeader("address", String.class), "address", 0xFFFF));
        in.setHeader(ModbusConstants.QUANTITY, quantity == null ? 1 : wholeText(quantity, "quantity", 2000));
        exchange.setVariable(COMMAND, Map.of("table", table.name()));
        in.setBody(null);
    }

    /** The values a read on demand returned. */
    public String readResult(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("device", in.getHeader(ModbusConstants.DEVICE));
        result.put("unitId", in.getHeader(ModbusConstants.UNIT_ID));
        result.put("table", exchange.getVariable(COMMAND, Map.class).get("table"));
        result.put("address", in.getHeader(ModbusConstants.ADDRESS));
        result.put("values", in.getBody());
        return JSON.writeValueAsString(result);
    }

    /** The result of a command the device executed. */
    public String succeeded(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        Map<String, Object> result = result(exchange, true);
        if (in.getHeader(ModbusConstants.DEVICE) != null) {
            result.put("device", in.getHeader(ModbusConstants.DEVICE));
        }
        result.put("unitId", in.getHeader(ModbusConstants.UNIT_ID));
        if ("point".equals(in.getHeader(TARGET))) {
            Map<?, ?> written = in.getBody(Map.class);
            Map.Entry<?, ?> point = written.entrySet().iterator().next();
            result.put("point", point.getKey());
            result.put("value", point.getValue());
        } else {
            result.put("function", in.getHeader(ModbusConstants.FUNCTION));
            result.put("address", in.getHeader(ModbusConstants.ADDRESS));
            result.put("value", in.getBody());
        }
        return JSON.writeValueAsString(result);
    }

    /**
     * The result of a command that failed, from the exception Camel caught; sets {@link Exchange#HTTP_RESPONSE_CODE}
     * to its status for the HTTP example.
     */
    public String failed(Exchange exchange) throws JsonProcessingException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status = status(e);
        Map<String, Object> result = result(exchange, false);
        result.put("status", status);
        result.put("error", e == null ? "unknown" : e.getClass().getSimpleName());
        result.put("message", e == null ? "unknown failure" : e.getMessage());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return JSON.writeValueAsString(result);
    }

    /** The HTTP status that says who has to act: the sender (4xx) or the device and the way to it (5xx). */
    static int status(Exception e) {
        if (e instanceof IllegalArgumentException) {
            return 400; // the command, or a value in it, was wrong; nothing was sent
        }
        if (e instanceof ModbusExceptionResponseException) {
            return 422; // the device understood and refused it, e.g. an address it does not have
        }
        if (e instanceof ModbusTimeoutException) {
            return 504;
        }
        if (e instanceof ModbusConnectionException
                || e instanceof ModbusUnitUnavailableException
                || e instanceof ModbusRequestRejectedException) {
            return 503;
        }
        return 502;
    }

    private static Map<String, Object> result(Exchange exchange, boolean ok) {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<?, ?> command = exchange.getVariable(COMMAND, Map.class);
        result.put("id", command == null ? null : command.get("id"));
        result.put("ok", ok);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidCommandException("the command is empty: expected a JSON object such as "
                    + "{\"function\":\"writeSingleRegister\",\"address\":100,\"value\":42}");
        }
        return parse(body, "the command", Map.class);
    }

    private static <T> T parse(String body, String what, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new InvalidCommandException(what + " is empty");
        }
        Object parsed;
        try {
            parsed = JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException(what + " is not JSON: " + e.getOriginalMessage());
        }
        if (!type.isInstance(parsed)) {
            throw new InvalidCommandException(
                    what + " must be " + (type == Map.class ? "a JSON object" : "a value") + ", not " + body.strip());
        }
        return type.cast(parsed);
    }

    private static int wholeText(String text, String field, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the range
        }
        throw new InvalidCommandException(field + " must be a whole number 0.." + max + ", not " + quoted(text));
    }

    private static Integer whole(Map<String, Object> command, String field, int max, boolean required) {
        Object value = command.get(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof Integer i) || i < 0 || i > max) {
            throw new InvalidCommandException(field + " must be a whole number 0.." + max + ", not " + quoted(value));
        }
        return i;
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
