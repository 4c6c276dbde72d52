package org.camelmodbus.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.MaskWriteRegisterRequest;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.RawRequest;
import org.camelmodbus.protocol.ReadExceptionStatusRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final ModbusRequest READ = new ReadHoldingRegistersRequest(0, 1);
    private static final ModbusRequest WRITE = new WriteSingleRegisterRequest(0, 1);
    private final RetryPolicy policy = policy(false);

    private static RetryPolicy policy(boolean uncertainWrites) {
        return new RetryPolicy(
                3, Duration.ofMillis(100), Duration.ofMillis(350), RetryPolicy.TRANSIENT_CODES, uncertainWrites);
    }

    @Test
    void retriesTransientExceptionCodesForReadsAndWrites() {
        assertTrue(policy.shouldRetry(READ, refused(READ, ExceptionCode.SERVER_DEVICE_BUSY), 1));
        assertTrue(policy.shouldRetry(READ, refused(READ, ExceptionCode.ACKNOWLEDGE), 1));
        assertTrue(policy.shouldRetry(WRITE, refused(WRITE, ExceptionCode.SERVER_DEVICE_BUSY), 1));
    }

    @Test
    void aWriteTheDeviceAcceptedOrFailedPartWayIsAnUncertainWrite() {
        Set<Integer> codes = Set.of(4, 5, 6, 0x0A, 0x0B);
        RetryPolicy listsThem = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, codes, false);
        RetryPolicy atLeastOnce = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, codes, true);
        for (ExceptionCode code : new ExceptionCode[] {
            ExceptionCode.ACKNOWLEDGE,
            ExceptionCode.SERVER_DEVICE_FAILURE,
            ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND
        }) {
            assertTrue(listsThem.shouldRetry(READ, refused(READ, code), 1), code.name());
            assertFalse(listsThem.shouldRetry(WRITE, refused(WRITE, code), 1), code.name());
            assertTrue(atLeastOnce.shouldRetry(WRITE, refused(WRITE, code), 1), code.name());
        }
        // the gateway never reached the unit: the write certainly did not happen
        assertTrue(listsThem.shouldRetry(WRITE, refused(WRITE, ExceptionCode.GATEWAY_PATH_UNAVAILABLE), 1));
    }

    @Test
    void neverRetriesIllegalAddressOrValue() {
        assertFalse(policy.shouldRetry(READ, refused(READ, ExceptionCode.ILLEGAL_DATA_ADDRESS), 1));
        assertFalse(policy.shouldRetry(WRITE, refused(WRITE, ExceptionCode.ILLEGAL_DATA_VALUE), 1));
        assertFalse(policy.shouldRetry(READ, refused(READ, ExceptionCode.ILLEGAL_FUNCTION), 1));
    }

    @Test
    void retriesReadsAfterUncertainFailuresButNotWrites() {
        Exception timeout = new ModbusTimeoutException("tcp://d:502", 1, WRITE, Duration.ofSeconds(1));
        Exception lost = new ModbusConnectionException("lost", null, true);
        Exception garbled = new ModbusProtocolException("bad byte count");
        for (Exception e : new Exception[] {timeout, lost, garbled}) {
            assertTrue(policy.shouldRetry(READ, e, 1), e.getMessage());
            assertFalse(policy.shouldRetry(WRITE, e, 1), e.getMessage());
            assertTrue(policy(true).shouldRetry(WRITE, e, 1), e.getMessage());
        }
    }

    @Test
    void neverRetriesRefusalsOrAParkedUnit() {
        Exception full = new ModbusRequestRejectedException("queue is full");
        Exception parked =
                new ModbusUnitUnavailableException("parked", "tcp://d:502", 7, BreakerState.OPEN, Instant.EPOCH, null);
        for (Exception e : new Exception[] {full, parked}) {
            assertFalse(policy.shouldRetry(READ, e, 1), e.getMessage());
            assertFalse(policy(true).shouldRetry(WRITE, e, 1), e.getMessage());
        }
    }

    @Test
    void treatsEveryStateChangingFunctionAsAWrite() {
        Exception timeout = new ModbusTimeoutException("tcp://d:502", 1, READ, Duration.ofSeconds(1));
        ModbusRequest[] writes = {
            new MaskWriteRegisterRequest(4, 0xF2, 0x25),
            new ReadWriteMultipleRegistersRequest(0, 1, 10, RegisterValues.of(1)),
            new RawRequest(0x41, new byte[] {1})
        };
        for (ModbusRequest write : writes) {
            assertFalse(policy.shouldRetry(write, timeout, 1), write.describe());
        }
        assertTrue(policy.shouldRetry(new ReadExceptionStatusRequest(), timeout, 1));
    }

    @Test
    void retriesWritesThatWereNeverSent() {
        assertTrue(policy.shouldRetry(WRITE, new ModbusConnectionException("unreachable", null), 1));
        assertTrue(policy.shouldRetry(
                WRITE, new ModbusTimeoutException("tcp://d:502", 1, WRITE, Duration.ofSeconds(1), false), 1));
    }

    @Test
    void doesNotRetryRejectionsOrOtherErrorsOrPastTheLimit() {
        assertFalse(policy.shouldRetry(READ, new ModbusRequestRejectedException("queue full"), 1));
        assertFalse(policy.shouldRetry(READ, new IllegalStateException("bug"), 1));
        assertTrue(policy.shouldRetry(READ, new ModbusConnectionException("x", null), 3));
        assertFalse(policy.shouldRetry(READ, new ModbusConnectionException("x", null), 4));
        assertFalse(RetryPolicy.NONE.shouldRetry(READ, new ModbusConnectionException("x", null), 1));
    }

    @Test
    void delaysDoubleUpToTheCap() {
        assertEquals(Duration.ofMillis(100), policy.delayAfter(1));
        assertEquals(Duration.ofMillis(200), policy.delayAfter(2));
        assertEquals(Duration.ofMillis(350), policy.delayAfter(3));
        assertEquals(Duration.ofMillis(350), policy.delayAfter(40));
    }

    @Test
    void validatesItsSettings() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO, RetryPolicy.TRANSIENT_CODES, false));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(
                        1, Duration.ofSeconds(2), Duration.ofSeconds(1), RetryPolicy.TRANSIENT_CODES, false));
    }

    private static ModbusExceptionResponseException refused(ModbusRequest request, ExceptionCode code) {
        return new ModbusExceptionResponseException(
                "tcp://d:502", 1, request, new ExceptionResponse(request.functionCode(), code));
    }
}
