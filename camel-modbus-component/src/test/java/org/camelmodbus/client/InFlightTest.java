package org.camelmodbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camelmodbus.protocol.ReadHoldingRegistersRequest;
import org.camelmodbus.protocol.RequestCodec;
import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void findsExactlyWhatIsInFlightThroughRandomAddsAndRemovals() {
        Random random = new Random(42);
        for (int capacity : new int[] {1, 2, 3, 8, 100}) {
            InFlight inFlight = new InFlight(capacity);
            Map<Integer, PendingRequest> model = new HashMap<>();
            int lastId = 0;
            for (int step = 0; step < 30_000; step++) {
                if (model.size() < capacity && (model.isEmpty() || random.nextBoolean())) {
                    PendingRequest p = request();
                    inFlight.add(p);
                    assertThat(model).doesNotContainKey(p.transactionId);
                    assertThat(p.transactionId).isBetween(1, 0xFFFF);
                    // the next id not in flight: ids cycle, skipping only those still taken
                    int expected = lastId;
                    do {
                        expected = expected == 0xFFFF ? 1 : expected + 1;
                    } while (model.containsKey(expected));
                    assertThat(p.transactionId).isEqualTo(expected);
                    lastId = p.transactionId;
                    model.put(p.transactionId, p);
                } else {
                    List<Integer> ids = new ArrayList<>(model.keySet());
                    int id = ids.get(random.nextInt(ids.size()));
                    PendingRequest p = model.remove(id);
                    if (random.nextBoolean()) {
                        assertThat(inFlight.remove(id)).isSameAs(p);
                    } else {
                        assertThat(inFlight.remove(p)).isTrue();
                    }
                    assertThat(inFlight.remove(id)).isNull();
                    assertThat(inFlight.remove(p)).isFalse();
                }
                assertThat(inFlight.size()).isEqualTo(model.size());
                for (Map.Entry<Integer, PendingRequest> e : model.entrySet()) {
                    assertThat(inFlight.get(e.getKey())).isSameAs(e.getValue());
                }
                assertThat(inFlight.get(0)).isNull();
                assertThat(inFlight.remove(0)).isNull();
                int other = 1 + random.nextInt(0xFFFF);
                assertThat(inFlight.get(other)).isSameAs(model.get(other));
            }
            List<PendingRequest> all = inFlight.removeAll();
            assertThat(all).containsExactlyInAnyOrderElementsOf(model.values());
            assertThat(inFlight.size()).isZero();
        }
    }

    private static PendingRequest request() {
        ReadHoldingRegistersRequest r = new ReadHoldingRegistersRequest(0, 1);
        return new PendingRequest(1, r, RequestCodec.encode(r), "", false, Duration.ofSeconds(1));
    }
}
