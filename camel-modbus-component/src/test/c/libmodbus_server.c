/*
 * A Modbus TCP server on libmodbus, the peer of LibmodbusServerIT.
 *
 * usage: libmodbus_server PORT [LIFETIME_SECONDS]
 *
 * Listens on 127.0.0.1:PORT (0: any free port) and prints "LISTENING <port>" once it accepts connections.
 * A select() loop serves any number of clients; each request is answered by modbus_reply() against the image all
 * server peers of the interop tests share (node's modbus_serial_server.js serves the same):
 *
 *   4000 coils             coil i             = (i % 3 == 0)
 *   2000 discrete inputs   discrete input i   = (i % 2 == 1)
 *    300 holding registers holding register i = 1000 + i
 *    300 input registers   input register i   = 0xFFFF - i   (above 32767, so a signed/unsigned mix-up shows)
 *
 * Requests past a table's end get exception 02, unknown function codes exception 01 (libmodbus decides both).
 * Read Exception Status (07) gets no answer at all: libmodbus 3.1.6's modbus_reply() refuses it (ENOPROTOOPT) and
 * sends nothing, and this server leaves it so, as every device built on that version does.
 * The server exits when its stdin closes (the test JVM died) or after LIFETIME_SECONDS (default 600), so a lost
 * test run cannot leave it behind. Set LIBMODBUS_DEBUG=1 in the environment for libmodbus's frame dump on stdout.
 */
#include <errno.h>
#include <modbus.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define COILS 4000
#define DISCRETE_INPUTS 2000
#define HOLDING_REGISTERS 300
#define INPUT_REGISTERS 300

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT [LIFETIME_SECONDS]\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    int lifetime = argc > 2 ? atoi(argv[2]) : 600;
    setvbuf(stdout, NULL, _IOLBF, 0);

    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    if (ctx == NULL) {
        fprintf(stderr, "modbus_new_tcp: %s\n", modbus_strerror(errno));
        return 1;
    }
    const char *debug = getenv("LIBMODBUS_DEBUG");
    modbus_set_debug(ctx, debug != NULL && strcmp(debug, "1") == 0);

    modbus_mapping_t *map = modbus_mapping_new(COILS, DISCRETE_INPUTS, HOLDING_REGISTERS, INPUT_REGISTERS);
    if (map == NULL) {
        fprintf(stderr, "modbus_mapping_new: %s\n", modbus_strerror(errno));
        return 1;
    }
    for (int i = 0; i < COILS; i++) {
        map->tab_bits[i] = i % 3 == 0;
    }
    for (int i = 0; i < DISCRETE_INPUTS; i++) {
        map->tab_input_bits[i] = i % 2 == 1;
    }
    for (int i = 0; i < HOLDING_REGISTERS; i++) {
        map->tab_registers[i] = 1000 + i;
    }
    for (int i = 0; i < INPUT_REGISTERS; i++) {
        map->tab_input_registers[i] = 0xFFFF - i;
    }

    int server = modbus_tcp_listen(ctx, 16);
    if (server == -1) {
        fprintf(stderr, "modbus_tcp_listen on port %d: %s\n", port, modbus_strerror(errno));
        return 1;
    }
    struct sockaddr_in bound;
    socklen_t bound_len = sizeof bound;
    if (getsockname(server, (struct sockaddr *) &bound, &bound_len) == -1) {
        perror("getsockname");
        return 1;
    }
    printf("LISTENING %d\n", ntohs(bound.sin_port));

    fd_set watched;
    FD_ZERO(&watched);
    FD_SET(STDIN_FILENO, &watched);
    FD_SET(server, &watched);
    int max_fd = server;
    time_t deadline = time(NULL) + lifetime;
    uint8_t request[MODBUS_TCP_MAX_ADU_LENGTH];
    long served = 0;

    while (time(NULL) < deadline) {
        fd_set ready = watched;
        struct timeval tick = {1, 0};
        int n = select(max_fd + 1, &ready, NULL, NULL, &tick);
        if (n == -1) {
            if (errno == EINTR) {
                continue;
            }
            perror("select");
            break;
        }
        for (int fd = 0; fd <= max_fd && n > 0; fd++) {
            if (!FD_ISSET(fd, &ready)) {
                continue;
            }
            n--;
            if (fd == STDIN_FILENO) {
                char sink[64];
                if (read(STDIN_FILENO, sink, sizeof sink) <= 0) {
                    printf("stdin closed, exiting after %ld requests\n", served);
                    goto done;
                }
            } else if (fd == server) {
                int client = accept(server, NULL, NULL);
                if (client == -1) {
                    perror("accept");
                } else if (client >= FD_SETSIZE) {
                    fprintf(stderr, "too many clients, refusing one\n");
                    close(client);
                } else {
                    FD_SET(client, &watched);
                    if (client > max_fd) {
                        max_fd = client;
                    }
                }
            } else {
                modbus_set_socket(ctx, fd);
                int length = modbus_receive(ctx, request);
                if (length > 0) {
                    if (modbus_reply(ctx, request, length, map) == -1) {
                        fprintf(stderr, "modbus_reply: %s\n", modbus_strerror(errno));
                    }
                    served++;
                } else if (length == -1) {
                    /* the client closed the connection, or sent something libmodbus cannot parse */
                    close(fd);
                    FD_CLR(fd, &watched);
                }
            }
        }
    }
    if (time(NULL) >= deadline) {
        printf("lifetime of %d s is over, exiting after %ld requests\n", lifetime, served);
    }
done:
    close(server);
    modbus_mapping_free(map);
    modbus_free(ctx);
    return 0;
}
