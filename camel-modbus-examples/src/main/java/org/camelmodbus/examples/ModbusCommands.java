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
 * The write commands that arrive over MQTT, Kafka, HTTP and the dashboard's WebSocket, as JSON:
 * {@code {"id": "c1", "unitId": 1, "function": "writeSingleRegister", "address": 100, "value": 42}}. Only the four
 * writes of the data tables are accepted ({@code writeSingleRegister}, {@code writeMultipleRegisters}, {@code
 * writeSingleCoil}, {@code writeMultipleCoils}); {@code id} and {@code unitId} are optional; {@code value} is a number
 * or boolean, or a list of them for the multiple writes. The route {@code modbus-command} (examples/common) uses the
 * three steps below around the {@code modbus:} producer, so every command gets exactly one JSON result:
 * {@code {"id": "c1", "ok": true, ...}} or {@code {"id": "c1", "ok": false, "status": 400, "error": ..., "message":
 * ...}}, where status is the HTTP status that fits the failure.
 */
public final class ModbusCommands {
    static final List<String> FUNCTIONS =
            List.of("writeSingleRegister", "writeMultipleRegisters", "writeSingleCoil", "writeMultipleCoils");

    private static final String COMMAND = "modbusCommand";
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
        Integer unitId = whole(command, "unitId", 255, false);
        if (unitId != null) {
            in.setHeader(ModbusConstants.UNIT_ID, unitId);
        }
        in.setBody(value);
    }

    /** The result of a command the device executed. */
    public String succeeded(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        Map<String, Object> result = result(exchange, true);
        result.put("device", in.getHeader(ModbusConstants.DEVICE));
        result.put("unitId", in.getHeader(ModbusConstants.UNIT_ID));
        result.put("function", in.getHeader(ModbusConstants.FUNCTION));
        result.put("address", in.getHeader(ModbusConstants.ADDRESS));
        result.put("value", in.getBody());
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
        Object command;
        try {
            command = JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException("the command is not JSON: " + e.getOriginalMessage());
        }
        if (!(command instanceof Map)) {
            throw new InvalidCommandException("the command must be a JSON object, not " + body.strip());
        }
        return (Map<String, Object>) command;
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
