package org.camelmodbus;

import java.time.Duration;
import org.camelmodbus.client.CircuitBreakerOptions;
import org.camelmodbus.client.ModbusClientOptions;

/**
 * The connection, pacing and circuit breaker settings of one device, defined once as a bean and named by each of its
 * endpoints with {@code device=#name}, instead of repeating the same options in every URI. The address stays in the
 * URI. An endpoint that names a device bean may not also set one of these options itself. Defaults are the
 * endpoint's.
 *
 * <pre>{@code
 * ModbusDevice plc1 = new ModbusDevice();
 * plc1.setMaxInFlight(4);
 * plc1.setMaxRequestsPerSecond(50);
 * context.getRegistry().bind("plc1", plc1);
 * from("modbus:tcp:plc1.local:502?device=#plc1&unitId=3&quantity=10") ...
 * }</pre>
 */
public class ModbusDevice {
    private int maxInFlight = 1;
    private int maxQueuedRequests = 1000;
    private long connectTimeout = 5000;
    private long reconnectDelay = 100;
    private long reconnectDelayMax = 10000;
    private int maxRequestsPerSecond;
    private long minRequestInterval;
    private ModbusQueueOverflow queueOverflow = ModbusQueueOverflow.fail;
    private int breakerFailureThreshold;
    private long breakerOpenDelay = 1000;
    private long breakerOpenDelayMax = 30000;

    /** The settings as the client and the device registry take them; throws if one is out of range. */
    ModbusConfiguration.DeviceSettings settings() {
        return new ModbusConfiguration.DeviceSettings(
                new ModbusClientOptions(
                        maxInFlight,
                        maxQueuedRequests,
                        Duration.ofMillis(reconnectDelay),
                        Duration.ofMillis(reconnectDelayMax),
                        maxRequestsPerSecond,
                        Duration.ofMillis(minRequestInterval),
                        queueOverflow.policy(),
                        new CircuitBreakerOptions(
                                breakerFailureThreshold,
                                Duration.ofMillis(breakerOpenDelay),
                                Duration.ofMillis(breakerOpenDelayMax))),
                Duration.ofMillis(connectTimeout));
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public int getMaxQueuedRequests() {
        return maxQueuedRequests;
    }

    public void setMaxQueuedRequests(int maxQueuedRequests) {
        this.maxQueuedRequests = maxQueuedRequests;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getReconnectDelayMax() {
        return reconnectDelayMax;
    }

    public void setReconnectDelayMax(long reconnectDelayMax) {
        this.reconnectDelayMax = reconnectDelayMax;
    }

    public int getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    public void setMaxRequestsPerSecond(int maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public long getMinRequestInterval() {
        return minRequestInterval;
    }

    public void setMinRequestInterval(long minRequestInterval) {
        this.minRequestInterval = minRequestInterval;
    }

    public ModbusQueueOverflow getQueueOverflow() {
        return queueOverflow;
    }

    public void setQueueOverflow(ModbusQueueOverflow queueOverflow) {
        this.queueOverflow = queueOverflow;
    }

    public int getBreakerFailureThreshold() {
        return breakerFailureThreshold;
    }

    public void setBreakerFailureThreshold(int breakerFailureThreshold) {
        this.breakerFailureThreshold = breakerFailureThreshold;
    }

    public long getBreakerOpenDelay() {
        return breakerOpenDelay;
    }

    public void setBreakerOpenDelay(long breakerOpenDelay) {
        this.breakerOpenDelay = breakerOpenDelay;
    }

    public long getBreakerOpenDelayMax() {
        return breakerOpenDelayMax;
    }

    public void setBreakerOpenDelayMax(long breakerOpenDelayMax) {
        this.breakerOpenDelayMax = breakerOpenDelayMax;
    }
}
