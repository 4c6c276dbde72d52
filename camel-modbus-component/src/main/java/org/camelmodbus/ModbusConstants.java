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
            description = "The first address read or written. On a producer, overrides the endpoint's address for"
                    + " this message.",
            javaType = "Integer")
    public static final String ADDRESS = "CamelModbusAddress";

    @Metadata(
            description = "The number of coils, inputs or registers read or written. On a producer, overrides the"
                    + " endpoint's quantity of a read for this message.",
            javaType = "Integer")
    public static final String QUANTITY = "CamelModbusQuantity";

    @Metadata(
            label = "consumer",
            description = "The device the values came from, in URI form, for example" + " tcp://plc1:502.",
            javaType = "String")
    public static final String DEVICE = "CamelModbusDevice";

    @Metadata(description = "When the response arrived, in milliseconds since the epoch.", javaType = "Long")
    public static final String TIMESTAMP = "CamelMessageTimestamp";

    private ModbusConstants() {}
}
