package org.camelmodbus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * What the Camel layer costs over our bare client, on the same server and connection settings: a polling route
 * ({@code delay=0}: the consumer keeps one request outstanding, hands each answer to its poll thread, and polls again
 * when the exchange ends),
 * and a producer route ({@code direct:} to {@code modbus:}) fed N exchanges at a time through its asynchronous
 * producer. Each is compared with the bare client at the same depth, in alternating windows.
 */
final class CamelSuite {
    private static final String POLL_ROUTE = "poll";

    private final BenchConfig config;
    private final Report report;

    CamelSuite(BenchConfig config, Report report) {
        this.config = config;
        this.report = report;
    }

    void run(ServerProcess server) throws Exception {
        String loadBefore = Meter.loadAverage();
        List<Result[]> pairs = new ArrayList<>();
        // delay=0 (and greedy=true) poll continuously: each exchange's end starts the next poll
        pairs.add(pollRoute(server, "delay=0"));
        for (int depth : config.inFlight()) {
            pairs.add(producerRoute(server, depth));
        }
        write(server, pairs, loadBefore + " → " + Meter.loadAverage());
    }

    private Result[] pollRoute(ServerProcess server, String options) throws Exception {
        String uri = "modbus:tcp:" + server.host() + ":" + server.port()
                + "?function=readHoldingRegisters&address=0&quantity=10&initialDelay=0&" + options;
        Result camel = new Result("polling route", 1, "from(\"modbus:...?" + options + "\")");
        Result bare = new Result("bare client", 1, Library.CAMEL_MODBUS.setting(1, config));
        AtomicLong exchanges = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        CamelContext context = new DefaultCamelContext();
        context.addComponent("modbus", CamelModbusDriver.component(config));
        try (Driver driver = Library.CAMEL_MODBUS.open(server.host(), server.port(), 1, config)) {
            context.getShutdownStrategy().setTimeout(5);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId(POLL_ROUTE).autoStartup(false).process(e -> {
                        if (tenRegisters(e.getMessage().getBody())) {
                            exchanges.incrementAndGet();
                        } else {
                            wrong.incrementAndGet();
                        }
                    });
                }
            });
            context.start();
            pollWindow(context, server, exchanges, wrong, config.warmupSeconds());
            Load.closedLoop(Load.of(driver), 1, config.warmupSeconds(), server);
            for (int round = 0; round < config.rounds(); round++) {
                camel.rounds.add(pollWindow(context, server, exchanges, wrong, config.roundSeconds()));
                bare.rounds.add(Load.closedLoop(Load.of(driver), 1, config.roundSeconds(), server));
                progress(camel, bare, round);
            }
        } catch (Exception | LinkageError e) {
            camel.failure = "could not run: " + e;
            System.err.println("camel polling route could not run: " + e);
        } finally {
            context.stop();
        }
        return new Result[] {camel, bare};
    }

    /** Starts the polling route, counts what it delivers in a window, and stops it so it costs nothing meanwhile. */
    private static Window pollWindow(
            CamelContext context, ServerProcess server, AtomicLong exchanges, AtomicLong wrong, double seconds)
            throws Exception {
        context.getRouteController().startRoute(POLL_ROUTE);
        Load.sleep(Load.SETTLE_SECONDS);
        long ok0 = exchanges.get();
        long wrong0 = wrong.get();
        Meter start = Meter.now(server);
        Load.sleep(seconds);
        long ok1 = exchanges.get();
        long wrong1 = wrong.get();
        Meter cost = Meter.now(server).since(start);
        context.getRouteController().stopRoute(POLL_ROUTE);
        return new Window(ok1 - ok0, wrong1 - wrong0, cost, null, null);
    }

    private Result[] producerRoute(ServerProcess server, int depth) throws Exception {
        String uri = "modbus:tcp:" + server.host() + ":" + server.port()
                + "?function=readHoldingRegisters&address=0&quantity=10&maxInFlight=" + depth
                + "&maxQueuedRequests=" + Math.max(1000, 2 * depth);
        Result camel = new Result("producer route", depth, "direct: → modbus:...?maxInFlight=" + depth);
        Result bare = new Result("bare client", depth, Library.CAMEL_MODBUS.setting(depth, config));
        CamelContext context = new DefaultCamelContext();
        context.addComponent("modbus", CamelModbusDriver.component(config));
        AsyncProducer producer = null;
        try (Driver driver = Library.CAMEL_MODBUS.open(server.host(), server.port(), depth, config)) {
            context.getShutdownStrategy().setTimeout(5);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:read").to(uri);
                }
            });
            context.start();
            Endpoint direct = context.getEndpoint("direct:read");
            producer = direct.createAsyncProducer();
            ServiceHelper.startService(producer);
            Load.Source exchanges = exchangeSource(direct, producer);
            Load.closedLoop(exchanges, depth, config.warmupSeconds(), server);
            Load.closedLoop(Load.of(driver), depth, config.warmupSeconds(), server);
            for (int round = 0; round < config.rounds(); round++) {
                camel.rounds.add(Load.closedLoop(exchanges, depth, config.roundSeconds(), server));
                bare.rounds.add(Load.closedLoop(Load.of(driver), depth, config.roundSeconds(), server));
                progress(camel, bare, round);
            }
        } catch (Exception | LinkageError e) {
            camel.failure = "could not run: " + e;
            System.err.println("camel producer route could not run: " + e);
        } finally {
            ServiceHelper.stopService(producer);
            context.stop();
        }
        return new Result[] {camel, bare};
    }

    /** Each start sends a fresh exchange into the route, as a caller of the route would. */
    private static Load.Source exchangeSource(Endpoint direct, AsyncProducer producer) {
        return outcome -> {
            Exchange exchange = direct.createExchange();
            producer.process(exchange, doneSync -> {
                Throwable error = exchange.getException();
                outcome.done(error == null && tenRegisters(exchange.getMessage().getBody()), error);
            });
        };
    }

    private static boolean tenRegisters(Object body) {
        return body instanceof List<?> values
                && values.size() == 10
                && Integer.valueOf(1).equals(values.get(0));
    }

    private void progress(Result camel, Result bare, int round) {
        Window c = camel.rounds.get(round);
        Window b = bare.rounds.get(round);
        System.err.printf(
                "camel %s, %d in flight, round %d/%d: %s exchanges/s vs bare %s req/s%n",
                camel.name, camel.depth, round + 1, config.rounds(), Report.count(c.rate()), Report.count(b.rate()));
    }

    private void write(ServerProcess server, List<Result[]> pairs, String load) {
        report.heading("Camel overhead, " + server.kind() + " server");
        report.paragraph("Exchanges per second through a route against our bare client at the same depth, in "
                + "alternating windows; median of " + config.rounds() + " rounds of " + config.roundSeconds()
                + " s (min–max). The ratio is Camel / bare, the median of the per-round ratios: 1 would mean "
                + "Camel costs nothing. Load average " + load + ".");
        List<List<String>> rows = new ArrayList<>();
        for (Result[] pair : pairs) {
            Result camel = pair[0];
            Result bare = pair[1];
            if (!camel.measured()) {
                rows.add(List.of(camel.name, Integer.toString(camel.depth), camel.setting, "failed: " + camel.failure));
                continue;
            }
            String error = camel.firstError();
            rows.add(List.of(
                    camel.name,
                    Integer.toString(camel.depth),
                    camel.setting,
                    Report.spread(camel.rate()),
                    Report.spread(bare.rate()),
                    Report.ratio(camel.pairedRatio(bare)),
                    Report.decimal(camel.median(Window::cpuMicrosPerRequest), 1),
                    Report.decimal(bare.median(Window::cpuMicrosPerRequest), 1),
                    Report.count(camel.median(Window::allocatedBytesPerRequest)),
                    Report.count(bare.median(Window::allocatedBytesPerRequest)),
                    (camel.errors() + bare.errors()) + (error == null ? "" : " (" + error + ")")));
        }
        report.table(
                List.of(
                        "route",
                        "in flight",
                        "setting",
                        "Camel exchanges/s",
                        "bare client req/s",
                        "Camel / bare",
                        "Camel CPU µs/exchange",
                        "bare CPU µs/req",
                        "Camel bytes/exchange",
                        "bare bytes/req",
                        "errors"),
                rows);
    }
}
