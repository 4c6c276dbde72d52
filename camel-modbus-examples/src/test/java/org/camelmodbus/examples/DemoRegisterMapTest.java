package org.camelmodbus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import org.camelmodbus.data.RegisterMap;
import org.camelmodbus.data.RegisterMapLoader;
import org.junit.jupiter.api.Test;

/** The demo device's register map loads: every point valid, names as the examples and the README use them. */
class DemoRegisterMapTest {
    @Test
    void loads() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/examples/common/demo-plc.yaml")) {
            RegisterMap map = RegisterMapLoader.read(in, "demo-plc.yaml");
            assertEquals(9, map.size());
        }
    }
}
