package org.camelmodbus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.protocol.ModbusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Continuous polling (delay=0, greedy=true) over a consumer's life: the poll thread runs on Camel's schedule, not once
 * per answer, a device that stops answering reaches the route's error handling and continuous polling resumes when it
 * answers again, and stopping a route while answers flow is no route error.
 */
@Timeout(60)
class ModbusContinuousPollingLifecycleTest extends CamelTestSupport {
    private static final String READ = "function=readHoldingRegisters&address=0&quantity=1&initialDelay=0&";
    private static final long SCHEDULED_RUN_MILLIS = 500; // Camel's period for delay=0 and for the default delay

    private final AtomicInteger zeroRuns = new AtomicInteger();
    private final AtomicInteger greedyRuns = new AtomicInteger();
    private final List<Throwable> pollErrors = new CopyOnWriteArrayList<>();
    private final List<Throwable> consumerErrors = new CopyOnWriteArrayList<>();
    private ScriptedDevice device;

    @Override
    protected void doPreSetup() throws Exception {
        device = new ScriptedDevice();
    }

    @Override
    protected void doPostTearDown() {
        device.close();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("zeroRuns", new CountingRuns(zeroRuns));
        registry.bind("greedyRuns", new CountingRuns(greedyRuns));
        registry.bind("recordErrors", new RecordingExceptionHandler(consumerErrors));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(device.uri("unitId=1&" + READ + "delay=0&pollStrategy=#zeroRuns"))
                        .routeId("zero")
                        .autoStartup(false)
                        .to("mock:zero");
                from(device.uri("unitId=2&" + READ + "greedy=true&pollStrategy=#greedyRuns"))
                        .routeId("greedy")
                        .autoStartup(false)
                        .to("mock:greedy");
                from(device.uri("unitId=3&" + READ + "delay=0&timeout=200&bridgeErrorHandler=true"))
                        .routeId("outage")
                        .autoStartup(false)
                        .onException(ModbusException.class)
                        .handled(true)
                        .process(e -> pollErrors.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                        .end()
                        .to("mock:outage");
                from(device.uri("unitId=4&" + READ + "delay=0&exceptionHandler=#recordErrors"))
                        .routeId("stopping")
                        .autoStartup(false)
                        .to("mock:stopping");
            }
        };
    }

    @Test
    void delayZeroRunsThePollThreadOnTheScheduleNotPerAnswer() throws Exception {
        assertPollRunsFollowTheSchedule("zero", zeroRuns, 1);
    }

    @Test
    void greedyRunsThePollThreadOnTheScheduleNotPerAnswer() throws Exception {
        // a greedy run polls again while the previous poll delivered; answers wait for the run, so twice at most
        assertPollRunsFollowTheSchedule("greedy", greedyRuns, 2);
    }

    /**
     * Answers reach the route through the poll thread's queue, and scheduled runs only report failures: a poll thread
     * that ran poll() for every answer, or went round while a read is on the wire, would run thousands of times here.
     */
    private void assertPollRunsFollowTheSchedule(String routeId, AtomicInteger runs, int pollsPerRun) throws Exception {
        long start = System.nanoTime();
        context.getRouteController().startRoute(routeId);
        MockEndpoint mock = getMockEndpoint("mock:" + routeId);
        await().atMost(Duration.ofSeconds(20)).until(() -> mock.getReceivedCounter() >= 500);
        device.hold();
        await().atMost(Duration.ofSeconds(5)).until(() -> device.heldCount() == 1);
        int answered = mock.getReceivedCounter();
        // a read on the wire and none answered: the poll thread has nothing to do but its scheduled runs
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mock.getReceivedCounter() == answered && device.heldCount() == 1);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long bound = pollsPerRun * (elapsedMillis / SCHEDULED_RUN_MILLIS + 2);
        assertTrue(
                runs.get() <= bound,
                runs.get() + " poll runs for " + answered + " answers in " + elapsedMillis + " ms, at most " + bound
                        + " expected");
        device.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> mock.getReceivedCounter() > answered);
    }

    @Test
    void aSilentDeviceReachesTheErrorHandlerAndContinuousPollingResumes() throws Exception {
        context.getRouteController().startRoute("outage");
        MockEndpoint mock = getMockEndpoint("mock:outage");
        await().atMost(Duration.ofSeconds(10)).until(() -> mock.getReceivedCounter() >= 10);

        device.silence(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> !pollErrors.isEmpty());
        assertTrue(pollErrors.stream().allMatch(ModbusTimeoutException.class::isInstance), pollErrors::toString);

        int before = mock.getReceivedCounter();
        device.answer(3);
        // hundreds of answers soon after: polling is continuous again, not once per scheduled run
        await().atMost(Duration.ofSeconds(20)).until(() -> mock.getReceivedCounter() >= before + 300);
    }

    @Test
    void stoppingARouteWhileAnswersFlowIsNoRouteError() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:stopping");
        for (int round = 0; round < 20; round++) {
            int seen = mock.getReceivedCounter();
            context.getRouteController().startRoute("stopping");
            await().atMost(Duration.ofSeconds(10)).until(() -> mock.getReceivedCounter() >= seen + 50);
            context.getRouteController().stopRoute("stopping");
        }
        assertEquals(List.of(), consumerErrors);
    }

    /** Counts the consumer's poll() calls: Camel begins each one with its poll strategy. */
    private record CountingRuns(AtomicInteger runs) implements PollingConsumerPollStrategy {
        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            runs.incrementAndGet();
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {}

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            return false;
        }
    }
}
