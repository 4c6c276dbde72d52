package org.camelmodbus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusClientStatus;
import org.camelmodbus.client.ModbusRequestRejectedException;
import org.camelmodbus.protocol.ModbusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The device's request queue under overload, in routes: the overflow policies (fail, dropOldestPoll, mergePoll) and
 * fairness between a flooding producer and a polling consumer. The device holds its answers while a test fills the
 * queue; each device's settings come from a ModbusDevice bean shared by its endpoints.
 */
@Timeout(30)
class ModbusQueueRouteTest extends CamelTestSupport {
    /**
     * Longer than a test here may run: a request's timeout counts from when it is handed to the client, waiting in the
     * queue included, and these tests hold answers and fill queues for as long as the machine takes to get there. A
     * timeout would end a request by the clock, not by the queue policy under test.
     */
    private static final String NO_TIMEOUT = "timeout=120000";

    private static final String FAILING = "device=#failing&" + NO_TIMEOUT;
    private static final String DROPPING = "device=#dropping&" + NO_TIMEOUT;
    private static final String MERGING = "device=#merging&" + NO_TIMEOUT;
    private static final String FLOOD = "maxInFlight=1&" + NO_TIMEOUT;
    private ScriptedDevice failing;
    private ScriptedDevice dropping;
    private ScriptedDevice merging;
    private ScriptedDevice fair;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final Map<String, List<Object>> delivered = new ConcurrentHashMap<>();
    private final AtomicInteger mergeSecondRuns = new AtomicInteger();

    @Override
    protected void doPreSetup() throws Exception {
        failing = new ScriptedDevice();
        dropping = new ScriptedDevice();
        merging = new ScriptedDevice();
        fair = new ScriptedDevice();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("failing", device(1, 2, ModbusQueueOverflow.fail));
        registry.bind("dropping", device(1, 1, ModbusQueueOverflow.dropOldestPoll));
        registry.bind("merging", device(1, 1, ModbusQueueOverflow.mergePoll));
        registry.bind("countRuns", new CountingPollStrategy(mergeSecondRuns));
    }

    private static ModbusDevice device(int maxInFlight, int maxQueued, ModbusQueueOverflow overflow) {
        ModbusDevice device = new ModbusDevice();
        device.setMaxInFlight(maxInFlight);
        device.setMaxQueuedRequests(maxQueued);
        device.setQueueOverflow(overflow);
        return device;
    }

    @Override
    protected void doPostTearDown() {
        failing.close();
        dropping.close();
        merging.close();
        fair.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:failing").to(failing.uri(FAILING));

                from("direct:dropping").to(dropping.uri(DROPPING));
                poller("dropA", dropping.uri("device=#dropping&address=10&delay=20&bridgeErrorHandler=true"));
                poller("dropB", dropping.uri("device=#dropping&address=20&delay=20&bridgeErrorHandler=true"));

                from("direct:merging").to(merging.uri(MERGING));
                poller("mergeA", merging.uri("device=#merging&address=30&delay=100000&initialDelay=0"));
                poller(
                        "mergeB",
                        merging.uri("device=#merging&address=30&delay=100000&initialDelay=0&pollStrategy=#countRuns"));

                from("direct:flood").to(fair.uri(FLOOD));
                poller("quiet", fair.uri("maxInFlight=1&address=500&delay=100000&initialDelay=0"));
            }

