package org.camelmodbus;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.camelmodbus.client.ModbusClientOptions;
import org.camelmodbus.client.RetryPolicy;
import org.camelmodbus.data.ReadPlanner;
import org.camelmodbus.data.RegisterMap;
import org.camelmodbus.protocol.ModbusLimits;
import org.camelmodbus.protocol.SerialFraming;
import org.camelmodbus.server.AccessRules;
import org.camelmodbus.server.AddressRanges;
import org.camelmodbus.transport.SerialLineOptions;
import org.camelmodbus.transport.ServerLimits;
import org.camelmodbus.transport.serial.SerialPortSettings;

/**
 * Endpoint options. Connection, pacing and circuit breaker options (label "advanced") belong to the device and must
 * agree across its endpoints; a {@link ModbusDevice} bean can hold them instead ({@code device=#name}).
 */
@UriParams
public class ModbusConfiguration extends ModbusDevice implements Cloneable {

    @UriPath(
            enums = "tcp,tls,tcp-server,tls-server,image,rtu,ascii,rtu-tcp,ascii-tcp,rtu-server,ascii-server",
            description = "tcp: a Modbus TCP device, polled (from) or read and written (to). tls: the same over"
                    + " Modbus/TCP Security (TLS 1.2 or 1.3 with mutual certificate authentication, port 802)."
                    + " tcp-server: be a Modbus TCP device (from only): listen on host:port, serve reads from a"
                    + " register image, hand writes (or with proxy every request) to the route. tls-server: the same"
                    + " over Modbus/TCP Security, clients authenticated by their certificates. image: a register"
                    + " image that server routes serve, filled by producers (to only); host is its name."
                    + " rtu, ascii: Modbus RTU or ASCII devices on a local serial port (host is the port)."
                    + " rtu-tcp, ascii-tcp: RTU or ASCII frames over TCP, through a serial-to-Ethernet converter."
                    + " rtu-server, ascii-server: be RTU or ASCII devices (the unitIds) on a local serial port.")
    @Metadata(required = true)
    private String transport;

    @UriPath(
            description = "Host name or IP address of the device (IPv6 literals in brackets); for a server the"
                    + " address to listen on (0.0.0.0: all); for image the image's name; for rtu and ascii the serial"
                    + " port: /dev/ttyUSB0, /dev/serial/by-id/..., COM3.")
    @Metadata(required = true)
    private String host;

    @UriPath(
            defaultValue = "502",
            description = "TCP port of the device, 802 for tls; for a server the port to listen on (802 for"
                    + " tls-server; 0: a free port, for this route alone); not used by rtu and ascii.")
    private int port = 502;

    @UriParam(
            defaultValue = "1",
            description = "Unit id (slave id) to address, 0..255. Gateways forward by it;"
                    + " most plain Modbus TCP devices accept 1 or 255. On a serial line (rtu, ascii and their -tcp"
                    + " forms) devices have ids 1..247 and 0 broadcasts a write to all of them (see turnaroundDelay).")
    private int unitId = 1;

    @UriParam(
            defaultValue = "readHoldingRegisters",
            description = "The Modbus function to execute. Consumers poll with any function that changes nothing on the"
                    + " device (all but the writes, maskWriteRegister and readWriteMultipleRegisters); producers execute"
                    + " any function for each message. raw sends the function code rawFunctionCode with the data of"
                    + " the message body.")
    private ModbusFunction function = ModbusFunction.readHoldingRegisters;

    @UriParam(
            defaultValue = "0",
            description = "First address to read or write, 0..65535 (the zero-based address"
                    + " on the wire: holding register 40001 is address 0). readWriteMultipleRegisters reads from it,"
                    + " readFifoQueue takes it as the FIFO pointer address.")
    private int address;

    @UriParam(
            defaultValue = "1",
            description = "Number of coils, inputs or registers to read: 1..2000 for bits,"
                    + " 1..125 for registers (readWriteMultipleRegisters too). Writes take the count from the message"
                    + " body.")
    private int quantity = 1;

    @UriParam(
            defaultValue = "0",
            description = "readWriteMultipleRegisters: the first register to write, 0..65535. The values (1..121) come"
                    + " from the message body; the device writes them first, then reads quantity registers from"
                    + " address.")
    private int writeAddress;

