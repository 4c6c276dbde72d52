package org.camelmodbus;

import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.AfterEach;

/** Route tests against an embedded simulator on a free loopback port, started before the Camel context. */
abstract class ModbusRouteTestSupport extends CamelTestSupport {
    protected ModbusSimulator simulator;

    @Override
    protected void doPreSetup() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0);
        prepareSimulator();
    }

    /** Fills the simulator before the routes start. */
    protected void prepareSimulator() {}

    /** {@code modbus:tcp:127.0.0.1:<port>?<options>} */
    protected String device(String options) {
        return "modbus:tcp:127.0.0.1:" + simulator.port() + (options.isEmpty() ? "" : "?" + options);
    }

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
