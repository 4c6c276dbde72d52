package org.camelmodbus.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.ModbusException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteMultipleCoilsRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;

/**
 * When a failed request is sent again. Reads are retried after any transient failure. A write is retried only when
 * it certainly did not take effect (never sent, or refused with a retryable exception code that says the device did
 * not act on it), unless the user accepts at-least-once writes with {@code retryUncertainWrites}: after a timeout, a
 * connection lost mid-request, or a code such as 5 (acknowledge: accepted and still working on it) or 4 (failed part
 * way), the device may well have applied it.
 *
 * @param retries attempts after the first, 0 disables retrying
 * @param delay wait before the first retry; doubles for each further one
 * @param delayMax cap on that wait
 * @param exceptionCodes exception response codes worth retrying; the device said it is busy or still working
 * @param retryUncertainWrites also retry writes whose outcome is unknown (at-least-once instead of at-most-once)
 */
public record RetryPolicy(
        int retries, Duration delay, Duration delayMax, Set<Integer> exceptionCodes, boolean retryUncertainWrites) {

    public static final Set<Integer> TRANSIENT_CODES =
            Set.of(ExceptionCode.ACKNOWLEDGE.code(), ExceptionCode.SERVER_DEVICE_BUSY.code());

    /**
     * Codes by which the device (or a gateway before it) says it did not act on the request: illegal function,
     * address or value, busy, and no path to the unit. Any other code may follow a change already made.
     */
    static final Set<Integer> NOT_APPLIED_CODES = Set.of(
            ExceptionCode.ILLEGAL_FUNCTION.code(),
            ExceptionCode.ILLEGAL_DATA_ADDRESS.code(),
            ExceptionCode.ILLEGAL_DATA_VALUE.code(),
            ExceptionCode.SERVER_DEVICE_BUSY.code(),
            ExceptionCode.GATEWAY_PATH_UNAVAILABLE.code());

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, TRANSIENT_CODES, false);

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(delayMax, "delayMax");
        if (delay.isNegative() || delayMax.compareTo(delay) < 0) {
            throw new IllegalArgumentException(
                    "retry delays must satisfy 0 <= retryDelay <= retryDelayMax, got " + delay + " and " + delayMax);
        }
        exceptionCodes = Set.copyOf(exceptionCodes);
    }

    /** Whether attempt number {@code attempt} (1 = the first send) that failed with {@code error} is worth another. */
    public boolean shouldRetry(ModbusRequest request, Throwable error, int attempt) {
        if (attempt > retries || !(error instanceof ModbusException)) {
            return false;
        }
        if (error instanceof ModbusRequestRejectedException || error instanceof ModbusUnitUnavailableException) {
            return false; // back-pressure, shutdown or a parked unit: retrying would only add load
        }
        boolean uncertain;
        if (error instanceof ModbusExceptionResponseException refused) {
            if (!exceptionCodes.contains(refused.exceptionCode())) {
                return false;
            }
            uncertain = !NOT_APPLIED_CODES.contains(refused.exceptionCode());
        } else {
            uncertain = error instanceof ModbusConnectionException c
                    ? c.mayHaveReachedDevice()
                    : !(error instanceof ModbusTimeoutException t) || t.mayHaveReachedDevice();
        }
        return !uncertain || !changesState(request) || retryUncertainWrites;
    }

    /** Wait before attempt {@code attempt + 1}. */
    public Duration delayAfter(int attempt) {
        long millis = delay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, delayMax.toMillis()));
    }

    /** Whether {@code request} may change the device; a raw PDU might, as nobody here knows what it does. */
    static boolean changesState(ModbusRequest request) {
        return request instanceof WriteSingleCoilRequest
                || request instanceof WriteSingleRegisterRequest
                || request instanceof WriteMultipleCoilsRequest
                || request instanceof WriteMultipleRegistersRequest
                || request instanceof MaskWriteRegisterRequest
                || request instanceof ReadWriteMultipleRegistersRequest
                || request instanceof RawRequest;
    }
}
