package org.camelmodbus.data;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Report-by-exception: of each reading, passes on only the points that changed since they were last reported. A
 * number with a deadband changes when it leaves the band around the value last reported, so a slow drift is reported
 * once it adds up; any other value changes when it differs. A point that fails, or recovers, has changed. The first
 * reading, and then every {@code heartbeat}, reports every point, so that a subscriber that joins late, or missed a
 * message, learns every value within one heartbeat.
 */
public final class ChangeReporter {
    private final RegisterMap map;
    private final long heartbeatMillis;
    private final Map<String, Object> reported = new ConcurrentHashMap<>();
    private final Set<String> reportedBad = ConcurrentHashMap.newKeySet();
    private long lastFullReport = Long.MIN_VALUE; // guarded by this

    /** @param heartbeat how often every point is reported, changed or not; zero for only after start */
    public ChangeReporter(RegisterMap map, Duration heartbeat) {
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("heartbeat must not be negative, got " + heartbeat);
        }
        this.map = map;
        this.heartbeatMillis = heartbeat.toMillis();
    }

    /** What of {@code reading} to report at {@code now} (milliseconds); empty when nothing changed. */
    public synchronized Report report(Reading reading, long now) {
        boolean all =
                lastFullReport == Long.MIN_VALUE || (heartbeatMillis > 0 && now - lastFullReport >= heartbeatMillis);
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : reading.values().entrySet()) {
            String name = e.getKey();
            boolean good = reading.isGood(name);
            if (all || changed(name, good, e.getValue())) {
                changed.add(name);
                if (good) {
                    reported.put(name, e.getValue());
                    reportedBad.remove(name);
                } else {
                    reported.remove(name);
                    reportedBad.add(name);
                }
            }
        }
        if (all) {
            lastFullReport = now;
        }
        return new Report(reading.only(changed), all);
    }

    private boolean changed(String name, boolean good, Object value) {
        if (!good) {
            return !reportedBad.contains(name);
        }
        Object before = reported.get(name);
        if (before == null) {
            return true; // never reported, or reported bad
        }
        Deadband band = map.require(name).deadband();
        if (band != null && before instanceof Number was && value instanceof Number now) {
            return band.exceeded(was, now);
        }
        return !Objects.equals(before, value);
    }

    /**
     * @param reading the points to report
     * @param heartbeat whether every point is in it because a full report was due
     */
    public record Report(Reading reading, boolean heartbeat) {
        public boolean isEmpty() {
            return reading.values().isEmpty();
        }
    }
}
