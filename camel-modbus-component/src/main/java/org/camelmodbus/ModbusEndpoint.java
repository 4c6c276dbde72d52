package org.camelmodbus;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.camelmodbus.client.DeviceIdentificationResult;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.RetryPolicy;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;

/** Read and write coils and registers of Modbus devices: poll them on a schedule, or read and write on demand. */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "modbus",
        title = "Modbus",
        syntax = "modbus:transport:host:port",
        category = {Category.IOT},
        headersClass = ModbusConstants.class)
public class ModbusEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriParam
    private final ModbusConfiguration configuration;

    private ModbusClient client;
    private RetryPolicy retryPolicy;
    private String device;

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
        return new ModbusProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!configuration.getFunction().isPollable()) {
            throw new IllegalArgumentException("A modbus consumer polls with a read function, but function is "
                    + configuration.getFunction() + ", which changes the device; use it in a producer (to) instead");
        }
        ModbusConsumer consumer = new ModbusConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Sends {@code request}, completing with what came back, or with a {@link org.camelmodbus.protocol.ModbusException}:
     * the {@link ModbusResponse}, or for Read Device Identification the {@link DeviceIdentificationResult} of the
     * whole stream, continuations followed.
     */
    CompletableFuture<Object> execute(int unitId, ModbusRequest request) {
        Duration timeout = Duration.ofMillis(configuration.getTimeout());
        if (request instanceof ReadDeviceIdentificationRequest r) {
            return client.readDeviceIdentification(unitId, r, timeout, retryPolicy)
                    .thenApply(Object.class::cast);
        }
        return client.send(unitId, request, timeout, retryPolicy).thenApply(Object.class::cast);
    }

    /** Puts what came back (nothing, for a write) and the request's coordinates on the message. */
    void populate(Message message, int unitId, ModbusFunction function, ModbusRequest request, Object answer) {
        Object body = ModbusRequests.body(answer);
        if (body != null) {
            message.setBody(body);
        }
        message.setHeader(ModbusConstants.UNIT_ID, unitId);
        message.setHeader(ModbusConstants.FUNCTION, function.name());
        ModbusRequests.headers(request, answer).forEach(message::setHeader);
        message.setHeader(ModbusConstants.DEVICE, device);
        message.setHeader(ModbusConstants.TIMESTAMP, System.currentTimeMillis());
    }

    /** The cause a future failed with, without the CompletionException wrapper. */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        retryPolicy = configuration.retryPolicy();
        client = getComponent().acquireClient(configuration);
        device = client.device();
        client.connect();
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            getComponent().releaseClient(device);
            client = null;
        }
        super.doStop();
    }

    @Override
    public String getServiceUrl() {
        return configuration.getHost() + ":" + configuration.getPort();
    }

    @Override
    public String getServiceProtocol() {
        return "modbus-" + configuration.getTransport();
    }
}
