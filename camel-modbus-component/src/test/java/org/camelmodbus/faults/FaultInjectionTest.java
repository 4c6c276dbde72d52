package org.camelmodbus.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.client.ModbusConnectionException;
import org.camelmodbus.client.ModbusExceptionResponseException;
import org.camelmodbus.client.ModbusTimeoutException;
import org.camelmodbus.faults.FaultProxy.Fault;
import org.camelmodbus.faults.FaultProxy.Plan;
import org.camelmodbus.transport.netty.NettyTransports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routes to a device behind a {@link FaultProxy}, one test per fault kind, each with what the route must see. Every
 * test also holds to what must hold after any fault: every write ends acknowledged (and then applied, once) or
 * reported failed to the route, so writes sent = acknowledged + reported failed exactly; no write is applied twice
 * unless the endpoint opted into at-least-once; no read is ever answered with another request's values (each reads
 * registers whose values encode their address); and, by {@link NoLeaks}, no thread or Netty buffer is left behind.
 */
@ExtendWith(NoLeaks.class)
class FaultInjectionTest extends CamelTestSupport {
    /** Generous, as the machine running the tests may be loaded; faults that must outlast it take twice as long. */
    private static final int TIMEOUT_MS = 1000;

    private static final int RECONNECT_DELAY_MAX_MS = 200;
    private static final String DEVICE_OPTIONS = "timeout=" + TIMEOUT_MS + "&reconnectDelay=20&reconnectDelayMax="
            + RECONNECT_DELAY_MAX_MS + "&maxInFlight=4";
    /** Polls come back within the reconnect backoff cap and one timeout; the rest is slack for a loaded machine. */
    private static final Duration RESUME = Duration.ofMillis(RECONNECT_DELAY_MAX_MS + TIMEOUT_MS + 3000);

    private static final int POLLED = 10;

    private NettyTransports deviceThreads;
    private EventLoopGroup proxyThreads;
    private RecordingDevice device;
    private FaultProxy proxy;
    private Ledger ledger;
    private int writes;
    private final List<Long> polled = new CopyOnWriteArrayList<>();
    private final List<Throwable> pollErrors = new CopyOnWriteArrayList<>();
    private final List<Object> wrongPolls = new CopyOnWriteArrayList<>();

    @Override
    protected void doPreSetup() throws Exception {
        deviceThreads = new NettyTransports(1);
        device = new RecordingDevice(deviceThreads);
        proxyThreads = new NioEventLoopGroup(1);
        proxy = FaultProxy.start(proxyThreads, "127.0.0.1", device.port());
    }

    @Override
    protected void doPostSetup() {
        ledger = new Ledger(template);
    }

