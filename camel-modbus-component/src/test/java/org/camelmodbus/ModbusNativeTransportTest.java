package org.camelmodbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.epoll.Epoll;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.camelmodbus.simulator.ModbusSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The component's I/O threads run on native epoll where it loads, on NIO when told to, and both read alike, also when
 * told to spin before they sleep.
 */
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

    @Test
    void readsWithIoThreadsThatSpinBeforeTheySleep() throws Exception {
        assertEquals(Epoll.isAvailable(), readsWith(null, 100));
        assertFalse(readsWith(false, 100));
    }

    @Test
    void refusesASpinOutsideItsRangeNamingTheOption() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addComponent("modbus", new ModbusComponent());
            Exception e = assertThrows(
                    Exception.class,
                    () -> PropertyBindingSupport.build()
                            .withCamelContext(context)
                            .withTarget(context.getComponent("modbus"))
                            .withProperty("ioSpinMicros", "5000")
                            .bind());
            assertEquals(
                    "ioSpinMicros must be 0 to 1000, was 5000", rootCause(e).getMessage());
        }
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }

    private boolean readsWith(Boolean nativeTransport) throws Exception {
        return readsWith(nativeTransport, 0);
    }

    /** Reads three registers through a producer and tells whether the component ran on native epoll. */
    private boolean readsWith(Boolean nativeTransport, int ioSpinMicros) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            ModbusComponent component = new ModbusComponent();
            if (nativeTransport != null) {
                component.setNativeTransport(nativeTransport);
            }
            component.setIoSpinMicros(ioSpinMicros);
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
