package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.epoll.Epoll;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The component's I/O threads run on native epoll where it loads, on NIO when told to, and both read alike. */
class ModbusNativeTransportTest {
    private ModbusSimulator simulator;

    @BeforeEach
    void startDevice() throws Exception {
        simulator = ModbusSimulator.start("127.0.0.1", 0);
        simulator.image().setHoldingRegisters(0, 11, 22, 33);
    }

    @AfterEach
    void stopDevice() {
        simulator.close();
    }

    @Test
    void usesEpollByDefaultWhereItLoads() throws Exception {
        assertEquals(Epoll.isAvailable(), readsWith(null), "epoll on " + System.getProperty("os.arch"));
    }

    @Test
    void usesNioWhenNativeTransportIsOff() throws Exception {
        assertFalse(readsWith(false));
    }

    /** Reads three registers through a producer and tells whether the component ran on native epoll. */
    private boolean readsWith(Boolean nativeTransport) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            ModbusComponent component = new ModbusComponent();
            if (nativeTransport != null) {
                component.setNativeTransport(nativeTransport);
            }
            context.addComponent("modbus", component);
            context.start();
            Object body = context.createProducerTemplate()
                    .requestBody(
                            "modbus:tcp:127.0.0.1:" + simulator.port()
                                    + "?function=readHoldingRegisters&address=0&quantity=3",
                            (Object) null);
            assertEquals(List.of(11, 22, 33), body);
            return component.onNativeTransport();
        }
    }
}