    @Override
    protected void doPostTearDown() {
        proxy.close();
        proxyThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        device.close();
        deviceThreads.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String modbus = "modbus:tcp:127.0.0.1:" + proxy.port() + "?" + DEVICE_OPTIONS;
                from(modbus + "&address=" + POLLED + "&quantity=2&delay=20&bridgeErrorHandler=true")
                        .routeId("poller")
                        .onException(Exception.class)
                        .handled(true)
                        .process(e -> pollErrors.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                        .end()
                        .process(e -> polled(e.getMessage().getBody()));
                String write = modbus + "&function=writeSingleRegister";
                from("direct:read").errorHandler(noErrorHandler()).to(modbus + "&quantity=2");
                from("direct:readRetryingFailure")
                        .to(modbus + "&quantity=2&retries=2&retryDelay=10&retryExceptionCodes=4,6");
                from("direct:write").errorHandler(noErrorHandler()).to(write);
                from("direct:writeWithRetries").errorHandler(noErrorHandler()).to(write + "&retries=3&retryDelay=10");
                from("direct:writeRetryingFailure")
                        .errorHandler(noErrorHandler())
                        .to(write + "&retries=3&retryDelay=10&retryExceptionCodes=4,6");
                from("direct:writeAtLeastOnce")
                        .errorHandler(noErrorHandler())
                        .to(write + "&retries=3&retryDelay=10&retryUncertainWrites=true");
            }
        };
    }

    private void polled(Object body) {
        if (List.of(RecordingDevice.value(POLLED), RecordingDevice.value(POLLED + 1))
                .equals(body)) {
            polled.add(System.nanoTime());
        } else {
            wrongPolls.add(body);
        }
    }

    /** {@code n} reads of distinct addresses through {@code read} and {@code n} writes through {@code write}, at once. */
    private List<int[]> burst(String read, String write, int n) {
        List<int[]> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (read != null) {
                ledger.read(read, 100 + 2 * i);
            }
            if (write != null) {
                int k = writes++;
                int[] w = {RecordingDevice.WRITABLE + k, k + 1};
                ledger.write(write, device, w[0], w[1]);
                sent.add(w);
            }
        }
        return sent;
    }

    private void allEnded() throws InterruptedException {
        assertEquals(0, ledger.awaitAllEnded(Duration.ofSeconds(10)), () -> "requests never ended: " + ledger);
    }

    /** A burst after the fault, with every request answered right. */
    private void recovered() throws InterruptedException {
        proxy.plan(Plan.always(Fault.NONE));
        long acknowledged = ledger.acknowledged();
        long answered = ledger.readsAnswered();
        burst("direct:read", "direct:write", 4);
        allEnded();
        assertEquals(acknowledged + 4, ledger.acknowledged(), ledger::toString);
        assertEquals(answered + 4, ledger.readsAnswered(), ledger::toString);
    }

    private void pollsResume() {
        long after = System.nanoTime();
        await().atMost(RESUME).until(() -> polled.stream().anyMatch(t -> t - after > 0));
    }

    /** Failures of {@code type} that the ledger's requests and the poller saw, waiting for the poller to tell. */
    private long failuresAtLeast(Class<? extends Throwable> type, long least) {
        await().atMost(RESUME).until(() -> failures(type) >= least);
        return failures(type);
    }

    private long failures(Class<? extends Throwable> type) {
        return ledger.failures(type)
                + pollErrors.stream().filter(type::isInstance).count();
    }

    @AfterEach
    void booksBalance() {
        assertEquals(0, ledger.lost(), ledger::toString);
        assertEquals(ledger.writesSent(), ledger.acknowledged() + ledger.reportedFailed(), ledger::toString);
        assertTrue(ledger.violations().isEmpty(), ledger::toString);
        assertEquals(List.of(), wrongPolls, "polls answered with another request's values");
    }

    private void noWriteAppliedTwice() {
        assertEquals(0, device.reapplied(), "a write was applied twice without retryUncertainWrites");
    }

    /**
     * The connection goes in the middle of an answer, on garbage the client refuses, or on a half-close: what was in
     * flight fails as "may have been applied" (writes are not retried); polls come back within the backoff.
     */
    @ParameterizedTest
    @EnumSource(names = {"DROP_MID_FRAME", "GARBAGE", "HALF_CLOSE"})
    void connectionLost(Fault fault) throws Exception {
        proxy.plan(Plan.next(fault, 1));
        burst("direct:read", "direct:writeWithRetries", 8);
        allEnded();
        assertEquals(1, proxy.injected(fault));
        failuresAtLeast(ModbusConnectionException.class, 1);
        pollsResume();
        recovered();
        noWriteAppliedTwice();
    }

    /** The device stalls past the timeout: what waits times out, the late answers are dropped, then all is well. */
    @Test
    void stalledDevice() throws Exception {
        proxy.delay(Duration.ofMillis(2 * TIMEOUT_MS)).plan(Plan.next(Fault.STALL, 1));
        burst("direct:read", "direct:write", 4);
        allEnded();
        assertEquals(1, proxy.injected(Fault.STALL));
        failuresAtLeast(ModbusTimeoutException.class, 1);
        await().atMost(RESUME).until(() -> proxy.holding() == 0); // the late answers came and must have matched nothing
        recovered();
        noWriteAppliedTwice();
    }

    /** A stall in the middle of a frame: the client times out and closes the out-of-step connection, then resumes. */
    @Test
    void stalledMidFrame() throws Exception {
        proxy.delay(Duration.ofMillis(2 * TIMEOUT_MS)).plan(Plan.next(Fault.STALL_MID_FRAME, 1));
        burst("direct:read", "direct:write", 4);
        allEnded();
        assertEquals(1, proxy.injected(Fault.STALL_MID_FRAME));
        await().atMost(RESUME).until(() -> proxy.accepted() >= 2);
        pollsResume();
        recovered();
        noWriteAppliedTwice();
    }

    /** Every other answer late but within the timeout, so later ones overtake it: all matched by transaction id. */
    @Test
    void delayedAnswersOvertaken() throws Exception {
        AtomicBoolean toggle = new AtomicBoolean();
        proxy.delay(Duration.ofMillis(40))
                .plan((unit, pdu) -> toggle.getAndSet(!toggle.get()) ? Fault.DELAY : Fault.NONE);
        burst("direct:read", "direct:write", 4);
        allEnded();
        assertTrue(proxy.injected(Fault.DELAY) >= 4);
        assertEquals(ledger.writesSent(), ledger.acknowledged(), ledger::toString);
        assertEquals(ledger.readsSent(), ledger.readsAnswered(), ledger::toString);
    }

    /** Answers later than the timeout: those requests time out, and their late answers reach nobody. */
    @Test
    void answersPastTheTimeout() throws Exception {
        proxy.delay(Duration.ofMillis(2 * TIMEOUT_MS)).plan(Plan.next(Fault.DELAY, 2));
        burst("direct:read", "direct:write", 4);
        allEnded();
        assertEquals(2, failuresAtLeast(ModbusTimeoutException.class, 2));
        await().atMost(RESUME).until(() -> proxy.holding() == 0);
        recovered();
        noWriteAppliedTwice();
    }

    /** Every answer twice: the second copy matches no request and is dropped. */
    @Test
    void duplicatedAnswers() throws Exception {
        proxy.plan(Plan.always(Fault.DUPLICATE));
        burst("direct:read", "direct:write", 4);
        allEnded();
        assertTrue(proxy.injected(Fault.DUPLICATE) >= 8);
        assertEquals(ledger.writesSent(), ledger.acknowledged(), ledger::toString);
        assertEquals(ledger.readsSent(), ledger.readsAnswered(), ledger::toString);
        recovered();
    }

    /** Answers in another order than the requests, four in flight: each still reaches its own request. */
    @Test
    void reorderedAnswers() throws Exception {
        proxy.delay(Duration.ofMillis(50)).plan(Plan.always(Fault.REORDER));
        burst("direct:read", "direct:write", 6);
        allEnded();
        assertTrue(proxy.injected(Fault.REORDER) >= 12);
        assertTrue(proxy.overtakes() > 0, "no answer ever overtook another");
        assertEquals(ledger.writesSent(), ledger.acknowledged(), ledger::toString);
        assertEquals(ledger.readsSent(), ledger.readsAnswered(), ledger::toString);
    }

    /** An answer under a transaction id nobody waits for: dropped, and its request times out. */
    @Test
    void wrongTransactionId() throws Exception {
        proxy.plan(Plan.next(Fault.WRONG_TRANSACTION_ID, 2));
        burst("direct:read", "direct:write", 4);
        allEnded();
        assertEquals(2, failuresAtLeast(ModbusTimeoutException.class, 2));
        recovered();
        noWriteAppliedTwice();
    }

    /** Connections refused: requests fail fast, writes are not applied, and polls resume once the device is back. */
    @Test
    void refusedConnections() throws Exception {
        proxy.refuseConnections();
        List<int[]> refused = burst("direct:read", "direct:write", 4);
        allEnded();
        assertEquals(4, ledger.reportedFailed(), ledger::toString);
        assertEquals(8, ledger.failures(ModbusConnectionException.class), ledger::toString);
        refused.forEach(w -> assertEquals(0, device.applications(w[0], w[1])));
        proxy.acceptConnections();
        pollsResume();
        recovered();
    }

    /** A busy device (exception 6) did not act: writes are retried and applied exactly once. */
    @Test
    void busyDeviceRetried() throws Exception {
        proxy.plan(Plan.firstAttempt(Fault.BUSY));
        List<int[]> sent = burst(null, "direct:writeWithRetries", 6);
        allEnded();
        assertEquals(6, ledger.acknowledged(), ledger::toString);
        sent.forEach(w -> assertEquals(1, device.applications(w[0], w[1])));
        assertTrue(proxy.injected(Fault.BUSY) >= 6);
        noWriteAppliedTwice();
    }

    /** Without retries, busy reaches the route as exception 6, and the write was not applied. */
    @Test
    void busyDeviceReported() throws Exception {
        proxy.plan(Plan.always(Fault.BUSY));
        List<int[]> sent = burst(null, "direct:write", 4);
        allEnded();
        assertEquals(4, ledger.failures(ModbusExceptionResponseException.class), ledger::toString);
        sent.forEach(w -> assertEquals(0, device.applications(w[0], w[1])));
    }

    /**
     * Exception 4 after the device acted: a write is reported failed and never retried, even with 4 in
     * retryExceptionCodes, as it may have been applied; a read listing 4 is retried.
     */
    @Test
    void deviceFailureAfterTheWrite() throws Exception {
        proxy.plan(Plan.firstAttempt(Fault.DEVICE_FAILURE));
        List<int[]> sent = burst("direct:readRetryingFailure", "direct:writeRetryingFailure", 4);
        allEnded();
        assertEquals(4, ledger.readsAnswered(), ledger::toString);
        assertEquals(4, ledger.reportedFailed(), ledger::toString);
        assertEquals(4, ledger.failures(ModbusExceptionResponseException.class), ledger::toString);
        sent.forEach(w -> assertEquals(1, device.applications(w[0], w[1])));
        noWriteAppliedTwice();
    }

    /**
     * A write whose answer was lost is at-most-once by default: reported failed, applied once, not retried; with
     * retryUncertainWrites it is retried and acknowledged, and the device applied it twice: at-least-once.
     */
    @Test
    void uncertainWritesRetriedOnlyOnOptIn() throws Exception {
        proxy.plan(writesOnly(Plan.always(Fault.DROP_MID_FRAME)));
        int[] atMostOnce = burst(null, "direct:writeWithRetries", 1).get(0);
        allEnded();
        assertEquals(1, ledger.failures(ModbusConnectionException.class), ledger::toString);
        assertEquals(1, device.applications(atMostOnce[0], atMostOnce[1]));

        proxy.plan(writesOnly(Plan.firstAttempt(Fault.DROP_MID_FRAME)));
        int[] atLeastOnce = burst(null, "direct:writeAtLeastOnce", 1).get(0);
        allEnded();
        assertEquals(1, ledger.acknowledged(), ledger::toString);
        assertEquals(2, device.applications(atLeastOnce[0], atLeastOnce[1]));
    }

    /** {@code plan} for Write Single Register requests, so that the poller is spared. */
    private static Plan writesOnly(Plan plan) {
        return (unit, pdu) -> pdu[0] == 0x06 ? plan.next(unit, pdu) : Fault.NONE;
    }
}
