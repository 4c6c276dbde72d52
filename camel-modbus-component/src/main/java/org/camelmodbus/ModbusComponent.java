package org.camelmodbus;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.device.DeviceRegistry;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.transport.ModbusTransport;
import org.camelmodbus.transport.netty.NettyTransports;

/**
 * The {@code modbus:} component. Owns what endpoints share: the I/O threads and one client per device, so that all
 * endpoints naming {@code plc1:502} use a single connection and a single request queue.
 */
@Component("modbus")
public class ModbusComponent extends DefaultComponent {

    @Metadata(description = "Defaults for the options of every endpoint of this component.")
    private ModbusConfiguration configuration = new ModbusConfiguration();

    @Metadata(
            label = "advanced",
            defaultValue = "0",
            description = "Threads that serve all device connections of"
                    + " this component (non-blocking I/O); 0 means one per available processor.")
    private int ioThreads;

    private final DeviceRegistry devices = new DeviceRegistry();
    private NettyTransports transports;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ModbusConfiguration config = configuration.copy();
        DeviceAddress.parse(remaining).applyTo(config);
        ModbusEndpoint endpoint = new ModbusEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        validate(config);
        return endpoint;
    }

    private static void validate(ModbusConfiguration c) {
        if (c.getPort() < 1 || c.getPort() > 65535) {
            throw new IllegalArgumentException("port " + c.getPort() + " is out of range 1..65535");
        }
        ModbusLimits.checkUnitId(c.getUnitId());
        ModbusRequests.validate(c);
        if (c.getTimeout() <= 0) {
            throw new IllegalArgumentException("timeout must be positive, got " + c.getTimeout() + " ms");
        }
        c.deviceSettings(); // checks the connection options
        c.retryPolicy();
    }

    ModbusClient acquireClient(ModbusConfiguration c) {
        ModbusConfiguration.DeviceSettings settings = c.deviceSettings();
        ModbusTransport transport = transports().tcp(c.getHost(), c.getPort(), settings.connectTimeout());
        return devices.acquire(
                transport.describe(),
                settings,
                () -> new ModbusClient(
                        transport, settings.client(), transports().scheduler()));
    }

    void releaseClient(String device) {
        devices.release(device);
    }

    /** Devices with at least one started endpoint, each with one connection. */
    public int deviceCount() {
        return devices.size();
    }

    private synchronized NettyTransports transports() {
        if (transports == null) {
            transports = new NettyTransports(ioThreads);
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

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }
}
