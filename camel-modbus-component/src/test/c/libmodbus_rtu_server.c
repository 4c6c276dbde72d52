/*
 * A Modbus RTU device on libmodbus, the peer of LibmodbusRtuServerIT.
 *
 * usage: libmodbus_rtu_server SERIAL_PORT UNIT_ID [LIFETIME_SECONDS]
 *
 * Opens SERIAL_PORT at 19200 baud, 8 data bits, even parity, 1 stop bit, answers requests for UNIT_ID (and carries
 * out broadcasts, unit id 0, without answering) and prints "LISTENING 0" once the port is open. The image is the one
 * libmodbus_server.c serves:
 *
 *   4000 coils             coil i             = (i % 3 == 0)
 *   2000 discrete inputs   discrete input i   = (i % 2 == 1)
 *    300 holding registers holding register i = 1000 + i
 *    300 input registers   input register i   = 0xFFFF - i
 *
 * The server exits when its stdin closes (the test JVM died) or after LIFETIME_SECONDS (default 600). Set
 * LIBMODBUS_DEBUG=1 in the environment for libmodbus's frame dump on stdout.
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s SERIAL_PORT UNIT_ID [LIFETIME_SECONDS]\n", argv[0]);
        return 2;
    }
    int unit = atoi(argv[2]);
    int lifetime = argc > 3 ? atoi(argv[3]) : 600;
    setvbuf(stdout, NULL, _IOLBF, 0);

    modbus_t *ctx = modbus_new_rtu(argv[1], 19200, 'E', 8, 1);
    if (ctx == NULL) {
        fprintf(stderr, "modbus_new_rtu: %s\n", modbus_strerror(errno));
        return 1;
    }
    const char *debug = getenv("LIBMODBUS_DEBUG");
    modbus_set_debug(ctx, debug != NULL && strcmp(debug, "1") == 0);
    if (modbus_set_slave(ctx, unit) == -1 || modbus_connect(ctx) == -1) {
        fprintf(stderr, "opening %s as unit %d: %s\n", argv[1], unit, modbus_strerror(errno));
        return 1;
    }

    modbus_mapping_t *map = modbus_mapping_new(4000, 2000, 300, 300);
    if (map == NULL) {
        fprintf(stderr, "modbus_mapping_new: %s\n", modbus_strerror(errno));
        return 1;
    }
    for (int i = 0; i < 4000; i++) {
        map->tab_bits[i] = i % 3 == 0;
    }
    for (int i = 0; i < 2000; i++) {
        map->tab_input_bits[i] = i % 2 == 1;
    }
    for (int i = 0; i < 300; i++) {
        map->tab_registers[i] = 1000 + i;
        map->tab_input_registers[i] = 0xFFFF - i;
    }
    printf("LISTENING 0\n");

    int port = modbus_get_socket(ctx);
    time_t deadline = time(NULL) + lifetime;
    uint8_t request[MODBUS_RTU_MAX_ADU_LENGTH];
    long served = 0;
    while (time(NULL) < deadline) {
        fd_set ready;
        FD_ZERO(&ready);
        FD_SET(STDIN_FILENO, &ready);
        FD_SET(port, &ready);
        struct timeval tick = {1, 0};
        int n = select(port + 1, &ready, NULL, NULL, &tick);
        if (n == -1) {
            if (errno == EINTR) {
                continue;
            }
            perror("select");
            break;
        }
        if (FD_ISSET(STDIN_FILENO, &ready)) {
            char sink[64];
            if (read(STDIN_FILENO, sink, sizeof sink) <= 0) {
                printf("stdin closed, exiting after %ld requests\n", served);
                break;
            }
        }
        if (FD_ISSET(port, &ready)) {
            int length = modbus_receive(ctx, request);
            if (length > 0) {
                modbus_reply(ctx, request, length, map); /* sends nothing for a broadcast */
                served++;
            } else if (length == -1 && errno != EMBBADCRC && errno != ETIMEDOUT) {
                fprintf(stderr, "modbus_receive: %s\n", modbus_strerror(errno));
            }
        }
    }
    modbus_mapping_free(map);
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}