            private void poller(String id, String uri) {
                from(uri + "&" + NO_TIMEOUT)
                        .routeId(id)
                        .autoStartup(false)
                        .onException(ModbusException.class)
                        .handled(true)
                        .process(e -> errors.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                        .end()
                        .process(e -> delivered
                                .computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                                .add(e.getMessage().getBody()));
            }
        };
    }

    @Test
    void failRefusesTheRequestThatFindsTheQueueFullAndServesTheOthers() throws Exception {
        failing.hold();
        List<CompletableFuture<Object>> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.add(
                    template.asyncRequestBodyAndHeaders("direct:failing", null, Map.of(ModbusConstants.ADDRESS, i)));
        }
        // one on the wire, held by the device, two waiting: the queue of two is full
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        failing.heldCount() == 1 && status(failing, FAILING).queued() == 2);
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class, () -> template.requestBody("direct:failing", (Object) null));
        ModbusRequestRejectedException refused = assertInstanceOf(ModbusRequestRejectedException.class, e.getCause());
        assertTrue(refused.getMessage().contains("queue is full (2 waiting)"), refused.getMessage());

        failing.release();
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(i), accepted.get(i).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void dropOldestPollSupersedesAWaitingPollAndTheConsumerHearsOfIt() throws Exception {
        dropping.hold();
        CompletableFuture<Object> held = template.asyncRequestBody("direct:dropping", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> dropping.heldCount() == 1);
        // A's poll waits in the queue of one; B's poll then makes room by superseding it, and so on while held
        context.getRouteController().startRoute("dropA");
        context.getRouteController().startRoute("dropB");
        await().atMost(Duration.ofSeconds(5)).until(() -> !errors.isEmpty());
        ModbusRequestRejectedException superseded =
                assertInstanceOf(ModbusRequestRejectedException.class, errors.get(0));
        assertTrue(superseded.getMessage().contains("superseded"), superseded.getMessage());
        assertTrue(superseded.getMessage().contains("Read Holding Registers"), superseded.getMessage());

        dropping.release();
        assertEquals(List.of(0), held.get(5, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> delivered.containsKey("dropA") && delivered.containsKey("dropB"));
        assertEquals(List.of(10), delivered.get("dropA").get(0));
        assertEquals(List.of(20), delivered.get("dropB").get(0));
        assertTrue(errors.stream().allMatch(ModbusRequestRejectedException.class::isInstance), errors::toString);
    }

    @Test
    void mergePollLetsTwoConsumersShareOneRequestOnTheWire() throws Exception {
        merging.hold();
        CompletableFuture<Object> held = template.asyncRequestBody("direct:merging", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> merging.heldCount() == 1);
        context.getRouteController().startRoute("mergeA");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> status(merging, MERGING).queued() == 1);
        context.getRouteController().startRoute("mergeB");
        await().atMost(Duration.ofSeconds(5)).until(() -> mergeSecondRuns.get() >= 1); // B polled: the queue was full
        assertEquals(1, status(merging, MERGING).queued());

        merging.release();
        assertEquals(List.of(0), held.get(5, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> delivered.containsKey("mergeA") && delivered.containsKey("mergeB"));
        assertEquals(List.of(30), delivered.get("mergeA").get(0));
        assertEquals(List.of(30), delivered.get("mergeB").get(0));
        assertEquals(
                1, merging.arrivals().stream().filter(a -> a.address() == 30).count());
        assertEquals(List.of(), errors);
    }

    @Test
    void aConsumerIsServedWithinTwoTurnsWhileAProducerFloodsTheDevice() throws Exception {
        fair.hold();
        List<CompletableFuture<Object>> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            flood.add(template.asyncRequestBodyAndHeaders("direct:flood", null, Map.of(ModbusConstants.ADDRESS, i)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> status(fair, FLOOD).queued() == 199);
        context.getRouteController().startRoute("quiet");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(fair, FLOOD).queued() == 200);

        fair.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.containsKey("quiet"));
        assertEquals(List.of(500), delivered.get("quiet").get(0));
        List<Integer> order =
                fair.arrivals().stream().map(ScriptedDevice.Arrival::address).toList();
        assertTrue(
                order.indexOf(500) <= 2, "the consumer's poll arrived as request " + order.indexOf(500) + ": " + order);
        for (CompletableFuture<Object> reply : flood) {
            reply.get(10, TimeUnit.SECONDS);
        }
    }

    private ModbusClientStatus status(ScriptedDevice device, String options) {
        return context.getEndpoint(device.uri(options), ModbusEndpoint.class).deviceStatus();
    }

    /** Counts the runs of a polling consumer, so a test knows it has polled. */
    static final class CountingPollStrategy implements PollingConsumerPollStrategy {
        private final AtomicInteger runs;

        CountingPollStrategy(AtomicInteger runs) {
            this.runs = runs;
        }

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            runs.incrementAndGet();
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            return false;
        }
    }
}
