package org.camelmodbus.transport.serial;

import java.util.Objects;
import org.camelmodbus.protocol.SerialTiming;

/**
 * How to open one serial port.
 *
 * @param portName the system's name or path of the port: /dev/ttyUSB0, /dev/serial/by-id/..., COM3
 * @param baudRate bits per second
 * @param dataBits 5..8; Modbus RTU needs 8, ASCII uses 7 or 8
 * @param stopBits 1 or 2
 * @param rs485 the RS-485 transceiver control of the port's driver, where it has one
 */
public record SerialPortSettings(
        String portName,
        int baudRate,
        int dataBits,
        Parity parity,
        int stopBits,
        FlowControl flowControl,
        Rs485 rs485) {

    public enum Parity {
        NONE,
        EVEN,
        ODD,
        MARK,
        SPACE
    }

    public enum FlowControl {
        NONE,
        RTS_CTS,
        XON_XOFF
    }

    /**
     * The driver's RS-485 mode (Linux TIOCSRS485): it switches the transceiver to send around each write.
     *
     * @param rtsActiveHigh RTS high while sending (the usual wiring)
     * @param termination switch on the adapter's bus termination, where it has one
     * @param receiveDuringTransmit keep the receiver on while sending (the port then sees its own bytes)
     * @param delayBeforeSendMicros wait between switching to send and the first bit
     * @param delayAfterSendMicros wait between the last bit and switching back to receive
     */
    public record Rs485(
            boolean enabled,
            boolean rtsActiveHigh,
            boolean termination,
            boolean receiveDuringTransmit,
            int delayBeforeSendMicros,
            int delayAfterSendMicros) {
        public static final Rs485 OFF = new Rs485(false, true, false, false, 0, 0);

        public Rs485 {
            if (delayBeforeSendMicros < 0 || delayAfterSendMicros < 0) {
                throw new IllegalArgumentException("RS-485 delays must not be negative, got " + delayBeforeSendMicros
                        + " and " + delayAfterSendMicros + " µs");
            }
        }
    }

    public SerialPortSettings {
        if (portName == null || portName.isBlank()) {
            throw new IllegalArgumentException("serial port name is missing, for example /dev/ttyUSB0 or COM3");
        }
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baudRate must be positive, got " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits must be 5..8, got " + dataBits);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stopBits must be 1 or 2, got " + stopBits);
        }
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(flowControl, "flowControl");
        Objects.requireNonNull(rs485, "rs485");
    }

    /** 8 data bits, no flow control, no RS-485 mode. */
    public static SerialPortSettings of(String portName, int baudRate, Parity parity, int stopBits) {
        return new SerialPortSettings(portName, baudRate, 8, parity, stopBits, FlowControl.NONE, Rs485.OFF);
    }

    public SerialTiming timing() {
        return SerialTiming.of(baudRate, dataBits, parity != Parity.NONE, stopBits);
    }
}
