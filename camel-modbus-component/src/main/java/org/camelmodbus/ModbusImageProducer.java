package org.camelmodbus;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.camelmodbus.server.ProcessImage;

/**
 * Puts the message's values into a register image, where Modbus clients of the tcp-server routes that serve it read
 * them: {@code from("kafka:plant").to("modbus:image:plant?address=100")}. The body holds the values (a number or
 * boolean, a list or array of them, or text such as "1,2,3") for the table of the endpoint (or header
 * {@link ModbusConstants#TABLE}) from its address (or header {@link ModbusConstants#ADDRESS}) on. Values outside the
 * table or its range fail the exchange and change nothing. The body stays as it was.
 */
public class ModbusImageProducer extends DefaultProducer {
    private final ProcessImage image;

    public ModbusImageProducer(ModbusEndpoint endpoint, ProcessImage image) {
        super(endpoint);
        this.image = image;
    }

    @Override
    public ModbusEndpoint getEndpoint() {
        return (ModbusEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        ModbusConfiguration c = getEndpoint().getConfiguration();
        Message in = exchange.getMessage();
        Object tableHeader = in.getHeader(ModbusConstants.TABLE);
        ModbusTable table = tableHeader == null ? c.getTable() : ModbusTable.parse(tableHeader);
        int address = in.getHeader(ModbusConstants.ADDRESS, c.getAddress(), Integer.class);
        Object body = in.getBody();
        if (table.holdsBits()) {
            boolean[] bits = WriteValues.bits(body).toArray();
            if (table == ModbusTable.coils) {
                image.setCoils(address, bits);
            } else {
                image.setDiscreteInputs(address, bits);
            }
        } else {
            int[] registers = WriteValues.registers(body).toArray();
            if (table == ModbusTable.holdingRegisters) {
                image.setHoldingRegisters(address, registers);
            } else {
                image.setInputRegisters(address, registers);
            }
        }
    }
}
