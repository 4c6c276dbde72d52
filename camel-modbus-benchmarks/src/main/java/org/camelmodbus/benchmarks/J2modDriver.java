package org.camelmodbus.benchmarks;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import java.util.concurrent.CompletionStage;

/**
 * j2mod: a blocking master, one request on the wire at a time per connection, no asynchronous API. Its best setting
 * is a thread looping on {@code readMultipleRegisters}; it has nothing to offer for pipelining.
 */
final class J2modDriver implements Driver {
    private final ModbusTCPMaster master;

    J2modDriver(String host, int port) throws Exception {
        master = new ModbusTCPMaster(host, port, 5000, false);
        master.connect();
        readBlocking();
    }

    @Override
    public void readBlocking() throws Exception {
        Register[] registers = master.readMultipleRegisters(1, 0, 10);
        if (!valid(registers)) {
            throw new IllegalStateException("unexpected answer of " + registers.length + " registers");
        }
    }

    @Override
    public CompletionStage<?> readAsync() {
        return null;
    }

    @Override
    public boolean valid(Object response) {
        return response instanceof Register[] r && r.length == 10 && r[0].getValue() == ServerMain.REGISTERS[0];
    }

    @Override
    public void close() {
        master.disconnect();
    }
}
