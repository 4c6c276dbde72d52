package org.camelmodbus.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.camelmodbus.protocol.AddressedRequest;
import org.camelmodbus.protocol.BitValues;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusRequest;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadCoilsResponse;
import org.camelmodbus.protocol.ReadDiscreteInputsRequest;
import org.camelmodbus.protocol.ReadDiscreteInputsResponse;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersResponse;
import org.camelmodbus.protocol.ReadInputRegistersRequest;
import org.camelmodbus.protocol.ReadInputRegistersResponse;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.WriteMultipleCoilsRequest;
import org.camelmodbus.protocol.WriteMultipleCoilsResponse;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteMultipleRegistersResponse;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.camelmodbus.protocol.WriteSingleCoilResponse;
import org.camelmodbus.protocol.WriteSingleRegisterRequest;
import org.camelmodbus.protocol.WriteSingleRegisterResponse;

/**
 * A device's four data tables in memory: coils, discrete inputs, holding registers and input registers, each
 * addressed from 0 up to its size. Requests outside a table get exception 0x02 (illegal data address). Thread-safe:
 * every request sees and changes the tables atomically.
 */
public final class ProcessImage implements ModbusRequestHandler {
    private final boolean[] coils;
    private final boolean[] discreteInputs;
    private final int[] holdingRegisters;
    private final int[] inputRegisters;

    /** Every table spans the whole 16-bit address space. */
    public ProcessImage() {
        this(0x10000, 0x10000, 0x10000, 0x10000);
    }

    public ProcessImage(int coils, int discreteInputs, int holdingRegisters, int inputRegisters) {
        this.coils = new boolean[checkSize(coils)];
        this.discreteInputs = new boolean[checkSize(discreteInputs)];
        this.holdingRegisters = new int[checkSize(holdingRegisters)];
        this.inputRegisters = new int[checkSize(inputRegisters)];
    }

    @Override
    public CompletionStage<ModbusResponse> handle(int unitId, ModbusRequest request) {
        return CompletableFuture.completedFuture(apply(request));
    }

    /** Answers a request against the tables, synchronously. */
    public synchronized ModbusResponse apply(ModbusRequest request) {
        if (!(request instanceof AddressedRequest addressed)) {
            return new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
        }
        if (!fits(addressed)) {
            return new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        int a = addressed.address();
        int n = addressed.quantity();
        if (request instanceof ReadCoilsRequest) {
            return new ReadCoilsResponse(bits(coils, a, n));
        } else if (request instanceof ReadDiscreteInputsRequest) {
            return new ReadDiscreteInputsResponse(bits(discreteInputs, a, n));
        } else if (request instanceof ReadHoldingRegistersRequest) {
            return new ReadHoldingRegistersResponse(registers(holdingRegisters, a, n));
        } else if (request instanceof ReadInputRegistersRequest) {
            return new ReadInputRegistersResponse(registers(inputRegisters, a, n));
        } else if (request instanceof WriteSingleCoilRequest r) {
            coils[a] = r.value();
            return new WriteSingleCoilResponse(a, r.value());
        } else if (request instanceof WriteSingleRegisterRequest r) {
            holdingRegisters[a] = r.value();
            return new WriteSingleRegisterResponse(a, r.value());
        } else if (request instanceof WriteMultipleCoilsRequest r) {
            for (int i = 0; i < n; i++) {
                coils[a + i] = r.values().get(i);
            }
            return new WriteMultipleCoilsResponse(a, n);
        } else if (request instanceof WriteMultipleRegistersRequest r) {
            for (int i = 0; i < n; i++) {
                holdingRegisters[a + i] = r.values().get(i);
            }
            return new WriteMultipleRegistersResponse(a, n);
        }
        return new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
    }

    public synchronized boolean coil(int address) {
        return coils[address];
    }

    public synchronized void setCoils(int address, boolean... values) {
        copyBits(values, coils, address);
    }

    public synchronized boolean discreteInput(int address) {
        return discreteInputs[address];
    }

    public synchronized void setDiscreteInputs(int address, boolean... values) {
        copyBits(values, discreteInputs, address);
    }

    /** Unsigned, 0..65535. */
    public synchronized int holdingRegister(int address) {
        return holdingRegisters[address];
    }

    /** Values are taken modulo 2^16, so signed values (-32768..-1) land as their two's complement. */
    public synchronized void setHoldingRegisters(int address, int... values) {
        copyRegisters(values, holdingRegisters, address);
    }

    public synchronized int inputRegister(int address) {
        return inputRegisters[address];
    }

    public synchronized void setInputRegisters(int address, int... values) {
        copyRegisters(values, inputRegisters, address);
    }

    private boolean fits(AddressedRequest request) {
        int end = request.address() + request.quantity();
        if (request instanceof ReadCoilsRequest
                || request instanceof WriteSingleCoilRequest
                || request instanceof WriteMultipleCoilsRequest) {
            return end <= coils.length;
        } else if (request instanceof ReadDiscreteInputsRequest) {
            return end <= discreteInputs.length;
        } else if (request instanceof ReadInputRegistersRequest) {
            return end <= inputRegisters.length;
        }
        return end <= holdingRegisters.length;
    }

    private static BitValues bits(boolean[] table, int address, int quantity) {
        boolean[] copy = new boolean[quantity];
        System.arraycopy(table, address, copy, 0, quantity);
        return BitValues.of(copy);
    }

    private static RegisterValues registers(int[] table, int address, int quantity) {
        int[] copy = new int[quantity];
        System.arraycopy(table, address, copy, 0, quantity);
        return RegisterValues.of(copy);
    }

    private static void copyBits(boolean[] values, boolean[] table, int address) {
        checkBounds(address, values.length, table.length);
        System.arraycopy(values, 0, table, address, values.length);
    }

    private static void copyRegisters(int[] values, int[] table, int address) {
        checkBounds(address, values.length, table.length);
        for (int i = 0; i < values.length; i++) {
            table[address + i] = values[i] & 0xFFFF;
        }
    }

    private static void checkBounds(int address, int count, int size) {
        if (address < 0 || address + count > size) {
            throw new IllegalArgumentException(
                    "addresses " + address + ".." + (address + count - 1) + " are outside the table of " + size);
        }
    }

    private static int checkSize(int size) {
        if (size < 0 || size > 0x10000) {
            throw new IllegalArgumentException("table size " + size + " is out of range 0..65536");
        }
        return size;
    }
}
