package org.camelmodbus.protocol;

import java.util.Objects;

/** Answer to {@link ReadCoilsRequest}: the coil states, as many as requested. */
public record ReadCoilsResponse(BitValues coils) implements ModbusResponse {
    public ReadCoilsResponse {
        Objects.requireNonNull(coils, "coils");
        ModbusLimits.checkQuantity(FunctionCode.READ_COILS, coils.size(), ModbusLimits.MAX_READ_BITS);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_COILS.code();
    }
}
