package org.camelmodbus.protocol;

/**
 * Read FIFO Queue (function code 0x18): reads the contents of a first-in-first-out queue of registers, without
 * removing them. On the wire: the FIFO pointer address, two bytes.
 *
 * @param fifoPointerAddress the address that identifies the queue, 0..65535
 */
public record ReadFifoQueueRequest(int fifoPointerAddress) implements ModbusRequest {
    public ReadFifoQueueRequest {
        ModbusLimits.checkUnsigned("Read FIFO Queue: FIFO pointer address", fifoPointerAddress, 16);
    }

    @Override
    public int functionCode() {
        return FunctionCode.READ_FIFO_QUEUE.code();
    }

    @Override
    public String describe() {
        return String.format("Read FIFO Queue (0x18) at FIFO pointer address %d", fifoPointerAddress);
    }
}
