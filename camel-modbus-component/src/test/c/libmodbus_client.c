/*
 * A Modbus TCP client on libmodbus, the peer of LibmodbusClientIT.
 *
 * usage: libmodbus_client PORT UNIT OPERATION...
 *
 * Connects to 127.0.0.1:PORT, runs each operation in order on one connection and prints one line per operation:
 *
 *   <operation> OK [v1,v2,...]        values read (bits as 0/1, registers unsigned decimal); writes print no values
 *   <operation> EXC <code> <message>  the server answered with a Modbus exception response
 *   <operation> ERR <message>         anything else (timeout, connection, malformed response)
 *
 * Operations (addresses are zero-based, as on the wire):
 *   rc:ADDR:N  rd:ADDR:N  rh:ADDR:N  ri:ADDR:N      read coils, discrete inputs, holding or input registers
 *   wc:ADDR:0|1  wr:ADDR:VALUE                      write single coil (FC 05), single register (FC 06)
 *   wcs:ADDR:b,b,...  wrs:ADDR:v,v,...              write multiple coils (FC 15), registers (FC 16)
 *   mask:ADDR:AND:OR                                mask write register (FC 22)
 *   wrr:READADDR:N:WRITEADDR:v,v,...                read/write multiple registers (FC 23)
 *   id                                              report server id (FC 17), printed as bytes
 *   raw:HEX                                         send the PDU HEX (e.g. 4100) as is; prints the answer's PDU
 *                                                   in hex (an exception response too: it is not interpreted)
 *
 * Exits 0 when every operation printed a line (whatever its outcome), 1 on a bad command line or connection failure.
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALUES 2000

static int parse_list(const char *text, int *values) {
    int n = 0;
    const char *p = text;
    while (*p != '\0' && n < MAX_VALUES) {
        char *end;
        values[n++] = (int) strtol(p, &end, 0);
        if (end == p) {
            return -1;
        }
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}

static void print_bits(const char *op, const uint8_t *bits, int n) {
    printf("%s OK ", op);
    for (int i = 0; i < n; i++) {
        printf(i == 0 ? "%d" : ",%d", bits[i]);
    }
    printf("\n");
}

static void print_registers(const char *op, const uint16_t *registers, int n) {
    printf("%s OK ", op);
    for (int i = 0; i < n; i++) {
        printf(i == 0 ? "%u" : ",%u", registers[i]);
    }
    printf("\n");
}

static void print_failure(const char *op) {
    int error = errno;
    if (error > MODBUS_ENOBASE && error < MODBUS_ENOBASE + MODBUS_EXCEPTION_MAX) {
        printf("%s EXC %d %s\n", op, error - MODBUS_ENOBASE, modbus_strerror(error));
    } else {
        printf("%s ERR %s\n", op, modbus_strerror(error));
    }
}

static int run(modbus_t *ctx, const char *op) {
    char kind[8] = {0};
    int addr = 0, n = 0, and_mask = 0, or_mask = 0, write_addr = 0;
    char list[8192] = {0};
    static uint8_t bits[MAX_VALUES];
    static uint16_t registers[MAX_VALUES];
    static int values[MAX_VALUES];
    int rc;

    if (strcmp(op, "id") == 0) {
        uint8_t id[MODBUS_MAX_PDU_LENGTH];
        rc = modbus_report_slave_id(ctx, sizeof id, id);
        if (rc == -1) {
            print_failure(op);
        } else {
            printf("%s OK ", op);
            for (int i = 0; i < rc; i++) {
                printf(i == 0 ? "%u" : ",%u", id[i]);
            }
            printf("\n");
        }
        return 0;
    }
    if (strncmp(op, "raw:", 4) == 0) {
        const char *hex = op + 4;
        size_t pdu_length = strlen(hex) / 2;
        uint8_t raw[MODBUS_MAX_PDU_LENGTH + 1];
        uint8_t answer[MODBUS_TCP_MAX_ADU_LENGTH];
        if (strlen(hex) % 2 != 0 || pdu_length < 1 || pdu_length > MODBUS_MAX_PDU_LENGTH) {
            return -1;
        }
        raw[0] = (uint8_t) modbus_get_slave(ctx);
        for (size_t i = 0; i < pdu_length; i++) {
            unsigned int byte;
            if (sscanf(hex + 2 * i, "%2x", &byte) != 1) {
                return -1;
            }
            raw[1 + i] = (uint8_t) byte;
        }
        if (modbus_send_raw_request(ctx, raw, (int) pdu_length + 1) == -1
                || (rc = modbus_receive_confirmation(ctx, answer)) == -1) {
            print_failure(op);
        } else {
            int header = modbus_get_header_length(ctx);
            printf("%s OK ", op);
            for (int i = header; i < rc; i++) {
                printf("%02X", answer[i]);
            }
            printf("\n");
        }
        return 0;
    }
    if (sscanf(op, "%7[a-z]:", kind) != 1) {
        return -1;
    }
    if (strcmp(kind, "rc") == 0 || strcmp(kind, "rd") == 0 || strcmp(kind, "rh") == 0 || strcmp(kind, "ri") == 0) {
        if (sscanf(op, "%*[a-z]:%i:%i", &addr, &n) != 2 || n < 0 || n > MAX_VALUES) {
            return -1;
        }
        if (kind[1] == 'c' || kind[1] == 'd') {
            rc = kind[1] == 'c' ? modbus_read_bits(ctx, addr, n, bits) : modbus_read_input_bits(ctx, addr, n, bits);
            rc == -1 ? print_failure(op) : print_bits(op, bits, rc);
        } else {
            rc = kind[1] == 'h' ? modbus_read_registers(ctx, addr, n, registers)
                                : modbus_read_input_registers(ctx, addr, n, registers);
            rc == -1 ? print_failure(op) : print_registers(op, registers, rc);
        }
    } else if (strcmp(kind, "wc") == 0 || strcmp(kind, "wr") == 0) {
        int value;
        if (sscanf(op, "%*[a-z]:%i:%i", &addr, &value) != 2) {
            return -1;
        }
        rc = kind[1] == 'c' ? modbus_write_bit(ctx, addr, value) : modbus_write_register(ctx, addr, value);
        rc == -1 ? print_failure(op) : printf("%s OK\n", op);
    } else if (strcmp(kind, "wcs") == 0 || strcmp(kind, "wrs") == 0) {
        if (sscanf(op, "%*[a-z]:%i:%8191s", &addr, list) != 2 || (n = parse_list(list, values)) < 0) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            bits[i] = (uint8_t) values[i];
            registers[i] = (uint16_t) values[i];
        }
        rc = kind[1] == 'c' ? modbus_write_bits(ctx, addr, n, bits) : modbus_write_registers(ctx, addr, n, registers);
        rc == -1 ? print_failure(op) : printf("%s OK\n", op);
    } else if (strcmp(kind, "mask") == 0) {
        if (sscanf(op, "%*[a-z]:%i:%i:%i", &addr, &and_mask, &or_mask) != 3) {
            return -1;
        }
        rc = modbus_mask_write_register(ctx, addr, (uint16_t) and_mask, (uint16_t) or_mask);
        rc == -1 ? print_failure(op) : printf("%s OK\n", op);
    } else if (strcmp(kind, "wrr") == 0) {
        if (sscanf(op, "%*[a-z]:%i:%i:%i:%8191s", &addr, &n, &write_addr, list) != 4
                || (rc = parse_list(list, values)) < 0 || n < 0 || n > MAX_VALUES) {
            return -1;
        }
        uint16_t written[MAX_VALUES];
        for (int i = 0; i < rc; i++) {
            written[i] = (uint16_t) values[i];
        }
        rc = modbus_write_and_read_registers(ctx, write_addr, rc, written, addr, n, registers);
        rc == -1 ? print_failure(op) : print_registers(op, registers, rc);
    } else {
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s PORT UNIT OPERATION...\n", argv[0]);
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", atoi(argv[1]));
    if (ctx == NULL) {
        fprintf(stderr, "modbus_new_tcp: %s\n", modbus_strerror(errno));
        return 1;
    }
    const char *debug = getenv("LIBMODBUS_DEBUG");
    modbus_set_debug(ctx, debug != NULL && strcmp(debug, "1") == 0);
    modbus_set_slave(ctx, atoi(argv[2]));
    modbus_set_response_timeout(ctx, 2, 0);
    if (modbus_connect(ctx) == -1) {
        fprintf(stderr, "modbus_connect to 127.0.0.1:%s: %s\n", argv[1], modbus_strerror(errno));
        modbus_free(ctx);
        return 1;
    }
    int status = 0;
    for (int i = 3; i < argc; i++) {
        if (run(ctx, argv[i]) != 0) {
            fprintf(stderr, "cannot parse operation '%s'\n", argv[i]);
            status = 1;
            break;
        }
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return status;
}
