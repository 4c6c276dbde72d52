package org.camelmodbus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * greedy=true and delay=0 poll continuously, whatever the schedule: the next read goes out as an answer goes to the
 * route, and a slow route holds back further reads instead of piling up answers.
 */
@Timeout(30)
class ModbusContinuousPollingTest extends CamelTestSupport {
    private final CountDownLatch routeBlocked = new CountDownLatch(1);
    private final CountDownLatch releaseRoute = new CountDownLatch(1);
    private ScriptedDevice device;
    private ScriptedDevice slowRouteDevice;

    @Override
    protected void doPreSetup() throws Exception {
        device = new ScriptedDevice();
        slowRouteDevice = new ScriptedDevice();
    }

    @Override
    protected void doPostTearDown() {
        releaseRoute.countDown();
        device.close();
        slowRouteDevice.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a minute between scheduled runs: every exchange after the first comes from continuous polling
                from(device.uri("function=readHoldingRegisters&address=5&quantity=2&greedy=true&delay=60000"
                                + "&initialDelay=0"))
                        .to("mock:greedy");
                // Camel's scheduler runs a delay of 0 every 500 ms: 50 exchanges within 5 s come from continuous
                // polling
                from(device.uri("unitId=2&function=readHoldingRegisters&address=7&quantity=2&delay=0&initialDelay=0"))
                        .to("mock:zero");
                from(slowRouteDevice.uri("function=readHoldingRegisters&address=0&quantity=1&delay=0&initialDelay=0"))
                        .process(e -> {
                            routeBlocked.countDown();
                            releaseRoute.await(20, TimeUnit.SECONDS);
                        })
                        .to("mock:slow");
            }
        };
    }

    @Test
    void greedyPollsAgainAsSoonAsAnAnswerComes() {
        assertPollsContinuously(getMockEndpoint("mock:greedy"), List.of(5, 6));
    }

    @Test
    void delayZeroPollsAsFastAsTheDeviceAnswers() {
        assertPollsContinuously(getMockEndpoint("mock:zero"), List.of(7, 8));
    }

    @Test
    void aBusyRouteHoldsBackAllButOneRead() throws Exception {
        assertTrue(routeBlocked.await(10, TimeUnit.SECONDS));
        // the first answer is in the route, the second is read ahead and waits for it; nothing more is asked
        await().atMost(Duration.ofSeconds(5))
                .until(() -> slowRouteDevice.arrivals().size() == 2);
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(() -> slowRouteDevice.arrivals().size() == 2);
        releaseRoute.countDown();
        MockEndpoint slow = getMockEndpoint("mock:slow");
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.getReceivedCounter() >= 10);
    }

    private static void assertPollsContinuously(MockEndpoint mock, List<Integer> values) {
        await().atMost(Duration.ofSeconds(5)).until(() -> mock.getReceivedCounter() >= 50);
        mock.getReceivedExchanges()
                .forEach(e -> assertEquals(values, e.getMessage().getBody()));
    }
}
