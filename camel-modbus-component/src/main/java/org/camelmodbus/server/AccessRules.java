package org.camelmodbus.server;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadFifoQueueRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteMultipleCoilsRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;

/**
 * What clients may ask of a unit: which function codes (others get exception 0x01, illegal function), and which
 * addresses they may read and write (others get 0x02, illegal data address). Checked before a request reaches the
 * image or a route, so a refused request changes nothing and costs no exchange.
 *
 * @param functionCodes the function codes served; empty means all
 * @param readable addresses of coils, inputs and registers that may be read (and FIFO pointer addresses)
 * @param writable addresses of coils and holding registers that may be written
 */
public record AccessRules(Set<Integer> functionCodes, AddressRanges readable, AddressRanges writable) {
    /** Everything allowed. */
    public static final AccessRules NONE = new AccessRules(Set.of(), AddressRanges.ALL, AddressRanges.ALL);

    public AccessRules {
        functionCodes = Set.copyOf(functionCodes);
    }

    /** Why {@code request} is refused, or empty when it may go ahead. */
    public Optional<ExceptionCode> check(ModbusRequest request) {
        if (!functionCodes.isEmpty() && !functionCodes.contains(request.functionCode())) {
            return Optional.of(ExceptionCode.ILLEGAL_FUNCTION);
        }
        boolean allowed = true;
        if (request instanceof AddressedRequest r) {
            allowed = (isWrite(r) ? writable : readable).covers(r.address(), r.quantity());
        } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
            allowed = readable.covers(r.readAddress(), r.readQuantity())
                    && writable.covers(r.writeAddress(), r.writeQuantity());
        } else if (request instanceof ReadFifoQueueRequest r) {
            allowed = readable.covers(r.fifoPointerAddress(), 1);
        }
        return allowed ? Optional.empty() : Optional.of(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    /** {@code handler} behind these rules: refused requests are answered here and never reach it. */
    public ModbusRequestHandler guard(ModbusRequestHandler handler) {
        if (equals(NONE)) {
            return handler;
        }
        return (PeerAwareHandler) (unitId, request, peer) -> {
            Optional<ExceptionCode> refusal = check(request);
            return refusal.isPresent()
                    ? CompletableFuture.<ModbusResponse>completedFuture(
                            new ExceptionResponse(request.functionCode(), refusal.get()))
                    : handler.handle(unitId, request, peer);
        };
    }

    /** Whether {@code request} changes coils or holding registers. */
    public static boolean isWrite(ModbusRequest request) {
        return request instanceof WriteSingleCoilRequest
                || request instanceof WriteSingleRegisterRequest
                || request instanceof WriteMultipleCoilsRequest
                || request instanceof WriteMultipleRegistersRequest
                || request instanceof MaskWriteRegisterRequest
                || request instanceof ReadWriteMultipleRegistersRequest;
    }
}
