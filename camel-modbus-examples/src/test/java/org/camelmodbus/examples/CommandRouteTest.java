package org.camelmodbus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.camelmodbus.server.ProcessImage;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared command route (examples/common/commands.yaml) against devices that fail in each way: every command gets
 * one JSON result whose status says who has to act.
 */
class CommandRouteTest {
    private static final String WRITE_500 =
            "{\"id\":\"x\",\"function\":\"writeSingleRegister\",\"address\":500,\"value\":1}";

    @TempDir
    Path out;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aWriteTheDeviceRefusesIs422() throws Exception {
        // a small device: holding registers 0..199 only
        try (ModbusSimulator device = ModbusSimulator.start("127.0.0.1", 0, new ProcessImage(10, 10, 200, 10))) {
            JsonNode result = command("tcp:127.0.0.1:" + device.port(), WRITE_500);
            assertFailed(result, 422, "ModbusExceptionResponseException");
            assertTrue(result.get("message").asText().contains("500"), result.toString());
        }
    }

    @Test
    void aDeviceThatCannotBeReachedIs503() throws Exception {
        int closed = ChildProcess.freePort();
        assertFailed(command("tcp:127.0.0.1:" + closed, WRITE_500), 503, "ModbusConnectionException");
    }

    @Test
    void aDeviceThatDoesNotAnswerIs504() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFailed(command("tcp:127.0.0.1:" + silent.getLocalPort(), WRITE_500), 504, "ModbusTimeoutException");
        }
    }

    @Test
    void aCommandThatSucceedsEchoesWhatWasWritten() throws Exception {
        try (ModbusSimulator device = ModbusSimulator.start("127.0.0.1", 0)) {
            JsonNode result = command(
                    "tcp:127.0.0.1:" + device.port(),
                    "{\"id\":7,\"unitId\":3,\"function\":\"writeMultipleRegisters\",\"address\":500,\"value\":[1,2]}");
            assertTrue(result.get("ok").asBoolean(), result.toString());
            assertEquals(7, result.get("id").asInt());
            assertEquals(3, result.get("unitId").asInt());
            assertEquals("[1,2]", result.get("value").toString());
            assertEquals(2, device.image().holdingRegister(501));
        }
    }

    @Test
    void aPointIsWrittenByNameWithItsTypeAndScale() throws Exception {
        try (ModbusSimulator device = ModbusSimulator.start("127.0.0.1", 0)) {
            List<JsonNode> results = commands(
                    "tcp:127.0.0.1:" + device.port(),
                    "{\"id\":\"p1\",\"point\":\"setpoint\",\"value\":-3.5}",
                    "{\"id\":\"p2\",\"point\":\"pump\",\"value\":true}",
                    "{\"id\":\"p3\",\"point\":\"ticks\",\"value\":1}",
                    "{\"id\":\"p4\",\"point\":\"setpoint\",\"value\":[1]}");
            assertTrue(results.get(0).get("ok").asBoolean(), results.toString());
            assertEquals("setpoint", results.get(0).get("point").asText());
            assertEquals(0x10000 - 35, device.image().holdingRegister(100), "-3.5 °C in tenths, two's complement");
            assertTrue(results.get(1).get("ok").asBoolean(), results.toString());
            assertTrue(device.image().coil(0));
            assertFailed(results.get(2), 400, null);
            assertTrue(results.get(2).get("message").asText().contains("read-only"), results.toString());
            assertFailed(results.get(3), 400, null);
            assertTrue(results.get(3).get("message").asText().contains("new value"), results.toString());
        }
    }

    @Test
    void malformedCommandsAre400AndSayWhatIsWrong() throws Exception {
        try (ModbusSimulator device = ModbusSimulator.start("127.0.0.1", 0)) {
            List<JsonNode> results = commands(
                    "tcp:127.0.0.1:" + device.port(),
                    "",
                    "{\"function\":\"writeSingleRegister\",\"address\":1}",
                    "{\"function\":\"writeSingleRegister\",\"address\":1,\"value\":[1]}",
                    "{\"function\":\"writeMultipleCoils\",\"address\":1,\"value\":true}",
                    "{\"function\":\"writeSingleCoil\",\"value\":true}",
                    "{\"function\":\"writeSingleCoil\",\"address\":1.5,\"value\":true}",
                    "{\"function\":\"writeSingleCoil\",\"unitId\":256,\"address\":1,\"value\":true}",
                    "{\"function\":\"raw\",\"address\":1,\"value\":1}",
                    "{\"function\":\"writeSingleCoil\",\"address\":1,\"value\":\"maybe\"}");
            List<String> reasons = List.of(
                    "empty",
                    "value is missing",
                    "not a list",
                    "a list of values",
                    "address must be",
                    "address must be a whole number 0..65535, not 1.5",
                    "unitId must be a whole number 0..255",
                    "function must be one of",
                    "maybe");
            for (int i = 0; i < reasons.size(); i++) {
                assertFailed(results.get(i), 400, null);
                assertTrue(
                        results.get(i).get("message").asText().contains(reasons.get(i)),
                        reasons.get(i) + " in " + results.get(i));
            }
            assertFalse(device.image().coil(1), "nothing was written");
        }
    }

    private static void assertFailed(JsonNode result, int status, String error) {
        assertFalse(result.get("ok").asBoolean(), result.toString());
        assertEquals(status, result.get("status").asInt(), result.toString());
        if (error != null) {
            assertEquals(error, result.get("error").asText(), result.toString());
        }
    }

    private JsonNode command(String device, String command) throws Exception {
        return commands(device, command).get(0);
    }

    /** Sends each command through the route of a file example pointed at {@code device}; returns their results. */
    private List<JsonNode> commands(String device, String... commands) throws Exception {
        Main main = ExamplesMain.newMain("file", device);
        main.addOverrideProperty("files.dir", out.toString());
        main.addOverrideProperty("modbus.pollDelay", "60000");
        main.start();
        List<JsonNode> results = new ArrayList<>();
        try (ProducerTemplate template = main.getCamelContext().createProducerTemplate()) {
            for (String command : commands) {
                results.add(json.readTree(template.requestBody("direct:modbus-command", command, String.class)));
            }
        } finally {
            main.stop();
        }
        return results;
    }
}
