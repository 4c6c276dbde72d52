package org.camelmodbus.examples;

import java.time.Duration;
import org.apache.camel.main.Main;
import org.camelmodbus.simulator.ModbusSimulator;

/**
 * Runs the YAML routes in {@code src/main/resources/routes}. With no device configured it first starts the embedded
 * simulator, with moving values, so the example works on any machine; set {@code modbus.device} (system property or
 * MODBUS_DEVICE) to poll a real device instead, for example {@code tcp:plc1.local:502}.
 */
public final class ExamplesMain {
    private ExamplesMain() {}

    public static void main(String[] args) throws Exception {
        ModbusSimulator simulator = null;
        String device = System.getProperty("modbus.device", System.getenv("MODBUS_DEVICE"));
        if (device == null || device.isBlank()) {
            int port = Integer.getInteger("modbus.simulator.port", 5020);
            simulator = ModbusSimulator.start("127.0.0.1", port).animate(Duration.ofMillis(500));
            device = "tcp:127.0.0.1:" + simulator.port();
            System.out.println("Started the embedded Modbus simulator on " + device);
        }
        Main main = newMain(device);
        try {
            main.run(args);
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    /** The application with its YAML routes, polling {@code device} ({@code tcp:host[:port]}). */
    static Main newMain(String device) {
        Main main = new Main(ExamplesMain.class);
        main.addInitialProperty("modbus.device", device);
        return main;
    }
}
