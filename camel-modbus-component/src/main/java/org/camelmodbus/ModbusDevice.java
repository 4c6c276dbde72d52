package org.camelmodbus;

import java.time.Duration;
import org.apache.camel.spi.UriParam;
import org.camelmodbus.client.CircuitBreakerOptions;
import org.camelmodbus.client.ModbusClientOptions;

/**
 * The connection, pacing and circuit breaker settings of one device, defined once as a bean and named by each of its
 * endpoints with {@code device=#name}, instead of repeating the same options in every URI. The address stays in the
 * URI. An endpoint that names a device bean may not also set one of these options itself. The endpoint configuration
 * extends this class, so an endpoint that names no bean carries the same options, with the same defaults, itself.
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
    @UriParam(
            label = "advanced",
            defaultValue = "1",
            description = "Requests one connection may have on the wire"
                    + " at once, matched by transaction id (pipelining). Many devices serve one at a time; gateways and"
                    + " modern PLCs often accept more.")
    private int maxInFlight = 1;

    @UriParam(
            label = "advanced",
            defaultValue = "1000",
            description = "Requests that may wait for the device;"
                    + " beyond it a request fails at once with a ModbusRequestRejectedException.")
    private int maxQueuedRequests = 1000;

    @UriParam(
            label = "advanced",
            defaultValue = "5000",
            javaType = "java.time.Duration",
            description = "How long to wait for a TCP connection to open.")
    private long connectTimeout = 5000;

    @UriParam(
            label = "advanced",
            defaultValue = "100",
            javaType = "java.time.Duration",
            description = "Wait after"
                    + " a failed connection attempt; it doubles with each further failure up to reconnectDelayMax."
                    + " Requests during the wait fail at once with a ModbusConnectionException.")
    private long reconnectDelay = 100;

    @UriParam(
            label = "advanced",
            defaultValue = "10000",
            javaType = "java.time.Duration",
            description = "Cap on the wait between connection attempts.")
    private long reconnectDelayMax = 10000;

    @UriParam(
            label = "advanced",
            defaultValue = "0",
            description = "Requests sent to the device per second at most, spread evenly (one every 1/n seconds),"
                    + " however many may be in flight; 0 for no limit. Requests wait in the queue meanwhile, their"
                    + " timeout running.")
    private int maxRequestsPerSecond;

    @UriParam(
            label = "advanced",
            defaultValue = "0",
            javaType = "java.time.Duration",
            description = "Quiet time the device gets before each request: a request is sent no sooner than this"
                    + " after the previous request was sent and after the previous one ended (answered, timed out or"
                    + " lost). For devices that need a pause between requests; 0 for none.")
    private long minRequestInterval;

    @UriParam(
            label = "advanced",
            defaultValue = "fail",
            description = "What a request that finds the device's queue (maxQueuedRequests) full does. fail: it fails"
                    + " at once with a ModbusRequestRejectedException. dropOldestPoll: the oldest poll of a consumer"
                    + " still waiting is dropped to make room and fails with a ModbusRequestRejectedException saying it"
                    + " was superseded. mergePoll: a poll that finds the identical poll waiting joins it and gets the"
                    + " same answer. Writes are never dropped or merged; what cannot be placed fails as with fail."
                    + " Every endpoint always has room for one waiting request, so a flooding endpoint cannot lock the"
                    + " others out.")
    private ModbusQueueOverflow queueOverflow = ModbusQueueOverflow.fail;

    @UriParam(
            label = "advanced",
            defaultValue = "0",
            description = "Circuit breaker per unit id: after this many consecutive timeouts of one unit (or gateway"
                    + " exceptions 0x0A/0x0B), the unit is parked: its requests fail at once with a"
                    + " ModbusUnitUnavailableException while the other units of the device are still served, until a"
                    + " probe request gets an answer. 0 switches the breaker off.")
    private int breakerFailureThreshold;

    @UriParam(
            label = "advanced",
            defaultValue = "1000",
            javaType = "java.time.Duration",
            description = "How long a unit stays parked before the next request goes through as a probe; doubles"
                    + " after each probe that times out, up to breakerOpenDelayMax.")
    private long breakerOpenDelay = 1000;

    @UriParam(
            label = "advanced",
            defaultValue = "30000",
            javaType = "java.time.Duration",
            description = "Cap on how long a unit stays parked between probes.")
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
