package org.camelmodbus;

import org.apache.camel.spi.Metadata;

/** Message headers of the modbus component. */
public final class ModbusConstants {

    @Metadata(
            description = "The unit id (slave id) the request went to. On a producer, overrides the endpoint's"
                    + " unitId for this message.",
            javaType = "Integer")
    public static final String UNIT_ID = "CamelModbusUnitId";

    @Metadata(
            description = "The function that was executed, as named in the URI (for example"
                    + " readHoldingRegisters). On a producer, overrides the endpoint's function for this message.",
            javaType = "String")
    public static final String FUNCTION = "CamelModbusFunction";

    @Metadata(
            description = "The first address read or written (the read of readWriteMultipleRegisters, the FIFO pointer"
                    + " address of readFifoQueue). On a producer, overrides the endpoint's address for this message.",
            javaType = "Integer")
    public static final String ADDRESS = "CamelModbusAddress";

    @Metadata(
            description = "The number of coils, inputs or registers read or written (registers read, for"
                    + " readWriteMultipleRegisters; values in the queue, for readFifoQueue). On a producer, overrides the"
                    + " endpoint's quantity of a read for this message.",
            javaType = "Integer")
    public static final String QUANTITY = "CamelModbusQuantity";

    @Metadata(
            description = "readWriteMultipleRegisters: the first register written. On a producer, overrides the"
                    + " endpoint's writeAddress for this message.",
            javaType = "Integer")
    public static final String WRITE_ADDRESS = "CamelModbusWriteAddress";

    @Metadata(
            label = "producer",
            description =
                    "maskWriteRegister: the AND mask, 0..65535 (a number or text such as 0xFFF7), when the body is"
                            + " not a Map with andMask and orMask. Bits set in it keep their value.",
            javaType = "Integer")
    public static final String AND_MASK = "CamelModbusAndMask";

    @Metadata(
            label = "producer",
            description = "maskWriteRegister: the OR mask, 0..65535, when the body is not a Map with andMask and"
                    + " orMask. Bits cleared in the AND mask take its value.",
            javaType = "Integer")
    public static final String OR_MASK = "CamelModbusOrMask";

    @Metadata(
            description = "readDeviceIdentification: basic, regular, extended or specific. On a producer, overrides"
                    + " the endpoint's deviceIdCode for this message.",
            javaType = "String")
    public static final String DEVICE_ID_CODE = "CamelModbusDeviceIdCode";

    @Metadata(
            description = "readDeviceIdentification: the object id the stream started at, or the one object read. On a"
                    + " producer, overrides the endpoint's objectId for this message.",
            javaType = "Integer")
    public static final String OBJECT_ID = "CamelModbusObjectId";

    @Metadata(
            description = "readDeviceIdentification: the device's conformity level, 0x01..0x03 (basic, regular,"
                    + " extended identification) or 0x81..0x83 (the same, with individual access).",
            javaType = "Integer")
    public static final String CONFORMITY_LEVEL = "CamelModbusConformityLevel";

    @Metadata(
            description = "raw: the function code sent. On a producer, overrides the endpoint's rawFunctionCode for"
                    + " this message.",
            javaType = "Integer")
    public static final String RAW_FUNCTION_CODE = "CamelModbusRawFunctionCode";

    @Metadata(
            label = "consumer",
            description = "The device the values came from, in URI form, for example" + " tcp://plc1:502.",
            javaType = "String")
    public static final String DEVICE = "CamelModbusDevice";

    @Metadata(
            description = "The circuit breaker state of the unit after the request: CLOSED (served), OPEN (parked after"
                    + " breakerFailureThreshold consecutive timeouts; its requests fail at once) or HALF_OPEN (a probe"
                    + " is on its way). While the device's breaker is on, set on every exchange a producer completes,"
                    + " failed ones included, and on every exchange a consumer delivers.",
            javaType = "String",
            enums = "CLOSED,OPEN,HALF_OPEN")
    public static final String BREAKER_STATE = "CamelModbusBreakerState";

    @Metadata(
            label = "consumer",
            description = "tcp-server: set it on the reply to refuse the request with this Modbus exception code, a"
                    + " number (3, 0x03) or a name (ILLEGAL_DATA_VALUE); a refused write is not applied to the image."
                    + " A route that fails instead answers with the code its exception carries (ModbusRefusedException,"
                    + " or an exception response or timeout of a modbus producer) or else 0x04.",
            javaType = "Integer")
    public static final String EXCEPTION_CODE = "CamelModbusExceptionCode";

    @Metadata(
            label = "producer",
            description = "image: the table the values go to (coils, discreteInputs, holdingRegisters,"
                    + " inputRegisters); overrides the endpoint's table for this message.",
            javaType = "String")
    public static final String TABLE = "CamelModbusTable";

    @Metadata(
            description = "registerMap: the quality of each point in the body, by name: good, or bad: and why (its"
                    + " read failed, for example with exception 0x02; its value in the body is then null).",
            javaType = "java.util.Map<String, String>")
    public static final String QUALITY = "CamelModbusQuality";

    @Metadata(
            description = "registerMap: the reads that fetch the points, one line each, for example \"holding"
                    + " 0..11 (12 registers, 2 unused): voltage, current, power\"; reads the device refused with"
                    + " exception 0x02 appear split.",
            javaType = "java.util.List<String>")
    public static final String READ_PLAN = "CamelModbusReadPlan";

    @Metadata(
            label = "consumer",
            description = "registerMap with reportByException: true when the body holds every point because a full"
                    + " report was due (the first poll, then each heartbeat), false when it holds the points that"
                    + " changed.",
            javaType = "Boolean")
    public static final String HEARTBEAT = "CamelModbusHeartbeat";

    @Metadata(
            label = "producer",
            description = "registerMap: the points a write sent, in order. When a write fails, the points written"
                    + " before it, so a route's error handler knows what took effect.",
            javaType = "java.util.List<String>")
    public static final String POINTS_WRITTEN = "CamelModbusPointsWritten";

    @Metadata(
            label = "consumer",
            description = "tcp-server, tls-server, rtu-server, ascii-server: who sent the request. The client's address"
                    + " and port on TCP (host:port, an IPv6 address in brackets), the port's name on a serial line.",
            javaType = "String")
    public static final String PEER = "CamelModbusPeer";

    @Metadata(description = "When the response arrived, in milliseconds since the epoch.", javaType = "Long")
    public static final String TIMESTAMP = "CamelMessageTimestamp";

    private ModbusConstants() {}
}
