package org.camelmodbus.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens jSerialComm ports with the settings given, and says in words why one cannot be opened. */
final class SerialPorts {
    /** How long a read waits for a first byte before it reports a quiet line. */
    static final int READ_TIMEOUT_MILLIS = 100;

    private SerialPorts() {}

    static SerialPort open(SerialPortSettings s) throws IOException {
        String name = s.portName();
        if (name.startsWith("/") && !Files.exists(Path.of(name))) {
            throw new IOException("serial port " + name + " does not exist (adapter unplugged, or a wrong name?)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(name);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("serial port " + name + " cannot be used: " + e.getMessage(), e);
        }
        port.setComPortParameters(s.baudRate(), s.dataBits(), stopBits(s.stopBits()), parity(s.parity()));
        port.setFlowControl(flowControl(s.flowControl()));
        SerialPortSettings.Rs485 rs485 = s.rs485();
        if (rs485.enabled()) {
            port.setRs485ModeParameters(
                    true,
                    rs485.rtsActiveHigh(),
                    rs485.termination(),
                    rs485.receiveDuringTransmit(),
                    rs485.delayBeforeSendMicros(),
                    rs485.delayAfterSendMicros());
        }
        port.setComPortTimeouts(
                SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_TIMEOUT_MILLIS, 0);
        if (!port.openPort()) {
            throw new IOException(whyNotOpened(name, port.getLastErrorCode()));
        }
        port.flushIOBuffers();
        return port;
    }

    private static String whyNotOpened(String name, int errno) {
        // jSerialComm reports a port that another program holds locked as error 2 too: the port itself is there
        boolean exists = name.startsWith("/") && Files.exists(Path.of(name));
        return switch (errno) {
            case 2 ->
                exists ? busy(name) : "serial port " + name + " does not exist (adapter unplugged, or a wrong name?)";
            case 13 ->
                "no permission to open serial port " + name
                        + " (on Linux, add the user to the group that owns it, usually dialout)";
            case 11, 16 -> busy(name);
            default -> "cannot open serial port " + name + " (system error " + errno + ")";
        };
    }

    private static String busy(String name) {
        return "serial port " + name + " is busy: another program (or another Camel context) has it open";
    }

    private static int stopBits(int stopBits) {
        return stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    private static int parity(SerialPortSettings.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    private static int flowControl(SerialPortSettings.FlowControl flowControl) {
        return switch (flowControl) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
    }
}
