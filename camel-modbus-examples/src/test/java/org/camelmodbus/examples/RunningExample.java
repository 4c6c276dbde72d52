package org.camelmodbus.examples;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.camelmodbus.simulator.ModbusSimulator;

/**
 * One example application as the README's run command starts it, against an animated simulator on a free port,
 * polling ten times a second; {@code overrides} point it at the test's brokers and directories.
 */
final class RunningExample implements AutoCloseable {
    final ModbusSimulator simulator;
    final Main main;

    private RunningExample(ModbusSimulator simulator, Main main) {
        this.simulator = simulator;
        this.main = main;
    }

    static RunningExample start(String example, Map<String, String> overrides) throws Exception {
        ModbusSimulator simulator = ModbusSimulator.start("127.0.0.1", 0).animate(Duration.ofMillis(50));
        Main main = ExamplesMain.newMain(example, "tcp:127.0.0.1:" + simulator.port());
        main.addOverrideProperty("modbus.pollDelay", "100");
        overrides.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception | Error e) {
            simulator.close();
            throw e;
        }
        return new RunningExample(simulator, main);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
        simulator.close();
    }
}
