package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.ScriptedDevice.Arrival;
import org.camelmodbus.client.ModbusTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * maxRequestsPerSecond and minRequestInterval, as the device sees them: arrival times at the server. The pacer
 * guarantees the spacing when sending; every bound is one that a slow or busy machine can only make easier to meet.
 */
@Timeout(30)
class ModbusPacingRouteTest extends CamelTestSupport {
    private static final long MS = 1_000_000;
    private ScriptedDevice rateLimited;
    private ScriptedDevice needsPauses;
    private ScriptedDevice slow;

    @Override
    protected void doPreSetup() throws Exception {
        rateLimited = new ScriptedDevice();
        needsPauses = new ScriptedDevice();
        slow = new ScriptedDevice();
    }

    @Override
    protected void doPostTearDown() {
        rateLimited.close();
        needsPauses.close();
        slow.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:rateLimited").to(rateLimited.uri("maxRequestsPerSecond=20&maxInFlight=8"));
                from("direct:needsPauses").to(needsPauses.uri("minRequestInterval=100&maxInFlight=8"));
                from("direct:slow").to(slow.uri("maxRequestsPerSecond=1&timeout=300"));
            }
        };
    }

    @Test
    void twentyPerSecondReachTheDeviceFiftyMillisecondsApart() throws Exception {
        assertPaced(sendSix("direct:rateLimited", rateLimited), 50 * MS);
    }

    @Test
    void aMinimumIntervalKeepsRequestsApartEvenWithEightInFlight() throws Exception {
        assertPaced(sendSix("direct:needsPauses", needsPauses), 100 * MS);
    }

    @Test
    void aRequestWaitingForItsTurnTimesOutFromWhenItWasSentAndNeverReachesTheDevice() {
        assertEquals(List.of(7), template.requestBodyAndHeader("direct:slow", null, ModbusConstants.ADDRESS, 7));
        long start = System.nanoTime();
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class,
                () -> template.requestBodyAndHeader("direct:slow", null, ModbusConstants.ADDRESS, 8));
        long elapsed = System.nanoTime() - start;
        assertInstanceOf(ModbusTimeoutException.class, e.getCause());
        assertTrue(elapsed >= 300 * MS && elapsed < 15_000 * MS, "failed after " + elapsed / MS + " ms");
        assertEquals(1, slow.arrivals().size());
    }

    /** Before the first was sent, and the device's arrivals once all six reads sent at once are answered. */
    private record Sent(long startNanos, List<Arrival> arrivals) {}

    private Sent sendSix(String route, ScriptedDevice device) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(template.asyncRequestBodyAndHeaders(route, null, Map.of(ModbusConstants.ADDRESS, i)));
        }
        for (CompletableFuture<Object> reply : replies) {
            reply.get(10, TimeUnit.SECONDS);
        }
        List<Arrival> arrivals = device.arrivals();
        assertEquals(6, arrivals.size());
        return new Sent(start, arrivals);
    }

    /**
     * The k-th request cannot reach the device sooner than k spacings after the test began sending. Measured from the
     * test's own clock rather than between arrivals: a busy machine only delays arrivals, so this bound never fails
     * because of load (gaps between arrivals do, when a stalled server reads two requests at once), yet an unpaced
     * client breaks it by hundreds of milliseconds.
     */
    private static void assertPaced(Sent sent, long spacingNanos) {
        for (int k = 1; k < sent.arrivals().size(); k++) {
            long since = sent.arrivals().get(k).nanos() - sent.startNanos();
            assertTrue(
                    since >= k * spacingNanos,
                    "request " + k + " arrived " + since / MS + " ms after sending began, sooner than "
                            + k * spacingNanos / MS + " ms");
        }
    }
}
