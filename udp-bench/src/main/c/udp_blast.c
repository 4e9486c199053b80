/*
 * udp_blast PORT SECONDS [SOCKETS]
 *
 * Sends 22-byte seed records with consecutive sequence numbers to 127.0.0.1:PORT as fast as
 * sendmmsg allows for SECONDS, then a few end markers, and prints {"sent":N,"nanos":T}.
 * SOCKETS (default 1, at most 16) source sockets take turns batch by batch, so a receiver with
 * several SO_REUSEPORT sockets sees several flows (the kernel spreads them by 4-tuple).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "seed_record.h"

#define BATCH 64
#define END_MARKERS 10
#define MAX_SOCKETS 16

int main(int argc, char **argv)
{
    static unsigned char records[BATCH][SEED_RECORD_SIZE];
    struct iovec iov[BATCH];
    struct mmsghdr msgs[BATCH];
    struct sockaddr_in to = { .sin_family = AF_INET };
    uint64_t sent = 0, start, deadline, now;
    unsigned char marker = 0;
    double seconds;
    long port, sockets = 1, turn = 0;
    int fds[MAX_SOCKETS], i;

    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: udp_blast PORT SECONDS [SOCKETS]\n");
        return 2;
    }
    port = strtol(argv[1], NULL, 10);
    seconds = strtod(argv[2], NULL);
    if (argc == 4)
        sockets = strtol(argv[3], NULL, 10);
    if (port < 1 || port > 65535 || seconds <= 0 || seconds > 600 || sockets < 1 || sockets > MAX_SOCKETS) {
        fprintf(stderr, "udp_blast: bad port, seconds or sockets\n");
        return 2;
    }
    to.sin_port = htons((uint16_t)port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    for (i = 0; i < sockets; i++) {
        fds[i] = socket(AF_INET, SOCK_DGRAM, 0);
        if (fds[i] < 0 || connect(fds[i], (struct sockaddr *)&to, sizeof to) < 0) {
            perror("udp_blast: socket");
            return 1;
        }
    }
    memset(msgs, 0, sizeof msgs);
    for (i = 0; i < BATCH; i++) {
        iov[i].iov_base = records[i];
        iov[i].iov_len = SEED_RECORD_SIZE;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }

    start = monotonic_nanos();
    deadline = start + (uint64_t)(seconds * 1e9);
    do {
        int n;

        for (i = 0; i < BATCH; i++)
            seed_record_write(records[i], (uint32_t)(sent + (uint64_t)i), sent + (uint64_t)i);
        n = sendmmsg(fds[turn], msgs, BATCH, 0);
        turn = (turn + 1) % sockets;
        /* Loopback drops what the receiver cannot take; a refused send just retries. */
        if (n > 0)
            sent += (uint64_t)n;
        else if (errno != ENOBUFS && errno != EAGAIN && errno != ECONNREFUSED && errno != EINTR) {
            perror("udp_blast: sendmmsg");
            return 1;
        }
        now = monotonic_nanos();
    } while (now < deadline);

    /* Give the receiver time to drain its socket buffer before it sees the end marker. */
    usleep(200 * 1000);
    for (i = 0; i < END_MARKERS; i++) {
        if (send(fds[i % sockets], &marker, END_MARKER_SIZE, 0) < 0 && errno != ECONNREFUSED)
            perror("udp_blast: end marker");
        usleep(20 * 1000);
    }
    printf("{\"sent\":%llu,\"nanos\":%llu}\n", (unsigned long long)sent,
           (unsigned long long)(now - start));
    for (i = 0; i < sockets; i++)
        close(fds[i]);
    return 0;
}
