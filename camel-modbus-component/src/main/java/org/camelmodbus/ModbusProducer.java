package org.camelmodbus;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.ModbusRequest;

/**
 * Executes the endpoint's function for each message, asynchronously: writes take their values from the body, reads
 * put the values in the body. Headers may override unit id, function, address and quantity per message. Every
 * failure, from a bad body to a lost connection, is set on the exchange for the route's error handler.
 */
public class ModbusProducer extends DefaultAsyncProducer {

    public ModbusProducer(ModbusEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ModbusEndpoint getEndpoint() {
        return (ModbusEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ModbusConfiguration c = getEndpoint().getConfiguration();
        Message in = exchange.getMessage();
        int unitId;
        ModbusFunction function;
        ModbusRequest request;
        try {
            unitId = in.getHeader(ModbusConstants.UNIT_ID, c.getUnitId(), Integer.class);
            ModbusLimits.checkUnitId(unitId);
            Object f = in.getHeader(ModbusConstants.FUNCTION);
            function = f == null ? c.getFunction() : ModbusFunction.parse(f.toString());
            int address = in.getHeader(ModbusConstants.ADDRESS, c.getAddress(), Integer.class);
            int quantity = in.getHeader(ModbusConstants.QUANTITY, c.getQuantity(), Integer.class);
            request = ModbusRequests.of(function, address, quantity, function.isRead() ? null : in.getBody());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        getEndpoint().send(unitId, request).whenComplete((response, error) -> {
            if (error != null) {
                exchange.setException(ModbusEndpoint.unwrap(error));
            } else {
                getEndpoint().populate(exchange.getMessage(), unitId, function, request, response);
            }
            callback.done(false);
        });
        return false;
    }
}
