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
 * guarantees the spacing when sending; the bounds allow for loopback jitter and nothing else depends on speed.
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
        List<Arrival> arrivals = sendSix("direct:rateLimited", rateLimited);
        long span = arrivals.get(5).nanos() - arrivals.get(0).nanos();
        assertTrue(span >= 200 * MS, "six requests at 20/s took " + span / MS + " ms, at least 250 ms less jitter");
        for (int i = 1; i < arrivals.size(); i++) {
            long gap = arrivals.get(i).nanos() - arrivals.get(i - 1).nanos();
            assertTrue(gap >= 20 * MS, "gap " + i + " was " + gap / MS + " ms");
        }
    }

    @Test
    void aMinimumIntervalKeepsRequestsApartEvenWithEightInFlight() throws Exception {
        List<Arrival> arrivals = sendSix("direct:needsPauses", needsPauses);
        long span = arrivals.get(5).nanos() - arrivals.get(0).nanos();
        assertTrue(span >= 400 * MS, "six requests 100 ms apart took " + span / MS + " ms");
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
        assertTrue(elapsed >= 300 * MS && elapsed < 3_000 * MS, "failed after " + elapsed / MS + " ms");
        assertEquals(1, slow.arrivals().size());
    }

    /** Sends six reads at once; returns the device's arrivals once all six are answered. */
    private List<Arrival> sendSix(String route, ScriptedDevice device) throws Exception {
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(template.asyncRequestBodyAndHeaders(route, null, Map.of(ModbusConstants.ADDRESS, i)));
        }
        for (CompletableFuture<Object> reply : replies) {
            reply.get(10, TimeUnit.SECONDS);
        }
        List<Arrival> arrivals = device.arrivals();
        assertEquals(6, arrivals.size());
        return arrivals;
    }
}
