package org.camelmodbus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camelmodbus.client.ModbusClient;
import org.camelmodbus.client.ModbusClientStats;
import org.camelmodbus.client.ModbusClientStatus;
import org.camelmodbus.client.ModbusErrorKind;

/**
 * One device's state as the health check and the dev console show it, in one order: device, connected, queued,
 * inFlight, requests, failures, timeouts, retries, then lastSuccess, lastError, lastErrorTime and unreachableSince
 * when there is one, and parkedUnits. Times are ISO-8601 text.
 */
final class DeviceDetails {
    private DeviceDetails() {}

    static Map<String, Object> of(ModbusClientStatus status, ModbusClientStats stats) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("device", status.device());
        details.put("connected", status.connected());
        details.put("queued", status.queued());
        details.put("inFlight", status.inFlight());
        details.put("requests", stats.requests());
        details.put("failures", stats.failures());
        details.put("timeouts", stats.failures(ModbusErrorKind.timeout));
        details.put("retries", stats.retries());
        if (status.lastSuccess() != null) {
            details.put("lastSuccess", status.lastSuccess().toString());
        }
        if (status.lastError() != null) {
            details.put("lastError", status.lastError());
            details.put("lastErrorTime", status.lastErrorAt().toString());
        }
        if (status.connectFailure() != null && stats.unreachableSince() != null) {
            details.put("unreachableSince", stats.unreachableSince().toString());
        }
        details.put(
                "parkedUnits",
                status.parkedUnits().stream()
                        .map(u -> Integer.toString(u.unitId()))
                        .collect(Collectors.joining(",")));
        return details;
    }

    static Map<String, Object> of(ModbusClient client) {
        return of(client.status(), client.stats());
    }
}
