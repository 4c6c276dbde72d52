package org.camelmodbus.benchmarks;

import java.util.List;
import java.util.Locale;

/** The client libraries compared, each with its best setting for a given number of requests in flight. */
enum Library {
    CAMEL_MODBUS("camel-modbus") {
        @Override
        Driver open(String host, int port, int inFlight, BenchConfig config) throws Exception {
            return new CamelModbusDriver(host, port, inFlight, config);
        }

        @Override
        String setting(int inFlight, BenchConfig config) {
            String spin = config.ioSpinMicros() == 0 ? "" : ", ioSpinMicros=" + config.ioSpinMicros();
            return (inFlight == 0 ? "blocking on each future" : "maxInFlight=" + inFlight + ", one connection") + spin;
        }
    },
    DIGITALPETRI("digitalpetri") {
        @Override
        Driver open(String host, int port, int inFlight, BenchConfig config) throws Exception {
            return new DigitalpetriDriver(host, port);
        }

        @Override
        String setting(int inFlight, BenchConfig config) {
            return inFlight == 0
                    ? "blocking API"
                    : "async API, " + inFlight + " outstanding, one connection (it pipelines without a limit)";
        }
    },
    J2MOD("j2mod") {
        @Override
        Driver open(String host, int port, int inFlight, BenchConfig config) throws Exception {
            return new J2modDriver(host, port);
        }

        @Override
        boolean async() {
            return false;
        }

        @Override
        String setting(int inFlight, BenchConfig config) {
            return "blocking API (no pipelining, no async API)";
        }
    },
    PLC4X("plc4x") {
        @Override
        Driver open(String host, int port, int inFlight, BenchConfig config) throws Exception {
            return new Plc4xDriver(host, port);
        }

        @Override
        String setting(int inFlight, BenchConfig config) {
            return inFlight == 0
                    ? "execute().get()"
                    : "execute() of one reused request, " + inFlight + " outstanding; the driver sends one at a time";
        }
    };

    private final String id;

    Library(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /**
     * Connects, ready to read.
     *
     * @param inFlight requests the caller will keep outstanding (0: sequential, blocking)
     * @param config the run's settings: our client takes its I/O threads and spin from it
     */
    abstract Driver open(String host, int port, int inFlight, BenchConfig config) throws Exception;

    /** Whether the library can have several requests outstanding on one connection from one caller. */
    boolean async() {
        return true;
    }

    /** How the library is driven at this depth (0: sequential), for the results table. */
    abstract String setting(int inFlight, BenchConfig config);

    static Library of(String id) {
        for (Library library : values()) {
            if (library.id.equals(id.toLowerCase(Locale.ROOT))) {
                return library;
            }
        }
        throw new IllegalArgumentException("unknown client " + id + "; known: " + List.of(values()));
    }

    @Override
    public String toString() {
        return id;
    }
}
