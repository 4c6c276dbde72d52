package org.camelmodbus.protocol;

/**
 * Answer to {@link GetCommEventCounterRequest}.
 *
 * @param status the status word (two bytes on the wire): {@link #STATUS_READY} 0x0000, or {@link #STATUS_BUSY} 0xFFFF
 *     while a previously issued program command is still being processed
 * @param eventCount requests the device completed successfully, 0..65535 (two bytes on the wire), wrapping around;
 *     exception responses and this request itself are not counted
 */
public record GetCommEventCounterResponse(int status, int eventCount) implements ModbusResponse {
    public static final int STATUS_READY = 0x0000;
    public static final int STATUS_BUSY = 0xFFFF;

    public GetCommEventCounterResponse {
        if (status != STATUS_READY && status != STATUS_BUSY) {
            throw new IllegalArgumentException(
                    String.format("Get Comm Event Counter: status 0x%04X is neither 0x0000 nor 0xFFFF", status));
        }
        ModbusLimits.checkUnsigned("Get Comm Event Counter: event count", eventCount, 16);
    }

    /** Whether the device is still processing a previously issued program command. */
    public boolean busy() {
        return status == STATUS_BUSY;
    }

    @Override
    public int functionCode() {
        return FunctionCode.GET_COMM_EVENT_COUNTER.code();
    }
}
