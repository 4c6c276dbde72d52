package org.camelmodbus.examples;

import java.time.Duration;
import java.util.List;
import org.apache.camel.main.Main;
import org.camelmodbus.simulator.ModbusSimulator;

/**
 * Runs one example: the YAML routes in {@code src/main/resources/examples/NAME/} with the settings of
 * {@code examples/NAME/NAME.properties} over {@code application.properties}, plus the shared routes of
 * {@code examples/common/}. The example is chosen with {@code -Dexample=NAME} (or EXAMPLE), {@code file} by default.
 * With no device configured it first starts the embedded simulator, with moving values, so every example works on
 * any machine; set {@code modbus.device} (system property or MODBUS_DEVICE) to use a real device instead, for example
 * {@code tcp:plc1.local:502}. {@code -Dexample=simulator} runs only the simulator, for routes run elsewhere (Camel
 * JBang).
 */
public final class ExamplesMain {
    /** The examples, each a folder under {@code src/main/resources/examples}. */
    public static final List<String> EXAMPLES = List.of("file", "mqtt", "kafka", "http", "dashboard", "gateway");

    private ExamplesMain() {}

    public static void main(String[] args) throws Exception {
        String example = setting("example", "EXAMPLE", "file");
        if (example.equals("simulator")) {
            runSimulator();
            return;
        }
        if (!EXAMPLES.contains(example)) {
            System.err.println("Unknown example '" + example + "': choose one of " + EXAMPLES
                    + ", or simulator, with -Dexample=NAME");
            System.exit(2);
        }
        ModbusSimulator simulator = null;
        String device = setting("modbus.device", "MODBUS_DEVICE", "");
        if (device.isBlank()) {
            int port = Integer.getInteger("modbus.simulator.port", 5020);
            simulator = ModbusSimulator.start("127.0.0.1", port).animate(Duration.ofMillis(500));
            device = "tcp:127.0.0.1:" + simulator.port();
            System.out.println("Started the embedded Modbus simulator on " + device);
        }
        Main main = newMain(example, device);
        try {
            main.run(args);
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    /** Serves the animated simulator on modbus.simulator.port (5020) until the JVM is stopped. */
    private static void runSimulator() throws InterruptedException {
        int port = Integer.getInteger("modbus.simulator.port", 5020);
        ModbusSimulator simulator = ModbusSimulator.start("127.0.0.1", port).animate(Duration.ofMillis(500));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("The Modbus simulator serves tcp:127.0.0.1:" + simulator.port() + "; Ctrl-C stops it");
        Thread.currentThread().join();
    }

    /** The application running {@code example} against {@code device} ({@code tcp:host[:port]}). */
    static Main newMain(String example, String device) {
        Main main = new Main(ExamplesMain.class);
        main.setPropertyPlaceholderLocations(
                "classpath:application.properties,classpath:examples/" + example + "/" + example + ".properties");
        main.addInitialProperty(
                "camel.main.routesIncludePattern",
                "classpath:examples/common/*.yaml,classpath:examples/" + example + "/*.yaml");
        main.addInitialProperty("modbus.device", device);
        return main;
    }

    private static String setting(String property, String variable, String otherwise) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null ? otherwise : value;
    }
}
