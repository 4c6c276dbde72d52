package org.camelmodbus;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.camelmodbus.data.Point;
import org.camelmodbus.data.PointKind;
import org.camelmodbus.data.PointWrite;
import org.camelmodbus.data.RegisterMap;
import org.camelmodbus.server.ProcessImage;

/**
 * Puts the message's values into a register image, where Modbus clients of the tcp-server routes that serve it read
 * them: {@code from("kafka:plant").to("modbus:image:plant?address=100")}. The body holds the values (a number or
 * boolean, a list or array of them, or text such as "1,2,3") for the table of the endpoint (or header
 * {@link ModbusConstants#TABLE}) from its address (or header {@link ModbusConstants#ADDRESS}) on. Values outside the
 * table or its range fail the exchange and change nothing. With a register map, a Map body sets points by name
 * instead: {@code {"voltageL1": 231.5, "running": true}}. The body stays as it was.
 */
public class ModbusImageProducer extends DefaultProducer {
    private final ProcessImage image;
    private final RegisterMap registerMap;

    /** @param registerMap the points a Map body names, or null */
    public ModbusImageProducer(ModbusEndpoint endpoint, ProcessImage image, RegisterMap registerMap) {
        super(endpoint);
        this.image = image;
        this.registerMap = registerMap;
    }

    @Override
    public ModbusEndpoint getEndpoint() {
        return (ModbusEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        ModbusConfiguration c = getEndpoint().getConfiguration();
        Message in = exchange.getMessage();
        if (in.getBody() instanceof Map<?, ?> values) {
            setPoints(values);
            return;
        }
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

    /** Encodes every value first, so that a bad one changes nothing; then sets them all while no client reads. */
    private void setPoints(Map<?, ?> values) {
        if (registerMap == null) {
            throw new IllegalArgumentException("A Map body sets named points, but " + getEndpoint()
                    + " has no registerMap; send a value or list of values for table and address instead");
        }
        Map<Point, PointWrite> writes = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Point point = registerMap.require(String.valueOf(name));
            writes.put(point, point.encodeServed(value));
        });
        synchronized (image) { // ProcessImage synchronizes on itself: clients see all of the points or none
            writes.forEach(this::set);
        }
    }

    private void set(Point point, PointWrite write) {
        boolean holding = point.kind() == PointKind.HOLDING_REGISTER;
        if (write instanceof PointWrite.Registers r) {
            if (holding) {
                image.setHoldingRegisters(r.address(), r.values());
            } else {
                image.setInputRegisters(r.address(), r.values());
            }
        } else if (write instanceof PointWrite.Coil c) {
            if (point.kind() == PointKind.COIL) {
                image.setCoils(c.address(), c.value());
            } else {
                image.setDiscreteInputs(c.address(), c.value());
            }
        } else if (write instanceof PointWrite.RegisterBit b) {
            int a = b.address();
            int old = holding ? image.holdingRegister(a) : image.inputRegister(a);
            int changed = (old & b.andMask()) | b.orMask();
            if (holding) {
                image.setHoldingRegisters(a, changed);
            } else {
                image.setInputRegisters(a, changed);
            }
        }
    }
}
