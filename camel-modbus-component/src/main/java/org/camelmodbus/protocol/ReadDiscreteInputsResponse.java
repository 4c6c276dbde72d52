package org.camelmodbus.protocol;

import java.util.Objects;

/** Answer to {@link ReadDiscreteInputsRequest}: the input states, as many as requested. */
public record ReadDiscreteInputsResponse(BitValues inputs) implements ModbusResponse {
    public ReadDiscreteInputsResponse {
        Objects.requireNonNull(inputs, "inputs");
        ModbusLimits.checkQuantity(FunctionCode.READ_DISCRETE_INPUTS, inputs.size(), ModbusLimits.MAX_READ_BITS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_DISCRETE_INPUTS.code();
    }
}