    @UriParam(
            defaultValue = "basic",
            description = "readDeviceIdentification: which objects to read. basic (VendorName, ProductCode,"
                    + " MajorMinorRevision), regular (also the objects up to 0x7F) and extended (also the private"
                    + " objects 0x80..0xFF) read a stream, following the device's continuations; specific reads the"
                    + " one object objectId.")
    private ModbusDeviceIdCode deviceIdCode = ModbusDeviceIdCode.basic;

    @UriParam(
            defaultValue = "0",
            description = "readDeviceIdentification: the object id, 0..255, to start the stream at, or with"
                    + " deviceIdCode=specific the object to read.")
    private int objectId;

    @UriParam(
            description = "raw: the function code to send, 1..127 (user-defined functions are 65..72 and 100..110)."
                    + " The message body, as bytes, holds the data after the function code; the answer's data, as"
                    + " bytes, becomes the body.")
    private int rawFunctionCode;

    @UriParam(
            description = "diagnostics and raw: the data to send, in hex (for example A537), when the message body"
                    + " is empty, and always when polling. diagnostics expects it echoed back.")
    private String requestData;

    @UriParam(
            label = "advanced",
            defaultValue = "1",
            description = "reportServerId: how many bytes of the device's answer are the server id, before the run"
                    + " indicator, 1..250. Device specific; 1 for most devices.")
    private int serverIdLength = 1;

    @UriParam(
            defaultValue = "3000",
            javaType = "java.time.Duration",
            description = "How long a request may take,"
                    + " waiting in the device's queue included, before it fails with a ModbusTimeoutException.")
    private long timeout = 3000;

    @UriParam(
            label = "advanced",
            description = "A ModbusDevice bean (device=#name) that holds the device's connection, pacing and circuit"
                    + " breaker options, so that its endpoints need not repeat them; an endpoint that names one may"
                    + " not set those options itself.")
    private ModbusDevice device;

    @UriParam(
            label = "advanced",
            defaultValue = "0",
            description = "How often a failed request is sent again. Reads"
                    + " are retried after timeouts, connection failures and the exception codes in retryExceptionCodes; writes"
                    + " only when they certainly did not take effect (see retryUncertainWrites).")
    private int retries;

    @UriParam(
            label = "advanced",
            defaultValue = "100",
            javaType = "java.time.Duration",
            description = "Wait before the" + " first retry; it doubles with each further one up to retryDelayMax.")
    private long retryDelay = 100;

    @UriParam(
            label = "advanced",
            defaultValue = "2000",
            javaType = "java.time.Duration",
            description = "Cap on the wait between retries.")
    private long retryDelayMax = 2000;

    @UriParam(
            label = "advanced",
            defaultValue = "5,6",
            description = "Exception response codes that are retried, comma separated: by default 5 (acknowledge)"
                    + " and 6 (server device busy). Illegal function, address or value (1, 2, 3) are never worth"
                    + " retrying. A write refused with 6 or 10 (gateway path unavailable) was not applied and is"
                    + " retried; one answered with any other listed code (5: accepted and still working, 4: failed"
                    + " part way) may have been, so it is retried only with retryUncertainWrites.")
    private String retryExceptionCodes = "5,6";

    @UriParam(
            label = "advanced",
            defaultValue = "false",
            description = "Also retry a write whose outcome is unknown (timeout, connection lost mid-request, an"
                    + " answer that breaks the specification, a listed exception code other than 6 and 10), which makes"
                    + " writes at-least-once instead of at-most-once. Only for idempotent writes.")
    private boolean retryUncertainWrites;

    @UriParam(
            label = "common",
            description = "Named, typed points (a register map): a RegisterMap bean (registerMap=#name), or where to"
                    + " load one in YAML or JSON: a file path, or a resource URI such as classpath:plc1.yaml,"
                    + " file:/etc/plc1.yaml or http:... With it, a consumer reads every point of the map in as few"
                    + " requests as possible and delivers a Map of point name to typed value (function, address and"
                    + " quantity are not used); a producer writes the points a Map or JSON object body names, or reads"
                    + " every point when the body is empty; an image producer sets the points a Map body names. An"
                    + " invalid map fails the route at start-up, naming the point and the problem.")
    private RegisterMap registerMap;

