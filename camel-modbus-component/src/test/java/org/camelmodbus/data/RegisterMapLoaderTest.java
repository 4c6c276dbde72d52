package org.camelmodbus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterMapLoaderTest {

    private static final String YAML = """
            order: CDAB
            points:
              - name: voltageL1
                kind: input
                address: 0x0BB8
                type: float32
                scale: 0.1
                unit: V
                deadband: 2%
              - name: setpoint
                kind: holding registers
                address: 10
                type: int16
                order: ABCD
                scale: 0.1
                writable: true
                deadband: 0.5
              - name: model
                kind: Holding
                address: 20
                type: string
                length: 5
              - name: running
                kind: discrete_input
                address: 3
                type: bool
            """;

    @Test
    void readsYamlWithADefaultOrder() {
        RegisterMap map = RegisterMapLoader.parse(YAML, "test.yaml");
        assertThat(map.points())
                .containsExactly(
                        Point.builder("voltageL1", PointKind.INPUT_REGISTER, 3000, DataType.FLOAT32)
                                .order(RegisterOrder.CDAB)
                                .scale(0.1)
                                .unit("V")
                                .deadband(Deadband.percent(2))
                                .build(),
                        Point.builder("setpoint", PointKind.HOLDING_REGISTER, 10, DataType.INT16)
                                .scale(0.1)
                                .writable(true)
                                .deadband(Deadband.absolute(0.5))
                                .build(),
                        Point.builder("model", PointKind.HOLDING_REGISTER, 20, DataType.STRING)
                                .order(RegisterOrder.CDAB)
                                .length(5)
                                .build(),
                        Point.builder("running", PointKind.DISCRETE_INPUT, 3, DataType.BOOL)
                                .order(RegisterOrder.CDAB)
                                .build());
    }

    @Test
    void readsJsonAndFiles(@TempDir Path dir) throws Exception {
        String json = "[{\"name\":\"pump\",\"kind\":\"coil\",\"address\":4,\"type\":\"bool\",\"writable\":true}]";
        RegisterMap fromJson = RegisterMapLoader.parse(json, "inline");
        assertThat(fromJson.require("pump").writable()).isTrue();
        Path file = dir.resolve("map.yaml");
        Files.writeString(file, YAML);
        assertThat(RegisterMapLoader.load(file)).isEqualTo(RegisterMapLoader.parse(YAML, "x"));
    }

    @Test
    void errorsNameTheSourceThePointAndTheProblem() {
        assertThatThrownBy(() -> RegisterMapLoader.parse(
                        "- {name: a, kind: holding, address: 1, type: int16, scal: 0.1}", "plant.yaml"))
                .hasMessage("register map plant.yaml: point 'a': unknown field 'scal'; expected [address, bit,"
                        + " deadband, kind, length, name, offset, order, scale, type, unit, writable]");
        assertThatThrownBy(() -> RegisterMapLoader.parse(
                        "- {name: a, kind: holding, address: 1, type: int16}\n- {kind: coil, address: 2, type: bool}",
                        "plant.yaml"))
                .hasMessage("register map plant.yaml: point #2: name is missing");
        assertThatThrownBy(() -> RegisterMapLoader.parse("- {name: a, kind: coil, address: 1, type: int32}", "m"))
                .hasMessage("register map m: point 'a': type int32 does not fit a coil, which holds one bit: use type"
                        + " bool");
        assertThatThrownBy(() -> RegisterMapLoader.parse("- {name: a, kind: tank, address: 1, type: int32}", "m"))
                .hasMessage("register map m: point 'a': unknown kind 'tank'; expected coil, discreteInput, holding or"
                        + " input");
        assertThatThrownBy(() -> RegisterMapLoader.parse("- {name: a, kind: holding, address: x1, type: int16}", "m"))
                .hasMessage("register map m: point 'a': address must be a whole number (such as 3000 or 0x0BB8), got"
                        + " \"x1\"");
        assertThatThrownBy(() -> RegisterMapLoader.parse("- {name: a, kind: holding, type: int16}", "m"))
                .hasMessage("register map m: point 'a': address is missing");
        assertThatThrownBy(() -> RegisterMapLoader.parse(
                        "- {name: a, kind: holding, address: 1, type: int16, deadband: lots}", "m"))
                .hasMessage("register map m: point 'a': deadband 'lots' is neither a number such as 0.5 nor a"
                        + " percentage such as 2%");
        assertThatThrownBy(() -> RegisterMapLoader.parse("points: [}", "m"))
                .hasMessageStartingWith("register map m is not valid YAML");
        assertThatThrownBy(() -> RegisterMapLoader.parse("{\"points\": 3}", "m"))
                .hasMessage("register map m: expected a list of points, or an object with 'points' (a list) and"
                        + " optionally 'order'");
        assertThatThrownBy(() -> RegisterMapLoader.parse("points: []", "m"))
                .hasMessage("register map m: a register map needs at least one point");
    }
}
