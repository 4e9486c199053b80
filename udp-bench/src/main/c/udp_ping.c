/*
 * udp_ping PORT COUNT TIMEOUT_MS MAX_SECONDS OUT_FILE
 *
 * Ping-pong client: sends one 22-byte seed record to 127.0.0.1:PORT, waits for the echo of that
 * record (up to TIMEOUT_MS), and repeats COUNT times or until MAX_SECONDS pass. Writes one
 * native-order int64 per round trip to OUT_FILE: the round-trip time in nanoseconds, or -1 for a
 * reply that never came. Ends with a few end markers that stop the echo server, and prints
 * {"sent":N,"replies":R,"timeouts":T}.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "seed_record.h"

#define END_MARKERS 5

int main(int argc, char **argv)
{
    unsigned char out[SEED_RECORD_SIZE], in[2048], marker = 0;
    struct sockaddr_in to = { .sin_family = AF_INET };
    struct timeval tv;
    long port, count, timeout_ms, max_seconds, i;
    uint64_t deadline, replies = 0, timeouts = 0;
    int64_t *rtts;
    FILE *file;
    int fd;

    if (argc != 6) {
        fprintf(stderr, "usage: udp_ping PORT COUNT TIMEOUT_MS MAX_SECONDS OUT_FILE\n");
        return 2;
    }
    port = strtol(argv[1], NULL, 10);
    count = strtol(argv[2], NULL, 10);
    timeout_ms = strtol(argv[3], NULL, 10);
    max_seconds = strtol(argv[4], NULL, 10);
    if (port < 1 || port > 65535 || count < 1 || count > 100000000L || timeout_ms < 1
        || timeout_ms > 60000 || max_seconds < 1 || max_seconds > 3600) {
        fprintf(stderr, "udp_ping: bad port, count, timeout or seconds\n");
        return 2;
    }
    rtts = calloc((size_t)count, sizeof *rtts);
    to.sin_port = htons((uint16_t)port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    tv.tv_sec = timeout_ms / 1000;
    tv.tv_usec = (timeout_ms % 1000) * 1000;
    if (rtts == NULL || fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof to) < 0
        || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0) {
        perror("udp_ping: setup");
        return 1;
    }

    deadline = monotonic_nanos() + (uint64_t)max_seconds * 1000000000u;
    for (i = 0; i < count; i++) {
        uint64_t sent_at = monotonic_nanos();
        ssize_t n;

        if (sent_at > deadline)
            break;
        seed_record_write(out, (uint32_t)i, sent_at);
        rtts[i] = -1;
        if (send(fd, out, sizeof out, 0) < 0) {
            timeouts++;
            continue;
        }
        /* A late reply to an earlier ping carries an older sequence number: skip it. */
        while ((n = recv(fd, in, sizeof in, 0)) >= 0)
            if (n == SEED_RECORD_SIZE && seed_record_seq(in) == (uint32_t)i)
                break;
        if (n < 0) {
            timeouts++;
            continue;
        }
        rtts[i] = (int64_t)(monotonic_nanos() - sent_at);
        replies++;
    }
    for (int m = 0; m < END_MARKERS; m++) {
        if (send(fd, &marker, END_MARKER_SIZE, 0) < 0 && errno != ECONNREFUSED)
            perror("udp_ping: end marker");
        usleep(10 * 1000);
    }

    file = fopen(argv[5], "wb");
    if (file == NULL || fwrite(rtts, sizeof *rtts, (size_t)i, file) != (size_t)i || fclose(file)) {
        perror("udp_ping: write");
        return 1;
    }
    printf("{\"sent\":%ld,\"replies\":%llu,\"timeouts\":%llu}\n", i,
           (unsigned long long)replies, (unsigned long long)timeouts);
    free(rtts);
    close(fd);
    return 0;
}
