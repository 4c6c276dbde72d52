package org.camelmodbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.camelmodbus.client.CircuitBreakerOptions;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.transport.serial.SerialPortSettings;

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

    @UriParam(
            label = "advanced",
            defaultValue = "0",
            javaType = "java.time.Duration",
            description = "How long the device may stay unreachable (connection attempts failing, no answer since)"
                    + " before its readiness health check reports DOWN; 0 reports DOWN at the first failed attempt."
                    + " Rides out a device reboot or a short network outage without flagging the application unready.")
    private long unreachableThreshold;

    @UriParam(
            label = "security",
            description = "modbus:tls: Camel's TLS configuration (sslContextParameters=#name): the key manager with"
                    + " this side's certificate, the trust manager with the certificates it trusts, protocols and cipher"
                    + " suites. Instead of the keyStore or PEM options.")
    private SSLContextParameters sslContextParameters;

    @UriParam(
            label = "security",
            description = "modbus:tls: the PKCS12 or JKS key store with this side's private key and certificate chain"
                    + " (a path, or a Camel resource such as classpath:client.p12).")
    private String keyStore;

    @UriParam(label = "security", secret = true, description = "Password of keyStore and of its key.")
    private String keyStorePassword;

    @UriParam(
            label = "security",
            description = "modbus:tls: the PKCS12 or JKS store of the certificates to trust, usually the CA that"
                    + " issues the peers' certificates (a path or a Camel resource).")
    private String trustStore;

    @UriParam(label = "security", secret = true, description = "Password of trustStore.")
    private String trustStorePassword;

    @UriParam(
            label = "security",
            description = "modbus:tls: PEM file with this side's certificate chain, its own certificate first"
                    + " (a path or a Camel resource); with privateKey, instead of keyStore.")
    private String certChain;

    @UriParam(
            label = "security",
            description = "modbus:tls: PEM file with the PKCS#8 private key of certChain (BEGIN PRIVATE KEY, or"
                    + " BEGIN ENCRYPTED PRIVATE KEY with privateKeyPassword).")
    private String privateKey;

    @UriParam(label = "security", secret = true, description = "Password of an encrypted privateKey.")
    private String privateKeyPassword;

    @UriParam(
            label = "security",
            description = "modbus:tls: PEM file with the certificates to trust (one or more CAs); instead of"
                    + " trustStore.")
    private String trustedCertificates;

    @UriParam(
            label = "security",
            defaultValue = "true",
            description = "modbus:tls: whether the device's certificate must name the host of the URI (as DNS name"
                    + " or IP address subject alternative name). Turn off only for devices whose certificates name no"
                    + " host; the certificate must still be issued by a trusted CA.")
    private boolean hostnameVerification = true;

    @UriParam(
            label = "serial",
            defaultValue = "19200",
            description = "rtu, ascii: bits per second of the serial line. Above 19200 the silent interval between"
                    + " frames is fixed at 1.75 ms, below it is 3.5 characters.")
    private int baudRate = 19200;

    @UriParam(
            label = "serial",
            defaultValue = "8",
            description = "rtu, ascii: data bits per character, 5..8. RTU needs 8; ASCII uses 7 or 8.")
    private int dataBits = 8;

    @UriParam(
            label = "serial",
            defaultValue = "even",
            enums = "none,even,odd,mark,space",
            description = "rtu, ascii: parity bit. The serial-line specification's default is even; many devices are"
                    + " set to none (then the specification asks for two stop bits).")
    private String parity = "even";

    @UriParam(label = "serial", defaultValue = "1", enums = "1,2", description = "rtu, ascii: stop bits, 1 or 2.")
    private int stopBits = 1;

    @UriParam(
            label = "serial",
            defaultValue = "none",
            enums = "none,rtsCts,xonXoff",
            description = "rtu, ascii: flow control of the serial port. Modbus lines rarely use any.")
    private String flowControl = "none";

    @UriParam(
            label = "serial",
            defaultValue = "false",
            description = "rtu, ascii: switch on the RS-485 mode of the port's driver (Linux TIOCSRS485), which"
                    + " drives the transceiver's send enable from RTS around each write. Not needed for adapters"
                    + " that switch by themselves (most USB RS-485 adapters).")
    private boolean rs485;

    @UriParam(
            label = "serial",
            defaultValue = "true",
            description = "rtu, ascii with rs485: RTS is high while sending (false: low).")
    private boolean rs485RtsActiveHigh = true;

    @UriParam(
            label = "serial",
            defaultValue = "false",
            description = "rtu, ascii with rs485: switch on the adapter's bus termination, where it has one.")
    private boolean rs485Termination;

    @UriParam(
            label = "serial",
            defaultValue = "false",
            description = "rtu, ascii with rs485: keep the receiver on while sending; the port then receives its own"
                    + " frames, so set echo too.")
    private boolean rs485RxDuringTx;

    @UriParam(
            label = "serial",
            defaultValue = "0",
            description = "rtu, ascii with rs485: microseconds between switching the transceiver to send and the first"
                    + " bit.")
    private int rs485DelayBefore;

    @UriParam(
            label = "serial",
            defaultValue = "0",
            description = "rtu, ascii with rs485: microseconds between the last bit and switching the transceiver back"
                    + " to receive.")
    private int rs485DelayAfter;

    @UriParam(
            label = "serial",
            defaultValue = "false",
            description = "rtu, ascii and their -tcp forms: the adapter echoes every byte sent (two-wire RS-485"
                    + " adapters with the receiver always on): drop that copy of each request before reading the"
                    + " answer.")
    private boolean echo;

    @UriParam(
            label = "serial",
            defaultValue = "100",
            javaType = "java.time.Duration",
            description = "rtu, ascii and their -tcp forms: after a broadcast write (unitId=0), which no device"
                    + " answers, the line stays quiet this long so that the devices can act on it before the next"
                    + " request. The broadcast's exchange completes when it has been sent and this delay has passed:"
                    + " success means the write went out, not that any device applied it.")
    private long turnaroundDelay = 100;

    /**
     * The settings as the client and the device registry take them; throws if one is out of range.
     *
     * @param serialLine whether the device is on a serial line (rtu, ascii and their -tcp forms), which the serial
     *     options then belong to
     */
    ModbusConfiguration.DeviceSettings settings(boolean serialLine) {
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
                Duration.ofMillis(connectTimeout),
                ModbusTls.of(this),
                serialLine ? serialLine() : null,
                Duration.ofMillis(unreachableThreshold));
    }

    private ModbusConfiguration.SerialLine serialLine() {
        return new ModbusConfiguration.SerialLine(
                baudRate,
                dataBits,
                parseEnum(SerialPortSettings.Parity.class, "parity", parity),
                stopBits,
                parseEnum(SerialPortSettings.FlowControl.class, "flowControl", flowControl),
                new SerialPortSettings.Rs485(
                        rs485,
                        rs485RtsActiveHigh,
                        rs485Termination,
                        rs485RxDuringTx,
                        rs485DelayBefore,
                        rs485DelayAfter),
                echo,
                Duration.ofMillis(turnaroundDelay));
    }

    /** {@code rtsCts} to RTS_CTS, with a message that lists the choices for anything else. */
    private static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
        String constant =
                value == null ? "" : value.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(constant)) {
                return e;
            }
        }
        List<String> choices = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            choices.add(camelCase(e.name()));
        }
        throw new IllegalArgumentException(option + " '" + value + "' is not one of " + String.join(", ", choices));
    }

    private static String camelCase(String constant) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
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

    public long getUnreachableThreshold() {
        return unreachableThreshold;
    }

    public void setUnreachableThreshold(long unreachableThreshold) {
        this.unreachableThreshold = unreachableThreshold;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getKeyStore() {
        return keyStore;
    }

    public void setKeyStore(String keyStore) {
        this.keyStore = keyStore;
    }

    public String getKeyStorePassword() {
        return keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getCertChain() {
        return certChain;
    }

    public void setCertChain(String certChain) {
        this.certChain = certChain;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public String getPrivateKeyPassword() {
        return privateKeyPassword;
    }

    public void setPrivateKeyPassword(String privateKeyPassword) {
        this.privateKeyPassword = privateKeyPassword;
    }

    public String getTrustedCertificates() {
        return trustedCertificates;
    }

    public void setTrustedCertificates(String trustedCertificates) {
        this.trustedCertificates = trustedCertificates;
    }

    public boolean isHostnameVerification() {
        return hostnameVerification;
    }

    public void setHostnameVerification(boolean hostnameVerification) {
        this.hostnameVerification = hostnameVerification;
    }

    public int getBaudRate() {
        return baudRate;
    }

    public void setBaudRate(int baudRate) {
        this.baudRate = baudRate;
    }

    public int getDataBits() {
        return dataBits;
    }

    public void setDataBits(int dataBits) {
        this.dataBits = dataBits;
    }

    public String getParity() {
        return parity;
    }

    public void setParity(String parity) {
        this.parity = parity;
    }

    public int getStopBits() {
        return stopBits;
    }

    public void setStopBits(int stopBits) {
        this.stopBits = stopBits;
    }

    public String getFlowControl() {
        return flowControl;
    }

    public void setFlowControl(String flowControl) {
        this.flowControl = flowControl;
    }

    public boolean isRs485() {
        return rs485;
    }

    public void setRs485(boolean rs485) {
        this.rs485 = rs485;
    }

    public boolean isRs485RtsActiveHigh() {
        return rs485RtsActiveHigh;
    }

    public void setRs485RtsActiveHigh(boolean rs485RtsActiveHigh) {
        this.rs485RtsActiveHigh = rs485RtsActiveHigh;
    }

    public boolean isRs485Termination() {
        return rs485Termination;
    }

    public void setRs485Termination(boolean rs485Termination) {
        this.rs485Termination = rs485Termination;
    }

    public boolean isRs485RxDuringTx() {
        return rs485RxDuringTx;
    }

    public void setRs485RxDuringTx(boolean rs485RxDuringTx) {
        this.rs485RxDuringTx = rs485RxDuringTx;
    }

    public int getRs485DelayBefore() {
        return rs485DelayBefore;
    }

    public void setRs485DelayBefore(int rs485DelayBefore) {
        this.rs485DelayBefore = rs485DelayBefore;
    }

    public int getRs485DelayAfter() {
        return rs485DelayAfter;
    }

    public void setRs485DelayAfter(int rs485DelayAfter) {
        this.rs485DelayAfter = rs485DelayAfter;
    }

    public boolean isEcho() {
        return echo;
    }

    public void setEcho(boolean echo) {
        this.echo = echo;
    }

    public long getTurnaroundDelay() {
        return turnaroundDelay;
    }

    public void setTurnaroundDelay(long turnaroundDelay) {
        this.turnaroundDelay = turnaroundDelay;
    }
}
