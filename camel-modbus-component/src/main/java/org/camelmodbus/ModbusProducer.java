package org.camelmodbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.camelmodbus.data.PointWrites;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.ModbusRequest;

/**
 * Executes the endpoint's function for each message, asynchronously: writes take their values from the body, reads
 * put what they read in the body. Headers may override unit id, function, address, quantity and the options of the
 * other functions per message. Every failure, from a bad body to a lost connection, is set on the exchange for the
 * route's error handler.
 */
public class ModbusProducer extends DefaultAsyncProducer {
    private ModbusRequests.Spec spec;
    /** What a message without headers asks, when the function takes nothing from the body; otherwise null. */
    private ModbusRequest plainRequest;

    public ModbusProducer(ModbusEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ModbusEndpoint getEndpoint() {
        return (ModbusEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ModbusConfiguration c = getEndpoint().getConfiguration();
        spec = ModbusRequests.Spec.of(c);
        // the endpoint was validated when created, so its own request can be built
        plainRequest = c.getFunction().usesBody() ? null : ModbusRequests.of(c.getFunction(), spec, null);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ModbusConfiguration c = getEndpoint().getConfiguration();
        Message in = exchange.getMessage();
        int unitId;
        ModbusFunction function;
        ModbusRequest request;
        try {
            if (getEndpoint().hasRegisterMap()) {
                unitId = in.getHeader(ModbusConstants.UNIT_ID, c.getUnitId(), Integer.class);
                ModbusLimits.checkUnitId(unitId);
                return points(exchange, callback, unitId);
            } else if (plainRequest != null && !in.hasHeaders()) {
                // nothing to override and no body to take: the endpoint's request as it is
                unitId = c.getUnitId();
                function = c.getFunction();
                request = plainRequest;
            } else {
                unitId = in.getHeader(ModbusConstants.UNIT_ID, c.getUnitId(), Integer.class);
                ModbusLimits.checkUnitId(unitId);
                Object f = in.getHeader(ModbusConstants.FUNCTION);
                function = f == null ? c.getFunction() : ModbusFunction.parse(f.toString());
                request = ModbusRequests.of(function, spec.withHeaders(in), body(function, in));
            }
        } catch (RuntimeException | InvalidPayloadException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        getEndpoint().execute(unitId, request, false).whenComplete((answer, error) -> {
            if (error != null) {
                getEndpoint().breakerState(exchange.getMessage(), unitId);
                exchange.setException(ModbusEndpoint.unwrap(error));
            } else {
                getEndpoint().populate(exchange.getMessage(), unitId, function, request, answer);
            }
            callback.done(false);
        });
        return false;
    }

    /**
     * With a register map: writes the points a Map or JSON object body names, or reads every point when the body is
     * empty. Every point of a write is checked before the first request goes out.
     */
    private boolean points(Exchange exchange, AsyncCallback callback, int unitId) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        if (body == null || body instanceof String text && text.isBlank()) {
            getEndpoint().readPoints(unitId, false).whenComplete((reading, error) -> {
                if (error != null) {
                    getEndpoint().breakerState(exchange.getMessage(), unitId);
                    exchange.setException(ModbusEndpoint.unwrap(error));
                } else {
                    getEndpoint().populate(exchange.getMessage(), unitId, reading);
                }
                callback.done(false);
            });
            return false;
        }
        Map<?, ?> values =
                body instanceof Map<?, ?> map ? map : PointWrites.parseJson(in.getMandatoryBody(String.class));
        List<String> written = new ArrayList<>();
        getEndpoint().writePoints(unitId, values, written).whenComplete((done, error) -> {
            Message out = exchange.getMessage();
            out.setHeader(ModbusConstants.POINTS_WRITTEN, List.copyOf(written));
            out.setHeader(ModbusConstants.UNIT_ID, unitId);
            getEndpoint().breakerState(out, unitId);
            if (error != null) {
                exchange.setException(ModbusEndpoint.unwrap(error));
            }
            callback.done(false);
        });
        return false;
    }

    /** What the function takes from the body: nothing, the body as it is, or its bytes (diagnostics and raw). */
    private static Object body(ModbusFunction function, Message in) throws InvalidPayloadException {
        if (!function.usesBody()) {
            return null;
        }
        if ((function == ModbusFunction.diagnostics || function == ModbusFunction.raw) && in.getBody() != null) {
            return in.getMandatoryBody(byte[].class);
        }
        return in.getBody();
    }
}
