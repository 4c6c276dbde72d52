package org.camelmodbus.benchmarks;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.PlcDriverManager;
import org.apache.plc4x.java.api.messages.PlcReadRequest;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.types.PlcResponseCode;

/**
 * Apache PLC4X's Modbus TCP driver: asynchronous API, but its transaction manager sends one request at a time per
 * connection, so N concurrent requests queue inside the driver. The read request is built once and executed again
 * and again, which spares the tag parsing a naive caller would repeat.
 */
final class Plc4xDriver implements Driver {
    private static final String TAG = "r";

    private final PlcConnection connection;
    private final PlcReadRequest request;

    Plc4xDriver(String host, int port) throws Exception {
        connection =
                PlcDriverManager.getDefault().getConnectionManager().getConnection("modbus-tcp://" + host + ":" + port);
        // 4xxxxx addressing is one-based: holding-register:1 is register 0
        request = connection
                .readRequestBuilder()
                .addTagAddress(TAG, "holding-register:1:UINT[10]")
                .build();
        readBlocking();
    }

    @Override
    public void readBlocking() throws Exception {
        PlcReadResponse response = request.execute().get(6, TimeUnit.SECONDS);
        if (!valid(response)) {
            throw new IllegalStateException("unexpected answer " + response);
        }
    }

    @Override
    public CompletionStage<?> readAsync() {
        return request.execute();
    }

    @Override
    public boolean valid(Object response) {
        return response instanceof PlcReadResponse r
                && r.getResponseCode(TAG) == PlcResponseCode.OK
                && r.getNumberOfValues(TAG) == 10;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
