package org.camelmodbus;

import java.time.Duration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.jsse.SSLContextParameters;
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
                Duration.ofMillis(connectTimeout),
                ModbusTls.of(this));
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
}
