package org.camelmodbus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientStatus;
import org.camelmodbus.client.UnitBreakerStatus;

/**
 * Readiness of one device, shared by all its endpoints: DOWN once the device has been unreachable (connection
 * attempts failing, no answer since) for longer than the device's unreachableThreshold, UP otherwise. Parked units do
 * not make it DOWN, since the device still serves the others; they are listed in the details and the message.
 * Details: those of {@link DeviceDetails}, and per parked unit breaker.unit.N (state, since, next probe).
 */
final class ModbusDeviceHealthCheck extends AbstractHealthCheck {
    private final ModbusClient client;
    private final Duration unreachableThreshold;

    ModbusDeviceHealthCheck(ModbusClient client, Duration unreachableThreshold) {
        super("camel", "modbus-device:" + client.device());
        this.client = client;
        this.unreachableThreshold = unreachableThreshold;
    }

    /** A device that cannot be reached is no reason to restart the application. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ModbusClientStatus status = client.status();
        Map<String, Object> details = DeviceDetails.of(status, client.stats());
        details.forEach(builder::detail);
        for (UnitBreakerStatus unit : status.parkedUnits()) {
            builder.detail(
                    "breaker.unit." + unit.unitId(),
                    unit.state() + " since " + unit.openSince()
                            + (unit.nextProbe() == null ? ", probe on its way" : ", next probe " + unit.nextProbe()));
        }
        Object since = details.get("unreachableSince");
        Instant unreachableSince = since == null ? null : Instant.parse(since.toString());
        String parked = details.get("parkedUnits").toString();
        if (unreachableSince != null) {
            Duration down = Duration.between(unreachableSince, Instant.now());
            String message =
                    status.device() + " cannot be reached since " + unreachableSince + ": " + status.connectFailure();
            if (down.compareTo(unreachableThreshold) >= 0) {
                builder.message(message);
                builder.down();
                return;
            }
            builder.message(message + "; readiness goes down after unreachableThreshold " + unreachableThreshold);
        } else if (!parked.isEmpty()) {
            builder.message(status.device() + " is served; units parked by their circuit breaker: " + parked);
        }
        builder.up();
    }
}