    @UriParam(
            label = "common",
            defaultValue = "10",
            description = "registerMap: how many unused registers one read may span to take two points in one request"
                    + " instead of two (16 coils or inputs count as one register); 0 reads only adjacent points"
                    + " together.")
    private int maxGap = 10;

    @UriParam(
            label = "common,advanced",
            defaultValue = "125",
            description = "registerMap: the most registers one read may take, 1..125 (coils and inputs: 16 times as"
                    + " many, at most 2000). Lower it for a device that refuses long reads.")
    private int maxBlockSize = 125;

    @UriParam(
            label = "consumer",
            defaultValue = "false",
            description = "registerMap: report by exception. Each exchange holds only the points that changed since"
                    + " they were last reported: beyond their deadband for numbers that have one in the map, any change"
                    + " for the others, and points that failed or recovered. A poll with no change sends no exchange."
                    + " The first poll, and every heartbeat, report every point.")
    private boolean reportByException;

    @UriParam(
            label = "consumer",
            defaultValue = "0",
            javaType = "java.time.Duration",
            description = "registerMap with reportByException: report every point, changed or not, at least this"
                    + " often (at the first poll after the interval), so that late subscribers and lost messages heal;"
                    + " 0 for only at the first poll.")
    private long heartbeat;

    @UriParam(
            label = "consumer",
            description = "tcp-server: the unit ids this route serves, as single ids and ranges, for example 1..4,10;"
                    + " each unit id is served by one route of the server. Empty: every unit id no other route of the"
                    + " server claims. Requests for unit ids no route serves are answered with exception 0x0A"
                    + " (gateway path unavailable).")
    private String unitIds;

    @UriParam(
            label = "consumer",
            defaultValue = "default",
            description = "tcp-server: the register image that answers reads of this route's unit ids and takes"
                    + " the writes the route approves; modbus:image:<name> producers fill it. A ProcessImage bean of"
                    + " that name is used if the registry has one, otherwise the component creates an image spanning"
                    + " all 65536 addresses of each table, all zero. Not used with proxy.")
    private String image = "default";

    @UriParam(
            label = "consumer",
            defaultValue = "false",
            description = "tcp-server: hand every request of this route's unit ids, reads included, to the route;"
                    + " the reply becomes the response (a Modbus TCP to RTU gateway is such a route to a modbus:rtu"
                    + " producer). Without it, reads are served from the image and only writes reach the route.")
    private boolean proxy;

    @UriParam(
            label = "consumer",
            defaultValue = "5000",
            javaType = "java.time.Duration",
            description = "tcp-server: how long the route may take to reply. After it the client gets exception"
                    + " 0x0B (gateway target device failed to respond) with proxy, 0x04 (server device failure) for"
                    + " a write to the image, which then is not applied.")
    private long replyTimeout = 5000;

    @UriParam(
            label = "consumer,security",
            description = "tcp-server: the functions clients may use on this route's unit ids, comma separated, by"
                    + " name (readHoldingRegisters, writeSingleCoil...) or code (3, 0x10); others are answered with"
                    + " exception 0x01 (illegal function). Empty: all.")
    private String allowedFunctions;

    @UriParam(
            label = "consumer,security",
            description = "tcp-server: the addresses clients may read, as ranges such as 0..99,200..299, in every"
                    + " table; reads outside are answered with exception 0x02 (illegal data address). Empty: all.")
    private String readableAddresses;

    @UriParam(
            label = "consumer,security",
            description = "tcp-server: the coil and holding register addresses clients may write, as ranges such as"
                    + " 100..109; writes outside are answered with exception 0x02 (illegal data address). Empty: all.")
    private String writableAddresses;

    @UriParam(
            label = "consumer,advanced",
            defaultValue = "32",
            description = "tcp-server: clients connected at once; a further one is closed at once with a warning in"
                    + " the log. A setting of the server: every route on the same address and port must agree.")
    private int maxConnections = 32;

    @UriParam(
            label = "consumer,advanced",
            defaultValue = "300000",
            javaType = "java.time.Duration",
            description = "tcp-server: close a client connection that neither sent nor received anything for this"
                    + " long, so clients that vanished without closing free their slot; 0 for never. A setting of"
                    + " the server: every route on the same address and port must agree.")
    private long idleTimeout = 300000;

