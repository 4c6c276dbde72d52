package org.camelmodbus;

import java.util.List;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
import org.camelmodbus.protocol.ReadDiscreteInputsRequest;
import org.camelmodbus.protocol.ReadDiscreteInputsResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadInputRegistersRequest;
import org.camelmodbus.protocol.ReadInputRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.WriteMultipleCoilsRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;

/** Maps between what an exchange carries and the protocol's requests and responses. */
final class ModbusRequests {
    private ModbusRequests() {}

    /** Builds the request; the protocol records validate ranges, so errors read the same everywhere. */
    static ModbusRequest of(ModbusFunction function, int address, int quantity, Object body) {
        return switch (function) {
            case readCoils -> new ReadCoilsRequest(address, quantity);
            case readDiscreteInputs -> new ReadDiscreteInputsRequest(address, quantity);
            case readHoldingRegisters -> new ReadHoldingRegistersRequest(address, quantity);
            case readInputRegisters -> new ReadInputRegistersRequest(address, quantity);
            case writeSingleCoil ->
                new WriteSingleCoilRequest(
                        address, single(WriteValues.bits(body)).get(0));
            case writeSingleRegister ->
                new WriteSingleRegisterRequest(
                        address, single(WriteValues.registers(body)).get(0));
            case writeMultipleCoils -> new WriteMultipleCoilsRequest(address, WriteValues.bits(body));
            case writeMultipleRegisters -> new WriteMultipleRegistersRequest(address, WriteValues.registers(body));
        };
    }

    /** Checks an endpoint's function, address and quantity when it is created, before any message exists. */
    static void validate(ModbusFunction function, int address, int quantity) {
        // a write's values come with each message; a placeholder lets its address be checked now
        of(function, address, quantity, 0);
    }

    /** Values read, as an immutable list (Boolean for bits, Integer 0..65535 for registers); null for writes. */
    static List<?> body(ModbusResponse response) {
        if (response instanceof ReadCoilsResponse r) {
            return bitList(r.coils());
        } else if (response instanceof ReadDiscreteInputsResponse r) {
            return bitList(r.inputs());
        } else if (response instanceof ReadHoldingRegistersResponse r) {
            return registerList(r.registers());
        } else if (response instanceof ReadInputRegistersResponse r) {
            return registerList(r.registers());
        }
        return null;
    }

    private static List<Boolean> bitList(BitValues bits) {
        Boolean[] values = new Boolean[bits.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = bits.get(i);
        }
        return List.of(values);
    }

    private static List<Integer> registerList(RegisterValues registers) {
        Integer[] values = new Integer[registers.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = registers.get(i);
        }
        return List.of(values);
    }

    private static <T> T single(T values) {
        int size = values instanceof BitValues b ? b.size() : ((RegisterValues) values).size();
        if (size != 1) {
            throw new IllegalArgumentException("A single write takes exactly one value, the message body has " + size
                    + "; use writeMultipleCoils or writeMultipleRegisters for several");
        }
        return values;
    }
}
