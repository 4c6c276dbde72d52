package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModbusUriValidationTest {
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "modbus:tcp:plc?function=readEverything | readEverything",
                "modbus:tcp:plc?function=readHoldingRegisters&quantity=126 | quantity 126 is out of range 1..125",
                "modbus:tcp:plc?function=readCoils&quantity=2001 | quantity 2001 is out of range 1..2000",
                "modbus:tcp:plc?function=readInputRegisters&quantity=0 | quantity 0 is out of range 1..125",
                "modbus:tcp:plc?address=65530&quantity=10 | address 65530 + quantity 10 passes the last address 65535",
                "modbus:tcp:plc?address=70000 | address 70000 is out of range 0..65535",
                "modbus:tcp:plc?function=writeSingleRegister&address=-1 | address -1 is out of range 0..65535",
                "modbus:tcp:plc?unitId=256 | unit id 256 is out of range 0..255",
                "modbus:tcp: | Missing host",
                "modbus:tcp::502 | Missing host",
                "modbus:udp:plc | Unknown transport 'udp'; supported: tcp",
                "modbus:plc | Expected modbus:transport:host[:port]",
                "modbus:tcp:plc:abc | Port 'abc' is not a number",
                "modbus:tcp:plc:70000 | port 70000 is out of range 1..65535",
                "modbus:tcp:plc?timeout=0 | timeout must be positive",
                "modbus:tcp:plc?maxInFlight=0 | maxInFlight 0 is out of range 1..65535",
                "modbus:tcp:plc?noSuchOption=1 | noSuchOption",
                "modbus:tcp:plc?maxRequestsPerSecond=-1 | maxRequestsPerSecond must not be negative",
                "modbus:tcp:plc?queueOverflow=dropNewest | dropNewest",
                "modbus:tcp:plc?breakerFailureThreshold=-1 | breaker failure threshold must not be negative",
                "modbus:tcp:plc?breakerOpenDelay=5000&breakerOpenDelayMax=1000 | 0 <= breakerOpenDelay <= breakerOpenDelayMax",
                "modbus:tcp:plc:0 | port 0 is out of range 1..65535",
                "modbus:tcp-server:0.0.0.0:70000 | port 70000 is out of range 0..65535",
                "modbus:tcp-server:0.0.0.0?unitIds=1..300 | '300' is not a unit id 0..255",
                "modbus:tcp-server:0.0.0.0?unitIds=5..2 | range '5..2' ends before it starts",
                "modbus:tcp-server:0.0.0.0?unitIds=one | 'one' is not a unit id",
                "modbus:tcp-server:0.0.0.0?allowedFunctions=readEverything | readEverything",
                "modbus:tcp-server:0.0.0.0?allowedFunctions=raw | raw has no function code of its own",
                "modbus:tcp-server:0.0.0.0?readableAddresses=0..70000 | '70000' in address ranges '0..70000'",
                "modbus:tcp-server:0.0.0.0?writableAddresses=9..1 | '9..1' in '9..1' ends before it starts",
                "modbus:tcp-server:0.0.0.0?maxConnections=0 | maxConnections must be at least 1",
                "modbus:tcp-server:0.0.0.0?replyTimeout=0 | replyTimeout must be positive",
                "modbus:image:plant/x | Expected modbus:image:name",
                "modbus:rtu-server:/dev/ttyUSB9 | set unitIds, for example unitIds=5",
                "modbus:tcp:plc?retries=-1 | retries must not be negative",
                "modbus:tcp:plc?retryExceptionCodes=6,busy | 'busy' is not an exception code",
                "modbus:tcp:plc?retryExceptionCodes=0x100 | '0x100' is not an exception code (1..255",
                "modbus:tcp:plc?retryDelay=500&retryDelayMax=100 | 0 <= retryDelay <= retryDelayMax",
                "modbus:rtu: | Missing serial port in modbus:rtu:; expected modbus:rtu:/dev/ttyUSB0",
                "modbus:rtu:/dev/ttyUSB0?parity=high | parity 'high' is not one of none, even, odd, mark, space",
                "modbus:ascii:/dev/ttyUSB0?flowControl=hardware | flowControl 'hardware' is not one of none, rtsCts, xonXoff",
                "modbus:rtu:/dev/ttyUSB0?stopBits=3 | stopBits must be 1 or 2, got 3",
                "modbus:rtu:/dev/ttyUSB0?baudRate=0 | baudRate must be positive, got 0",
                "modbus:rtu:/dev/ttyUSB0?dataBits=9 | dataBits must be 5..8, got 9",
                "modbus:rtu:/dev/ttyUSB0?turnaroundDelay=-1 | turnaround delay must not be negative",
                "modbus:rtu:/dev/ttyUSB0?rs485=true&rs485DelayBefore=-5 | RS-485 delays must not be negative",
                "modbus:rtu:/dev/ttyUSB0?maxInFlight=4 | maxInFlight is 4, but rtu:/dev/ttyUSB0 is a serial line",
                "modbus:rtu-tcp:converter:70000 | port 70000 is out of range 1..65535",
                "modbus:ascii-tcp: | Missing host",
            })
    void rejectsWithAClearMessage(String uri, String expected) {
        ResolveEndpointFailedException e =
                assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    @Test
    void consumerRefusesAWriteFunction() {
        ModbusEndpoint endpoint = context.getEndpoint("modbus:tcp:plc?function=writeSingleCoil", ModbusEndpoint.class);
        Exception e = assertThrows(IllegalArgumentException.class, () -> endpoint.createConsumer(exchange -> {}));
        assertTrue(e.getMessage().contains("polls with a read function"), e.getMessage());
    }

    @Test
    void serverIsAConsumerAndImageAProducerOnly() {
        Exception producer = assertThrows(
                IllegalArgumentException.class,
                () -> context.getEndpoint("modbus:tcp-server:0.0.0.0:1502").createProducer());
        assertTrue(producer.getMessage().contains("use it in from(...)"), producer.getMessage());
        Exception consumer = assertThrows(
                IllegalArgumentException.class,
                () -> context.getEndpoint("modbus:image:plant").createConsumer(exchange -> {}));
        assertTrue(consumer.getMessage().contains("is filled by producers"), consumer.getMessage());
    }

    @Test
    void serverOptionsBind() {
        ModbusConfiguration c = context.getEndpoint(
                        "modbus:tcp-server:0.0.0.0:1502?unitIds=1..3,7&proxy=true&replyTimeout=2s"
                                + "&allowedFunctions=readCoils,0x10&readableAddresses=0..9&idleTimeout=1m",
                        ModbusEndpoint.class)
                .getConfiguration();
        assertEquals("tcp-server", c.getTransport());
        assertEquals("0.0.0.0", c.getHost());
        assertEquals(1502, c.getPort());
        assertEquals(java.util.List.of(1, 2, 3, 7), c.unitIdList());
        assertTrue(c.isProxy());
        assertEquals(2000, c.getReplyTimeout());
        assertEquals(60000, c.getIdleTimeout());
        assertEquals(java.util.Set.of(1, 16), c.accessRules().functionCodes());
        assertEquals("0..9", c.accessRules().readable().toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "modbus:tcp:plc1.local | plc1.local | 502",
                "modbus:tcp:plc1.local:1502 | plc1.local | 1502",
                "modbus://tcp://10.0.0.5:503 | 10.0.0.5 | 503",
                "modbus:tcp:[::1]:1502 | ::1 | 1502",
                "modbus:tcp:[fe80::1] | fe80::1 | 502",
            })
    void parsesHostAndPort(String uri, String host, int port) {
        ModbusEndpoint endpoint = context.getEndpoint(uri, ModbusEndpoint.class);
        assertEquals("tcp", endpoint.getConfiguration().getTransport());
        assertEquals(host, endpoint.getConfiguration().getHost());
        assertEquals(port, endpoint.getConfiguration().getPort());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "modbus:rtu:/dev/ttyUSB0 | rtu | /dev/ttyUSB0 | /dev/ttyUSB0",
                "modbus:rtu:///dev/serial/by-id/usb-FTDI-if00 | rtu | /dev/serial/by-id/usb-FTDI-if00"
                        + " | /dev/serial/by-id/usb-FTDI-if00",
                "modbus:ascii:COM3 | ascii | COM3 | COM3",
                "modbus:rtu-tcp:converter1:4001 | rtu-tcp | converter1 | converter1:4001",
                "modbus:ascii-tcp://10.0.0.9 | ascii-tcp | 10.0.0.9 | 10.0.0.9:502",
            })
    void parsesSerialLines(String uri, String transport, String host, String serviceUrl) {
        ModbusEndpoint endpoint = context.getEndpoint(uri, ModbusEndpoint.class);
        assertEquals(transport, endpoint.getConfiguration().getTransport());
        assertEquals(host, endpoint.getConfiguration().getHost());
        assertEquals(serviceUrl, endpoint.getServiceUrl());
        assertEquals("modbus-" + transport, endpoint.getServiceProtocol());
    }

    @Test
    void serialOptionsBind() {
        ModbusEndpoint endpoint = context.getEndpoint(
                "modbus:rtu:/dev/ttyUSB0?baudRate=9600&parity=none&stopBits=2&flowControl=rtsCts&rs485=true"
                        + "&rs485DelayAfter=200&echo=true&turnaroundDelay=50ms&unitId=0&function=writeSingleRegister",
                ModbusEndpoint.class);
        ModbusConfiguration.SerialLine line =
                endpoint.getConfiguration().deviceSettings().serialLine();
        assertEquals(9600, line.baudRate());
        assertEquals(org.camelmodbus.transport.serial.SerialPortSettings.Parity.NONE, line.parity());
        assertEquals(2, line.stopBits());
        assertEquals(org.camelmodbus.transport.serial.SerialPortSettings.FlowControl.RTS_CTS, line.flowControl());
        assertTrue(line.rs485().enabled());
        assertEquals(200, line.rs485().delayAfterSendMicros());
        assertTrue(line.echo());
        assertEquals(java.time.Duration.ofMillis(50), line.turnaround());
    }

    @Test
    void optionsBindWithDurationsAndEnums() {
        ModbusEndpoint endpoint = context.getEndpoint(
                "modbus:tcp:plc?unitId=3&function=readCoils&address=10&quantity=16&timeout=2s&maxInFlight=8",
                ModbusEndpoint.class);
        ModbusConfiguration c = endpoint.getConfiguration();
        assertEquals(3, c.getUnitId());
        assertEquals(ModbusFunction.readCoils, c.getFunction());
        assertEquals(10, c.getAddress());
        assertEquals(16, c.getQuantity());
        assertEquals(2000, c.getTimeout());
        assertEquals(8, c.getMaxInFlight());
    }
}