    @UriParam(
            label = "producer",
            defaultValue = "holdingRegisters",
            description = "image: the table the message's values go to: coils, discreteInputs, holdingRegisters or"
                    + " inputRegisters, from address on.")
    private ModbusTable table = ModbusTable.holdingRegisters;

    /** Whether the endpoint is a Modbus server (a consumer that clients connect to). */
    boolean isServer() {
        return transport != null && transport.endsWith("-server");
    }

    /** Whether the endpoint speaks Modbus/TCP Security, as a client (tls) or a server (tls-server). */
    boolean isTls() {
        return "tls".equals(transport) || "tls-server".equals(transport);
    }

    /** Whether the endpoint names a register image (a producer that fills it). */
    boolean isImage() {
        return "image".equals(transport);
    }

    /** The unit ids of {@link #getUnitIds()}, ascending; empty for every unit id no other route claims. */
    List<Integer> unitIdList() {
        TreeSet<Integer> ids = new TreeSet<>();
        if (unitIds != null && !unitIds.isBlank()) {
            for (String part : unitIds.split(",")) {
                String range = part.trim();
                int dots = range.indexOf("..");
                int first = unitIdIn(dots < 0 ? range : range.substring(0, dots));
                int last = dots < 0 ? first : unitIdIn(range.substring(dots + 2));
                if (last < first) {
                    throw new IllegalArgumentException("unitIds: range '" + range + "' ends before it starts");
                }
                for (int id = first; id <= last; id++) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }

    private static int unitIdIn(String text) {
        try {
            int id = Integer.decode(text.trim());
            ModbusLimits.checkUnitId(id);
            return id;
        } catch (IllegalArgumentException e) { // NumberFormatException too
            throw new IllegalArgumentException(
                    "unitIds: '" + text.trim() + "' is not a unit id 0..255; expected for example 1..4,10", e);
        }
    }

    /** The access rules of allowedFunctions, readableAddresses and writableAddresses. */
    AccessRules accessRules() {
        Set<Integer> codes = new HashSet<>();
        if (allowedFunctions != null) {
            for (String name : allowedFunctions.split(",")) {
                if (!name.isBlank()) {
                    codes.add(functionCode(name.trim()));
                }
            }
        }
        return new AccessRules(codes, AddressRanges.parse(readableAddresses), AddressRanges.parse(writableAddresses));
    }

    private static int functionCode(String name) {
        if (Character.isDigit(name.charAt(0))) {
            try {
                return Integer.decode(name);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allowedFunctions: '" + name + "' is not a function code", e);
            }
        }
        return ModbusFunction.parse(name)
                .code()
                .orElseThrow(() -> new IllegalArgumentException(
                        "allowedFunctions: raw has no function code of its own; list the codes, for example 0x41"))
                .code();
    }

    /** The limits maxConnections and idleTimeout set, which every route of one server must agree on. */
    ServerLimits serverLimits() {
        return new ServerLimits(maxConnections, Duration.ofMillis(idleTimeout));
    }

    @UriParam(
            label = "security",
            defaultValue = "false",
            description = "Refuse every request that may change the device (the writes, maskWriteRegister,"
                    + " readWriteMultipleRegisters, raw requests that write or whose effect is unknown) with a"
                    + " ModbusWriteDeniedException, before anything is sent, whatever the message's headers ask.")
    private boolean readOnly;

    @UriParam(
            label = "security",
            description = "The only addresses this endpoint may write, as table:first-last or table:address, comma"
                    + " separated, tables coil and holding; for example holding:100-199,coil:0-15. A write that"
                    + " reaches outside them, after headers and body had their say, fails with a"
                    + " ModbusWriteDeniedException before anything is sent; so does a raw request whose effect is"
                    + " unknown. Unset: any address.")
    private String writeAllow;

    @UriParam(
            label = "security",
            description = "The only unit ids this endpoint may write to, comma separated, for example 1,2; a write to"
                    + " another unit fails with a ModbusWriteDeniedException before anything is sent. Unset: any"
                    + " unit.")
    private String writeUnitIds;

    /** Which writes this endpoint may send. */
    WriteAccess writeAccess() {
        return WriteAccess.of(readOnly, writeAllow, writeUnitIds);
    }

    /** How this endpoint merges the points of its register map into reads. */
    ReadPlanner readPlanner() {
        return new ReadPlanner(maxGap, maxBlockSize);
    }

    /** How failed requests of this endpoint are retried. */
    RetryPolicy retryPolicy() {
        Set<Integer> codes = new HashSet<>();
        for (String code : retryExceptionCodes.split(",")) {
            if (!code.isBlank()) {
                int value;
                try {
                    value = Integer.decode(code.trim());
                } catch (NumberFormatException e) {
                    value = -1;
                }
                if (value < 1 || value > 0xFF) {
                    throw new IllegalArgumentException("retryExceptionCodes: '" + code.trim()
                            + "' is not an exception code (1..255, decimal or 0x hex)");
                }
                codes.add(value);
            }
        }
        return new RetryPolicy(
                retries, Duration.ofMillis(retryDelay), Duration.ofMillis(retryDelayMax), codes, retryUncertainWrites);
    }

    /** Options that belong to the device, which a {@link ModbusDevice} bean holds; lower case. */
    static final Set<String> DEVICE_OPTIONS = Set.of(
            "maxinflight",
            "maxqueuedrequests",
            "connecttimeout",
            "reconnectdelay",
            "reconnectdelaymax",
            "maxrequestspersecond",
            "minrequestinterval",
            "queueoverflow",
            "breakerfailurethreshold",
            "breakeropendelay",
            "breakeropendelaymax",
            "unreachablethreshold",
            "sslcontextparameters",
            "keystore",
            "keystorepassword",
            "truststore",
            "truststorepassword",
            "certchain",
            "privatekey",
            "privatekeypassword",
            "trustedcertificates",
            "hostnameverification",
            "baudrate",
            "databits",
            "parity",
            "stopbits",
            "flowcontrol",
            "rs485",
            "rs485rtsactivehigh",
            "rs485termination",
            "rs485rxduringtx",
            "rs485delaybefore",
            "rs485delayafter",
            "echo",
            "turnarounddelay");

    /** The settings of the device, which all its endpoints must share: from the device bean if there is one. */
    DeviceSettings deviceSettings() {
        boolean serialLine = isSerialLine(transport);
        return device != null ? device.settings(serialLine) : settings(serialLine);
    }

    /** Whether {@code transport} carries serial-line frames: rtu, ascii and their -tcp forms. */
    static boolean isSerialLine(String transport) {
        return transport != null && (transport.startsWith("rtu") || transport.startsWith("ascii"));
    }

    /**
     * Everything endpoints of one device must agree on.
     *
     * @param tls null when no TLS option is set
     * @param serialLine the serial line's settings, or null when the device is not on one
     * @param unreachableThreshold how long the device may be unreachable before its readiness check goes down
     */
    record DeviceSettings(
            ModbusClientOptions client,
            Duration connectTimeout,
            ModbusTls tls,
            SerialLine serialLine,
            Duration unreachableThreshold) {
        DeviceSettings {
            if (unreachableThreshold.isNegative()) {
                throw new IllegalArgumentException("unreachableThreshold must not be negative");
            }
        }
    }

    /** The settings of a serial line, on a local port or behind a serial-to-Ethernet converter. */
    record SerialLine(
            int baudRate,
            int dataBits,
            SerialPortSettings.Parity parity,
            int stopBits,
            SerialPortSettings.FlowControl flowControl,
            SerialPortSettings.Rs485 rs485,
            boolean echo,
            Duration turnaround) {

        SerialLine {
            // checks the ranges (the fields are not set yet inside this constructor: the parameters are)
            new SerialPortSettings("any", baudRate, dataBits, parity, stopBits, flowControl, rs485);
            new SerialLineOptions(SerialFraming.RTU, null, echo, turnaround);
        }

        SerialPortSettings port(String name) {
            return new SerialPortSettings(name, baudRate, dataBits, parity, stopBits, flowControl, rs485);
        }

        /** @param portName the local port, or null behind a converter, which keeps the serial timing itself */
        SerialLineOptions options(SerialFraming framing, String portName) {
            return new SerialLineOptions(
                    framing, portName == null ? null : port(portName).timing(), echo, turnaround);
        }
    }

    public ModbusConfiguration copy() {
        try {
            return (ModbusConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public int getUnitId() {
        return unitId;
    }

    public void setUnitId(int unitId) {
        this.unitId = unitId;
    }

    public ModbusFunction getFunction() {
        return function;
    }

    public void setFunction(ModbusFunction function) {
        this.function = function;
    }

    public int getAddress() {
        return address;
    }

    public void setAddress(int address) {
        this.address = address;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public int getWriteAddress() {
        return writeAddress;
    }

    public void setWriteAddress(int writeAddress) {
        this.writeAddress = writeAddress;
    }

    public ModbusDeviceIdCode getDeviceIdCode() {
        return deviceIdCode;
    }

    public void setDeviceIdCode(ModbusDeviceIdCode deviceIdCode) {
        this.deviceIdCode = deviceIdCode;
    }

    public int getObjectId() {
        return objectId;
    }

    public void setObjectId(int objectId) {
        this.objectId = objectId;
    }

    public int getRawFunctionCode() {
        return rawFunctionCode;
    }

    public void setRawFunctionCode(int rawFunctionCode) {
        this.rawFunctionCode = rawFunctionCode;
    }

    public String getRequestData() {
        return requestData;
    }

    public void setRequestData(String requestData) {
        this.requestData = requestData;
    }

    public int getServerIdLength() {
        return serverIdLength;
    }

    public void setServerIdLength(int serverIdLength) {
        this.serverIdLength = serverIdLength;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public ModbusDevice getDevice() {
        return device;
    }

    public void setDevice(ModbusDevice device) {
        this.device = device;
    }

    public int getRetries() {
        return retries;
    }

    public void setRetries(int retries) {
        this.retries = retries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getRetryDelayMax() {
        return retryDelayMax;
    }

    public void setRetryDelayMax(long retryDelayMax) {
        this.retryDelayMax = retryDelayMax;
    }

    public String getRetryExceptionCodes() {
        return retryExceptionCodes;
    }

    public void setRetryExceptionCodes(String retryExceptionCodes) {
        this.retryExceptionCodes = retryExceptionCodes;
    }

    public boolean isRetryUncertainWrites() {
        return retryUncertainWrites;
    }

    public void setRetryUncertainWrites(boolean retryUncertainWrites) {
        this.retryUncertainWrites = retryUncertainWrites;
    }

    public String getUnitIds() {
        return unitIds;
    }

    public void setUnitIds(String unitIds) {
        this.unitIds = unitIds;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public boolean isProxy() {
        return proxy;
    }

    public void setProxy(boolean proxy) {
        this.proxy = proxy;
    }

    public long getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(long replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public String getAllowedFunctions() {
        return allowedFunctions;
    }

    public void setAllowedFunctions(String allowedFunctions) {
        this.allowedFunctions = allowedFunctions;
    }

    public String getReadableAddresses() {
        return readableAddresses;
    }

    public void setReadableAddresses(String readableAddresses) {
        this.readableAddresses = readableAddresses;
    }

    public String getWritableAddresses() {
        return writableAddresses;
    }

    public void setWritableAddresses(String writableAddresses) {
        this.writableAddresses = writableAddresses;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public ModbusTable getTable() {
        return table;
    }

    public void setTable(ModbusTable table) {
        this.table = table;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public String getWriteAllow() {
        return writeAllow;
    }

    public void setWriteAllow(String writeAllow) {
        this.writeAllow = writeAllow;
    }

    public String getWriteUnitIds() {
        return writeUnitIds;
    }

    public void setWriteUnitIds(String writeUnitIds) {
        this.writeUnitIds = writeUnitIds;
    }

    public RegisterMap getRegisterMap() {
        return registerMap;
    }

    public void setRegisterMap(RegisterMap registerMap) {
        this.registerMap = registerMap;
    }

    public int getMaxGap() {
        return maxGap;
    }

    public void setMaxGap(int maxGap) {
        this.maxGap = maxGap;
    }

    public int getMaxBlockSize() {
        return maxBlockSize;
    }

    public void setMaxBlockSize(int maxBlockSize) {
        this.maxBlockSize = maxBlockSize;
    }

    public boolean isReportByException() {
        return reportByException;
    }

    public void setReportByException(boolean reportByException) {
        this.reportByException = reportByException;
    }

    public long getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(long heartbeat) {
        this.heartbeat = heartbeat;
    }
}
