package org.camelmodbus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.data.RegisterMap;
import org.camelmodbus.data.RegisterMapLoader;
import org.camelmodbus.device.DeviceRegistry;
import org.camelmodbus.micrometer.ModbusDeviceMeters;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.transport.ModbusTransport;
import org.camelmodbus.transport.netty.NettyTransports;
import org.camelmodbus.transport.serial.SerialTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code modbus:} component. Owns what endpoints share: the I/O threads and one client per device, so that all
 * endpoints naming {@code plc1:502} use a single connection and a single request queue, and one health check per
 * device in use (off when both healthCheckConsumerEnabled and healthCheckProducerEnabled are false).
 */
@Component("modbus")
public class ModbusComponent extends HealthCheckComponent implements SSLContextParametersAware {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusComponent.class);
    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    @Metadata(description = "Defaults for the options of every endpoint of this component.")
    private ModbusConfiguration configuration = new ModbusConfiguration();

    @Metadata(
            label = "advanced",
            defaultValue = "0",
            description = "Threads that serve all device connections of"
                    + " this component (non-blocking I/O); 0 means one per available processor.")
    private int ioThreads;

    @Metadata(
            label = "advanced",
            defaultValue = "true",
            description = "Run the I/O threads on Linux's native epoll when it loads (it ships for x86_64 and"
                    + " aarch64), which costs less CPU per request than the JDK's NIO; elsewhere, or when false, NIO"
                    + " serves.")
    private boolean nativeTransport = true;

    @Metadata(
            label = "advanced",
            defaultValue = "0",
            description = "Microseconds an I/O thread that has just worked keeps polling its connections before it"
                    + " sleeps (0 to 1000). Requests sent one at a time then find it awake, which saves a wake-up per"
                    + " request and shortens the round trip, for the CPU the spin burns. 0 sleeps at once, the right"
                    + " choice for many devices polled now and then.")
    private int ioSpinMicros;

    @Metadata(
            label = "security",
            defaultValue = "false",
            description = "modbus:tls endpoints that set no TLS source of their own use the global"
                    + " SSLContextParameters of the Camel context.")
    private boolean useGlobalSslContextParameters;

    @Metadata(
            label = "advanced",
            defaultValue = "true",
            description = "Publish per-device metrics (modbus.requests, modbus.errors, modbus.retries,"
                    + " modbus.inflight, modbus.queue.depth, modbus.connected) to Micrometer, when Micrometer is on the"
                    + " class path and the registry holds a MeterRegistry: the bean named metricsRegistry (as"
                    + " camel-micrometer names it), or else the only one.")
    private boolean metricsEnabled = true;

    private final DeviceRegistry devices = new DeviceRegistry();
    /** One readiness check per device in use, guarded by itself (also around acquiring and releasing devices). */
    private final Map<String, ModbusDeviceHealthCheck> healthChecks = new HashMap<>();
    /** The Micrometer meters of each device in use, when there is a registry; guarded by healthChecks. */
    private final Map<String, AutoCloseable> meters = new HashMap<>();

    private NettyTransports transports;
    private final ModbusServers servers = new ModbusServers();
    /** Register images by name, guarded by itself. */
    private final Map<String, ProcessImage> images = new HashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ModbusConfiguration config = configuration.copy();
        DeviceAddress.parse(remaining).applyTo(config);
        List<String> deviceOptions = parameters.keySet().stream()
                .filter(name -> ModbusConfiguration.DEVICE_OPTIONS.contains(name.toLowerCase(Locale.ROOT)))
                .sorted()
                .toList();
        ModbusEndpoint endpoint = new ModbusEndpoint(uri, this, config);
        if (parameters.get("registerMap") instanceof String location && !location.startsWith("#")) {
            parameters.put("registerMap", loadRegisterMap(location));
        }
        setProperties(endpoint, parameters);
        if (config.getDevice() != null && !deviceOptions.isEmpty()) {
            throw new IllegalArgumentException("The device bean holds this device's settings, but the URI sets "
                    + String.join(", ", deviceOptions) + " too; set them on the bean, so all its endpoints agree");
        }
        validate(config);
        tls(config); // a tls endpoint without certificates to trust fails here, not when it starts
        return endpoint;
    }

    /** Loads a register map from a file path or a resource URI (classpath:, file:, http:...). */
    private RegisterMap loadRegisterMap(String location) throws IOException {
        String uri = !ResourceHelper.hasScheme(location) && Files.isRegularFile(Path.of(location))
                ? "file:" + location
                : location;
        InputStream in = ResourceHelper.resolveResourceAsInputStream(getCamelContext(), uri);
        if (in == null) {
            throw new IllegalArgumentException("registerMap: found no file or resource " + location
                    + " (a file path, or a URI such as classpath:plc1.yaml or file:/etc/plc1.yaml)");
        }
        return RegisterMapLoader.read(in, location);
    }

    private static void validate(ModbusConfiguration c) {
        int lowestPort = c.isServer() ? 0 : 1;
        if (!DeviceAddress.isSerialPort(c.getTransport()) && (c.getPort() < lowestPort || c.getPort() > 65535)) {
            throw new IllegalArgumentException("port " + c.getPort() + " is out of range " + lowestPort + "..65535");
        }
        if (c.isServer()) {
            if (DeviceAddress.isSerialPort(c.getTransport()) && c.unitIdList().isEmpty()) {
                throw new IllegalArgumentException("modbus:" + c.getTransport() + " answers for its own units only, as"
                        + " a bus carries other devices too: set unitIds, for example unitIds=5");
            }
            c.unitIdList();
            c.accessRules();
            c.serverLimits();
            if (c.getReplyTimeout() <= 0) {
                throw new IllegalArgumentException("replyTimeout must be positive, got " + c.getReplyTimeout() + " ms");
            }
        }
        ModbusLimits.checkUnitId(c.getUnitId());
        ModbusRequests.validate(c);
        if (c.getRegisterMap() != null) {
            c.readPlanner().plan(c.getRegisterMap()); // a point no read can take fails now, not at the first poll
        } else if (c.isReportByException()) {
            throw new IllegalArgumentException(
                    "reportByException reports the points of a register map: set" + " registerMap too");
        }
        if (c.getHeartbeat() < 0) {
            throw new IllegalArgumentException("heartbeat must not be negative, got " + c.getHeartbeat() + " ms");
        }
        if (c.getTimeout() <= 0) {
            throw new IllegalArgumentException("timeout must be positive, got " + c.getTimeout() + " ms");
        }
        ModbusConfiguration.DeviceSettings settings = c.deviceSettings(); // checks the connection options
        if (settings.serialLine() != null && settings.client().maxInFlight() != 1) {
            throw new IllegalArgumentException(String.format(
                    "maxInFlight is %d, but %s:%s is a serial line, which carries one request at a time: use 1",
                    settings.client().maxInFlight(), c.getTransport(), c.getHost()));
        }
        c.retryPolicy();
        c.writeAccess();
        boolean tls = c.isTls();
        if (!tls && settings.tls() != null) {
            throw new IllegalArgumentException("TLS options (" + settings.tls() + ") apply to Modbus/TCP Security,"
                    + " modbus:tls:host[:port]; this endpoint is modbus:" + c.getTransport()
                    + " (a server with TLS is modbus:tls-server)");
        }
        if (tls && settings.tls() != null) {
            settings.tls().validate();
        }
        if (c.isServer() && tls && settings.tls() != null && !settings.tls().hasIdentity()) {
            throw new IllegalArgumentException("modbus:tls-server needs its own certificate to show its clients: set"
                    + " keyStore, or certChain and privateKey (PEM), or sslContextParameters");
        }
    }

    /** The device's TLS, from its own options or else the global SSLContextParameters; null for plain TCP. */
    ModbusTls tls(ModbusConfiguration c) {
        ModbusConfiguration.DeviceSettings settings = c.deviceSettings();
        if (!c.isTls()) {
            return null;
        }
        if (settings.tls() != null) {
            return settings.tls();
        }
        SSLContextParameters global = retrieveGlobalSslContextParameters();
        if (global == null) {
            throw new IllegalArgumentException("modbus:" + c.getTransport() + " needs the certificates to trust,"
                    + " to know the peer is genuine: set trustStore or trustedCertificates (PEM), or sslContextParameters, or"
                    + " useGlobalSslContextParameters on the component");
        }
        ModbusDevice device = c.getDevice() != null ? c.getDevice() : c;
        return ModbusTls.global(global, device.isHostnameVerification());
    }

    /**
     * The key the device registry knows the device by: its URI form, except that a serial port is one bus whatever
     * endpoints name it (rtu or ascii), so that they share its queue or are refused for disagreeing on its settings.
     */
    static String deviceKey(ModbusConfiguration c, String device) {
        return DeviceAddress.isSerialPort(c.getTransport()) ? "serial:" + c.getHost() : device;
    }

    private ModbusTransport transport(ModbusConfiguration c, ModbusConfiguration.DeviceSettings settings) {
        ModbusConfiguration.SerialLine serial = settings.serialLine();
        return switch (c.getTransport()) {
            case "rtu", "ascii" ->
                new SerialTransport(
                        serial.port(c.getHost()),
                        serial.options(framing(c.getTransport()), c.getHost()),
                        transports().scheduler());
            case "rtu-tcp", "ascii-tcp" ->
                transports()
                        .serialOverTcp(
                                c.getHost(),
                                c.getPort(),
                                settings.connectTimeout(),
                                serial.options(framing(c.getTransport()), null));
            case "tls" ->
                transports()
                        .tls(c.getHost(), c.getPort(), settings.connectTimeout(), tls(c).settings(getCamelContext()));
            default -> transports().tcp(c.getHost(), c.getPort(), settings.connectTimeout());
        };
    }

    private static SerialFraming framing(String transport) {
        return transport.startsWith("ascii") ? SerialFraming.ASCII : SerialFraming.RTU;
    }

    /** The client of the endpoint's device, shared with the other endpoints of the device; see {@link #deviceKey}. */
    ModbusClient acquireClient(ModbusConfiguration c) {
        ModbusConfiguration.DeviceSettings settings = c.deviceSettings();
        ModbusTransport transport = transport(c, settings);
        String key = deviceKey(c, transport.describe());
        synchronized (healthChecks) {
            ModbusClient client = devices.acquire(
                    key,
                    settings,
                    () -> new ModbusClient(
                            transport,
                            settings.client(),
                            Objects.requireNonNullElse(
                                    transport.ioThread(), transports().scheduler())));
            if (!healthChecks.containsKey(key)) {
                ModbusDeviceHealthCheck check = new ModbusDeviceHealthCheck(client, settings.unreachableThreshold());
                check.setEnabled(isHealthCheckConsumerEnabled() || isHealthCheckProducerEnabled());
                HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
                if (registry != null) {
                    registry.register(check);
                }
                healthChecks.put(key, check);
                Object meterRegistry = meterRegistry();
                if (meterRegistry != null) {
                    meters.put(key, ModbusDeviceMeters.bind(meterRegistry, client));
                }
            }
            return client;
        }
    }

    /** @param device the key {@link #deviceKey} gave */
    void releaseClient(String device) {
        synchronized (healthChecks) {
            if (devices.release(device)) {
                ModbusDeviceHealthCheck check = healthChecks.remove(device);
                HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
                if (check != null && registry != null) {
                    registry.unregister(check);
                }
                AutoCloseable deviceMeters = meters.remove(device);
                if (deviceMeters != null) {
                    try {
                        deviceMeters.close();
                    } catch (Exception e) {
                        LOG.debug("Removing the meters of {} failed: {}", device, e.toString());
                    }
                }
            }
        }
    }

    /** The server on the endpoint's address and port, started by the first route that serves unit ids on it. */
    ModbusServers.Server acquireServer(ModbusConfiguration c) throws InterruptedException, IOException {
        if (DeviceAddress.isSerialPort(c.getTransport())) {
            ModbusConfiguration.SerialLine serial = c.deviceSettings().serialLine();
            return servers.acquireSerial(
                    serial,
                    serial.port(c.getHost()),
                    serial.options(framing(c.getTransport()), c.getHost()),
                    transports().scheduler());
        }
        ModbusTls tls = tls(c);
        return servers.acquire(
                transports(),
                c.getHost(),
                c.getPort(),
                c.serverLimits(),
                tls,
                tls == null ? null : tls.settings(getCamelContext()));
    }

    void releaseServer(ModbusServers.Server server) {
        servers.release(server);
    }

    /**
     * The register image of this name: a {@link ProcessImage} bean of that name if the registry has one, otherwise
     * one the component creates on first use, spanning every address, all zero. It lives as long as the component.
     */
    public ProcessImage image(String name) {
        synchronized (images) {
            return images.computeIfAbsent(name, n -> {
                ProcessImage bean = getCamelContext().getRegistry().lookupByNameAndType(n, ProcessImage.class);
                return bean != null ? bean : new ProcessImage();
            });
        }
    }

    /**
     * Micrometer's MeterRegistry if Micrometer is on the class path and the Camel registry holds one: the bean named
     * metricsRegistry, or else the only one; null otherwise. Looked up by name, so nothing here needs Micrometer.
     */
    private Object meterRegistry() {
        if (!metricsEnabled) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(METER_REGISTRY, false, ModbusComponent.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError noMicrometer) {
            return null;
        }
        Object named = getCamelContext().getRegistry().lookupByName("metricsRegistry");
        if (type.isInstance(named)) {
            return named;
        }
        Set<?> found = getCamelContext().getRegistry().findByType(type);
        if (found.size() > 1) {
            LOG.info("No Modbus metrics: {} MeterRegistry beans and none named metricsRegistry", found.size());
        }
        return found.size() == 1 ? found.iterator().next() : null;
    }

    /** The clients of the devices in use, for monitoring. */
    List<ModbusClient> clients() {
        return devices.clients();
    }

    /** Devices with at least one started endpoint, each with one connection. */
    public int deviceCount() {
        return devices.size();
    }

    /** Whether the I/O threads, once started, run on native epoll. */
    synchronized boolean onNativeTransport() {
        return transports != null && transports.nativeTransport();
    }

    private synchronized NettyTransports transports() {
        if (transports == null) {
            transports = new NettyTransports(ioThreads, nativeTransport, Duration.ofNanos(ioSpinMicros * 1000L));
            LOG.debug("Modbus I/O on {}", transports.nativeTransport() ? "native epoll" : "Java NIO");
        }
        return transports;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        synchronized (this) {
            if (transports != null) {
                transports.close();
                transports = null;
            }
        }
    }

    public ModbusConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ModbusConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public boolean isMetricsEnabled() {
        return metricsEnabled;
    }

    public void setMetricsEnabled(boolean metricsEnabled) {
        this.metricsEnabled = metricsEnabled;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    public int getIoSpinMicros() {
        return ioSpinMicros;
    }

    public void setIoSpinMicros(int ioSpinMicros) {
        long most = NettyTransports.MAX_SPIN.toNanos() / 1000;
        if (ioSpinMicros < 0 || ioSpinMicros > most) {
            throw new IllegalArgumentException("ioSpinMicros must be 0 to " + most + ", was " + ioSpinMicros);
        }
        this.ioSpinMicros = ioSpinMicros;
    }

    public boolean isNativeTransport() {
        return nativeTransport;
    }

    public void setNativeTransport(boolean nativeTransport) {
        this.nativeTransport = nativeTransport;
    }
}
