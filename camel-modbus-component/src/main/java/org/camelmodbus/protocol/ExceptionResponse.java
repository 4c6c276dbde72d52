package org.camelmodbus.protocol;

import java.util.Optional;

/**
 * A server's refusal: on the wire the function code with {@link FunctionCode#EXCEPTION_FLAG} set, then one byte of
 * exception code. Codes outside the specification are kept as they came, so nothing a device says is lost.
 *
 * @param functionCode the refused function code, 1..127
 * @param exceptionCode the exception code, 0..255
 */
public record ExceptionResponse(int functionCode, int exceptionCode) implements ModbusResponse {
    public ExceptionResponse {
        if (functionCode < 1 || functionCode > 0x7F) {
            throw new IllegalArgumentException("function code " + functionCode + " is out of range 1..127");
        }
        if (exceptionCode < 0 || exceptionCode > 0xFF) {
            throw new IllegalArgumentException("exception code " + exceptionCode + " is out of range 0..255");
        }
    }

    public ExceptionResponse(FunctionCode function, ExceptionCode code) {
        this(function.code(), code.code());
    }

    public ExceptionResponse(int functionCode, ExceptionCode code) {
        this(functionCode, code.code());
    }

    /** The code as a known {@link ExceptionCode}, empty for codes outside the specification. */
    public Optional<ExceptionCode> code() {
        return ExceptionCode.of(exceptionCode);
    }
}
