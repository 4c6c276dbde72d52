package org.camelmodbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;

/** Hex helpers and exception assertions shared by the protocol tests. */
final class ProtocolAssertions {
    private ProtocolAssertions() {}

    /** {@code bytes("01 00 13 00 13")}: hex pairs, spaces ignored. */
    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormatting.hex(bytes);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] result = new byte[first.length + second.length];
        System.arraycopy(first, 0, result, 0, first.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    /** Asserts byte arrays are equal, printing both in hex when they are not. */
    static void assertBytes(String expectedHex, byte[] actual) {
        assertEquals(hex(bytes(expectedHex)), hex(actual));
    }

    /**
     * Asserts {@code call} throws exactly a {@link ModbusProtocolException} (not any other exception, such as an index
     * error) whose message contains every one of {@code messageParts} and whose reply code is {@code replyCode}
     * ({@code null}: no reply code).
     */
    static ModbusProtocolException assertProtocolError(
            Executable call, ExceptionCode replyCode, String... messageParts) {
        ModbusProtocolException e;
        try {
            call.execute();
            return fail("expected a ModbusProtocolException");
        } catch (ModbusProtocolException thrown) {
            e = thrown;
        } catch (Throwable other) {
            throw new AssertionError("expected a ModbusProtocolException but got " + other, other);
        }
        assertEquals(ModbusProtocolException.class, e.getClass());
        assertMessageContains(e, messageParts);
        assertEquals(Optional.ofNullable(replyCode), e.replyCode(), () -> "reply code of: " + e.getMessage());
        return e;
    }

    /** As {@link #assertProtocolError} but for decoders whose reply code does not matter (responses, frames). */
    static ModbusProtocolException assertProtocolError(Executable call, String... messageParts) {
        ModbusProtocolException e;
        try {
            call.execute();
            return fail("expected a ModbusProtocolException");
        } catch (ModbusProtocolException thrown) {
            e = thrown;
        } catch (Throwable other) {
            throw new AssertionError("expected a ModbusProtocolException but got " + other, other);
        }
        assertMessageContains(e, messageParts);
        return e;
    }

    static IllegalArgumentException assertIllegalArgument(Executable call, String... messageParts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(IllegalArgumentException.class, e.getClass());
        assertMessageContains(e, messageParts);
        return e;
    }

    private static void assertMessageContains(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(
                    e.getMessage() != null && e.getMessage().contains(part),
                    () -> "message \"" + e.getMessage() + "\" should contain \"" + part + "\"");
        }
    }
}
