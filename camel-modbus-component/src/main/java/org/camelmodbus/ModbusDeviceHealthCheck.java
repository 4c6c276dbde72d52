package org.camelmodbus;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientStatus;
import org.camelmodbus.client.UnitBreakerStatus;

/**
 * Readiness of one device, shared by all its endpoints: DOWN while the device cannot be reached (the last connection
 * attempt failed), UP otherwise. Parked units do not make it DOWN, since the device still serves the others; they
 * are listed in the details and the message. Details: device, connected, lastSuccess, lastError, lastErrorTime,
 * queued, inFlight, parkedUnits, and per parked unit breaker.unit.N (state, since, next probe).
 */
final class ModbusDeviceHealthCheck extends AbstractHealthCheck {
    private final ModbusClient client;

    ModbusDeviceHealthCheck(ModbusClient client) {
        super("camel", "modbus-device:" + client.device());
        this.client = client;
    }

    /** A device that cannot be reached is no reason to restart the application. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ModbusClientStatus status = client.status();
        builder.detail("device", status.device());
        builder.detail("connected", status.connected());
        builder.detail("queued", status.queued());
        builder.detail("inFlight", status.inFlight());
        if (status.lastSuccess() != null) {
            builder.detail("lastSuccess", status.lastSuccess().toString());
        }
        if (status.lastError() != null) {
            builder.detail("lastError", status.lastError());
            builder.detail("lastErrorTime", status.lastErrorAt().toString());
        }
        String parked = status.parkedUnits().stream()
                .map(u -> Integer.toString(u.unitId()))
                .collect(Collectors.joining(","));
        builder.detail("parkedUnits", parked);
        for (UnitBreakerStatus unit : status.parkedUnits()) {
            builder.detail(
                    "breaker.unit." + unit.unitId(),
                    unit.state() + " since " + unit.openSince()
                            + (unit.nextProbe() == null ? ", probe on its way" : ", next probe " + unit.nextProbe()));
        }
        if (status.connectFailure() != null) {
            builder.message(status.device() + " cannot be reached: " + status.connectFailure());
            builder.down();
            return;
        }
        if (!parked.isEmpty()) {
            builder.message(status.device() + " is served; units parked by their circuit breaker: " + parked);
        }
        builder.up();
    }
}
