package org.camelmodbus.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.camelmodbus.protocol.DeviceIdentification;
import org.camelmodbus.protocol.ModbusProtocolException;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadDeviceIdentificationRequest;
import org.camelmodbus.protocol.ReadDeviceIdentificationResponse;

/**
 * Follows a Read Device Identification stream: asks again from the next object id while the device says more
 * follows, and merges the objects. A device that does not make progress (no objects, a next object id that does not
 * lie past what it just sent, or an object sent twice) fails the stream with a {@link ModbusProtocolException}
 * instead of keeping it asking forever: every round adds at least one object id, so a stream ends within 256 rounds.
 */
final class DeviceIdentificationStream {
    private final String source;
    private final Function<ModbusRequest, CompletableFuture<ModbusResponse>> send;
    private final CompletableFuture<DeviceIdentificationResult> result = new CompletableFuture<>();
    private DeviceIdentification objects = DeviceIdentification.EMPTY;
    private int responses;

    private DeviceIdentificationStream(String source, Function<ModbusRequest, CompletableFuture<ModbusResponse>> send) {
        this.source = source;
        this.send = send;
    }

    /**
     * Reads from {@code first} on, sending each request with {@code send}.
     *
     * @param source the device and unit, for messages
     */
    static CompletableFuture<DeviceIdentificationResult> read(
            String source,
            ReadDeviceIdentificationRequest first,
            Function<ModbusRequest, CompletableFuture<ModbusResponse>> send) {
        DeviceIdentificationStream stream = new DeviceIdentificationStream(source, send);
        stream.next(first);
        return stream.result;
    }

    private void next(ReadDeviceIdentificationRequest request) {
        send.apply(request).whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            try {
                received(request, (ReadDeviceIdentificationResponse) response);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    private void received(ReadDeviceIdentificationRequest request, ReadDeviceIdentificationResponse response) {
        responses++;
        try {
            objects = objects.merge(response.objects());
        } catch (IllegalArgumentException duplicate) {
            throw failure(
                    "the continuation from object id 0x%02X repeats an object: %s",
                    request.objectId(), duplicate.getMessage());
        }
        if (!response.moreFollows()) {
            result.complete(new DeviceIdentificationResult(
                    request.readDeviceIdCode(), response.conformityLevel(), objects, responses));
            return;
        }
        List<Integer> ids = response.objects().objectIds();
        if (ids.isEmpty()) {
            throw failure(
                    "the response to object id 0x%02X says more follows but carries no object", request.objectId());
        }
        int last = ids.get(ids.size() - 1);
        if (response.nextObjectId() <= last) {
            throw failure(
                    "the response to object id 0x%02X ends with object 0x%02X but continues at 0x%02X",
                    request.objectId(), last, response.nextObjectId());
        }
        next(new ReadDeviceIdentificationRequest(request.readDeviceIdCode(), response.nextObjectId()));
    }

    private ModbusProtocolException failure(String format, Object... args) {
        return new ModbusProtocolException(
                source + ": Read Device Identification stream does not progress: " + String.format(format, args));
    }
}
