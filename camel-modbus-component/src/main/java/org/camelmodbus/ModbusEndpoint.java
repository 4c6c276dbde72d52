package org.camelmodbus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.camelmodbus.client.DeviceIdentificationResult;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientStatus;
import org.camelmodbus.client.ModbusErrorKind;
import org.camelmodbus.client.RequestOptions;
import org.camelmodbus.data.ReadPlan;
import org.camelmodbus.data.Reading;
import org.camelmodbus.data.RegisterMap;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;

/**
 * Read and write coils and registers of Modbus devices: poll them on a schedule, or read and write on demand. Or be a
 * Modbus device: serve register images that routes fill, hand the writes of Modbus clients to routes, or proxy every
 * request to a route (a gateway).
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "modbus",
        title = "Modbus",
        syntax = "modbus:transport:host:port",
        category = {Category.IOT},
        headersClass = ModbusConstants.class)
@ManagedResource(description = "Modbus endpoint, with the state of its device: connection, queue, outcomes")
public class ModbusEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriParam
    private final ModbusConfiguration configuration;

    private ModbusClient client;
    private RequestOptions requestOptions;
    private RequestOptions pollOptions;
    private WriteAccess writeAccess = WriteAccess.UNRESTRICTED;
    private String device;
    private String deviceKey;
    private volatile ModbusPoints points;

    public ModbusEndpoint(String uri, ModbusComponent component, ModbusConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ModbusComponent getComponent() {
        return (ModbusComponent) super.getComponent();
    }

    public ModbusConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        if (configuration.isServer()) {
            throw new IllegalArgumentException("modbus:tcp-server listens for Modbus clients: use it in from(...);"
                    + " to make values readable by its clients, send them to modbus:image:<name>");
        } else if (configuration.isImage()) {
            return new ModbusImageProducer(
                    this, getComponent().image(configuration.getHost()), configuration.getRegisterMap());
        }
        return new ModbusProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.isServer()) {
            return new ModbusServerConsumer(this, processor);
        } else if (configuration.isImage()) {
            throw new IllegalArgumentException("modbus:image:" + configuration.getHost() + " is filled by"
                    + " producers (to); the writes of Modbus clients reach the routes of modbus:tcp-server");
        }
        if (!configuration.getFunction().isPollable()) {
            throw new IllegalArgumentException("A modbus consumer polls with a read function, but function is "
                    + configuration.getFunction() + ", which changes the device; use it in a producer (to) instead");
        }
        ModbusConsumer consumer = new ModbusConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Sends {@code request}, a consumer's poll if {@code poll}, completing with what came back, or with a {@link org.camelmodbus.protocol.ModbusException}:
     * the {@link ModbusResponse}, or for Read Device Identification the {@link DeviceIdentificationResult} of the
     * whole stream, continuations followed. A write outside the endpoint's write access fails without being sent.
     */
    CompletableFuture<?> execute(int unitId, ModbusRequest request, boolean poll) {
        try {
            writeAccess.check(device, unitId, request);
        } catch (ModbusWriteDeniedException e) {
            return CompletableFuture.failedFuture(e);
        }
        RequestOptions how = poll ? pollOptions : requestOptions;
        if (request instanceof ReadDeviceIdentificationRequest r) {
            return client.readDeviceIdentification(unitId, r, how);
        }
        return client.send(unitId, request, how);
    }

    /** Puts the unit's circuit breaker state on the message, when the device's breaker is on. */
    void breakerState(Message message, int unitId) {
        ModbusClient c = client; // null once the endpoint stopped, as a last answer comes in
        if (c != null && c.options().breaker().enabled()) {
            message.setHeader(
                    ModbusConstants.BREAKER_STATE, c.breakerState(unitId).name());
        }
    }

    /** The device's connection, queue, last outcomes and circuit breakers, for health checks and monitoring. */
    public ModbusClientStatus deviceStatus() {
        ModbusClient c = client;
        if (c == null) {
            throw new IllegalStateException(getEndpointUri() + " is not started");
        }
        return c.status();
    }

    @ManagedAttribute(description = "The device, as tcp://host:port or tls://host:port; null until started")
    public String getDeviceAddress() {
        return device;
    }

    @ManagedAttribute(description = "Whether the device's connection is open")
    public boolean isConnected() {
        ModbusClient c = client;
        return c != null && c.isConnected();
    }

    @ManagedAttribute(description = "Requests waiting for the device")
    public int getQueuedRequests() {
        ModbusClient c = client;
        return c == null ? 0 : c.status().queued();
    }

    @ManagedAttribute(description = "Requests sent to the device and not yet answered")
    public int getInFlightRequests() {
        ModbusClient c = client;
        return c == null ? 0 : c.status().inFlight();
    }

    @ManagedAttribute(description = "When a request to the device last succeeded (ISO-8601); null if none has")
    public String getLastSuccess() {
        ModbusClient c = client;
        return c == null ? null : text(c.status().lastSuccess());
    }

    @ManagedAttribute(description = "The last failure of a request to the device; null if none has failed")
    public String getLastError() {
        ModbusClient c = client;
        return c == null ? null : c.status().lastError();
    }

    @ManagedAttribute(description = "When a request to the device last failed (ISO-8601); null if none has")
    public String getLastErrorTime() {
        ModbusClient c = client;
        return c == null ? null : text(c.status().lastErrorAt());
    }

    @ManagedAttribute(description = "Since when the device cannot be reached (ISO-8601); null while reachable")
    public String getUnreachableSince() {
        ModbusClient c = client;
        return c == null || c.status().connectFailure() == null
                ? null
                : text(c.stats().unreachableSince());
    }

    @ManagedAttribute(description = "Request attempts to the device that ended, answered or failed")
    public long getRequests() {
        ModbusClient c = client;
        return c == null ? 0 : c.stats().requests();
    }

    @ManagedAttribute(description = "Request attempts to the device that failed")
    public long getFailures() {
        ModbusClient c = client;
        return c == null ? 0 : c.stats().failures();
    }

    @ManagedAttribute(description = "Request attempts to the device that timed out")
    public long getTimeouts() {
        ModbusClient c = client;
        return c == null ? 0 : c.stats().failures(ModbusErrorKind.timeout);
    }

    @ManagedAttribute(description = "Requests to the device sent again after a failure")
    public long getRetries() {
        ModbusClient c = client;
        return c == null ? 0 : c.stats().retries();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Puts what came back (nothing, for a write) and the request's coordinates on the message. */
    void populate(Message message, int unitId, ModbusFunction function, ModbusRequest request, Object answer) {
        Object body = ModbusRequests.body(answer);
        if (body != null) {
            message.setBody(body);
        }
        message.setHeader(ModbusConstants.UNIT_ID, unitId);
        message.setHeader(ModbusConstants.FUNCTION, function.name());
        ModbusRequests.putHeaders(message, request, answer);
        message.setHeader(ModbusConstants.DEVICE, device);
        message.setHeader(ModbusConstants.TIMESTAMP, System.currentTimeMillis());
        breakerState(message, unitId);
    }

    /**
     * Reads every point of the register map, a consumer's poll if {@code poll}: the reads of the plan go out at once,
     * to be pipelined, paced and queued by the device's client like any other requests.
     */
    CompletableFuture<Reading> readPoints(int unitId, boolean poll) {
        return points.read(request -> execute(unitId, request, poll));
    }

    /**
     * Writes the points {@code values} names, one request each, in its order; see {@link ModbusPoints#write}. Every
     * request is checked against the endpoint's write access before the first is sent.
     */
    CompletableFuture<List<String>> writePoints(int unitId, Map<?, ?> values, List<String> written) {
        return points.write(
                values,
                request -> execute(unitId, request, false),
                written,
                request -> writeAccess.check(device, unitId, request));
    }

    /** Puts a reading on the message: the values as the body, quality, time and plan as headers. */
    void populate(Message message, int unitId, Reading reading) {
        message.setBody(new LinkedHashMap<>(reading.values()));
        message.setHeader(ModbusConstants.QUALITY, reading.quality());
        message.setHeader(ModbusConstants.READ_PLAN, points.plan().describe());
        message.setHeader(ModbusConstants.UNIT_ID, unitId);
        message.setHeader(ModbusConstants.DEVICE, device);
        message.setHeader(ModbusConstants.TIMESTAMP, reading.timestamp());
        breakerState(message, unitId);
    }

    /**
     * The reads that fetch the register map's points as they stand: merged by the planner, split where the device
     * refused a read with "illegal data address".
     */
    public ReadPlan readPlan() {
        ModbusPoints p = points;
        if (p == null) {
            throw new IllegalStateException(getEndpointUri()
                    + (configuration.getRegisterMap() == null ? " has no registerMap" : " is not started"));
        }
        return p.plan();
    }

    /** Whether the endpoint reads and writes named points. */
    boolean hasRegisterMap() {
        return points != null;
    }

    /** The cause a future failed with, without the CompletionException wrapper. */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (configuration.isServer() || configuration.isImage()) {
            return; // no device to connect to
        }
        // the endpoint is the source its device's fair queue serves in turn with the others
        requestOptions = RequestOptions.of(Duration.ofMillis(configuration.getTimeout()))
                .withRetry(configuration.retryPolicy())
                .from(getEndpointKey());
        pollOptions = requestOptions.asPoll();
        writeAccess = configuration.writeAccess();
        if (configuration.getRegisterMap() != null && points == null) {
            RegisterMap map = configuration.getRegisterMap();
            points = new ModbusPoints(
                    getEndpointUri(), map, configuration.readPlanner().plan(map));
        }
        client = getComponent().acquireClient(configuration);
        device = client.device();
        deviceKey = ModbusComponent.deviceKey(configuration, device);
        client.connect();
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            getComponent().releaseClient(deviceKey);
            client = null;
        }
        super.doStop();
    }

    @Override
    public String getServiceUrl() {
        if (DeviceAddress.isSerialPort(configuration.getTransport())) {
            return configuration.getHost();
        }
        return configuration.getHost() + ":" + configuration.getPort();
    }

    @Override
    public String getServiceProtocol() {
        return "modbus-" + configuration.getTransport();
    }
}
