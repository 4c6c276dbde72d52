package org.camelmodbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.camelmodbus.protocol.ExceptionCode;
import org.camelmodbus.protocol.ExceptionResponse;
import org.camelmodbus.protocol.ModbusResponse;
import org.camelmodbus.protocol.ReadCoilsRequest;
import org.camelmodbus.protocol.ReadFifoQueueRequest;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.ReadWriteMultipleRegistersRequest;
import org.camelmodbus.protocol.RegisterValues;
import org.camelmodbus.protocol.WriteMultipleRegistersRequest;
import org.camelmodbus.protocol.WriteSingleCoilRequest;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
    private final AccessRules rules =
            new AccessRules(Set.of(1, 3, 5, 16, 23, 24), AddressRanges.parse("0..9, 100"), AddressRanges.parse("5..6"));

    @Test
    void refusesFunctionsOutsideTheListWithIllegalFunction() {
        assertThat(rules.check(new ReadHoldingRegistersRequest(0, 1))).isEmpty();
        assertThat(rules.check(new org.camelmodbus.protocol.ReadInputRegistersRequest(0, 1)))
                .contains(ExceptionCode.ILLEGAL_FUNCTION);
    }

    @Test
    void readsAndWritesAreCheckedAgainstTheirOwnRanges() {
        assertThat(rules.check(new ReadCoilsRequest(0, 10))).isEmpty();
        assertThat(rules.check(new ReadCoilsRequest(5, 6))).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(rules.check(new ReadHoldingRegistersRequest(100, 1))).isEmpty();
        assertThat(rules.check(new ReadHoldingRegistersRequest(9, 2))).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(rules.check(new WriteSingleCoilRequest(5, true))).isEmpty();
        assertThat(rules.check(new WriteSingleCoilRequest(4, true))).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(rules.check(new WriteMultipleRegistersRequest(5, RegisterValues.of(1, 2))))
                .isEmpty();
        assertThat(rules.check(new WriteMultipleRegistersRequest(6, RegisterValues.of(1, 2))))
                .contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        // read/write multiple: the read part against readable, the write part against writable
        assertThat(rules.check(new ReadWriteMultipleRegistersRequest(0, 10, 5, RegisterValues.of(1))))
                .isEmpty();
        assertThat(rules.check(new ReadWriteMultipleRegistersRequest(5, 1, 0, RegisterValues.of(1))))
                .contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(rules.check(new ReadFifoQueueRequest(100))).isEmpty();
        assertThat(rules.check(new ReadFifoQueueRequest(50))).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    @Test
    void guardAnswersRefusalsWithoutAskingTheHandler() throws Exception {
        List<Integer> asked = new java.util.ArrayList<>();
        ModbusRequestHandler guarded = rules.guard((unit, request) -> {
            asked.add(unit);
            return CompletableFuture.completedFuture(new ProcessImage().apply(request));
        });
        ModbusResponse refused = guarded.handle(7, new ReadCoilsRequest(50, 1))
                .toCompletableFuture()
                .get();
        assertThat(refused).isEqualTo(new ExceptionResponse(1, ExceptionCode.ILLEGAL_DATA_ADDRESS));
        assertThat(asked).isEmpty();
        guarded.handle(7, new ReadCoilsRequest(0, 1)).toCompletableFuture().get();
        assertThat(asked).containsExactly(7);
    }

    @Test
    void noRulesLetEverythingThrough() {
        ModbusRequestHandler handler = (unit, request) -> CompletableFuture.completedFuture(null);
        assertThat(AccessRules.NONE.guard(handler)).isSameAs(handler);
        assertThat(AccessRules.NONE.check(new ReadCoilsRequest(65535, 1))).isEqualTo(Optional.empty());
    }

    @Test
    void rangesPrintAsTheyParse() {
        assertThat(AddressRanges.parse("0..9, 100,0x10..0x1F").toString()).isEqualTo("0..9,100,16..31");
        assertThat(AddressRanges.parse(" ")).isSameAs(AddressRanges.ALL);
    }
}
