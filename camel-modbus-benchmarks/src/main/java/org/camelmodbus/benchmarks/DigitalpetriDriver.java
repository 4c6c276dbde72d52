package org.camelmodbus.benchmarks;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * digitalpetri/modbus 2.x: its TCP client pipelines every request it is given on one connection (no limit), so its
 * best setting is simply N outstanding async requests. Runs on its shared event loop and executor unless given a
 * group (the many-devices suite shares one, as with our client).
 */
final class DigitalpetriDriver implements Driver {
    static final ReadHoldingRegistersRequest REQUEST = new ReadHoldingRegistersRequest(0, 10);

    private final ModbusTcpClient client;

    DigitalpetriDriver(String host, int port) throws Exception {
        this(host, port, null, true);
    }

    /** @param verify read once before returning, so that a broken setup fails here */
    DigitalpetriDriver(String host, int port, EventLoopGroup group, boolean verify) throws Exception {
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(cfg -> {
            cfg.setHostname(host);
            cfg.setPort(port);
            cfg.setConnectTimeout(Duration.ofSeconds(5));
            if (group != null) {
                cfg.setEventLoopGroup(group);
            }
        });
        client = ModbusTcpClient.create(transport, cfg -> cfg.setRequestTimeout(CamelModbusDriver.TIMEOUT));
        if (verify) {
            client.connect();
            readBlocking();
        }
    }

    ModbusTcpClient client() {
        return client;
    }

    @Override
    public void readBlocking() throws Exception {
        ReadHoldingRegistersResponse response = client.readHoldingRegisters(1, REQUEST);
        if (!valid(response)) {
            throw new IllegalStateException("unexpected answer " + response);
        }
    }

    @Override
    public CompletionStage<?> readAsync() {
        return client.readHoldingRegistersAsync(1, REQUEST);
    }

    @Override
    public boolean valid(Object response) {
        return response instanceof ReadHoldingRegistersResponse r
                && r.registers().length == 20
                && r.registers()[1] == ServerMain.REGISTERS[0];
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
    }
}
