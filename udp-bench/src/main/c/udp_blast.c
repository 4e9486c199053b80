/*
 * udp_blast PORT SECONDS
 *
 * Sends 22-byte seed records with consecutive sequence numbers to 127.0.0.1:PORT as fast as
 * sendmmsg allows for SECONDS, then a few end markers, and prints {"sent":N,"nanos":T}.
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

int main(int argc, char **argv)
{
    static unsigned char records[BATCH][SEED_RECORD_SIZE];
    struct iovec iov[BATCH];
    struct mmsghdr msgs[BATCH];
    struct sockaddr_in to = { .sin_family = AF_INET };
    uint64_t sent = 0, start, deadline, now;
    unsigned char marker = 0;
    double seconds;
    long port;
    int fd, i;

    if (argc != 3) {
        fprintf(stderr, "usage: udp_blast PORT SECONDS\n");
        return 2;
    }
    port = strtol(argv[1], NULL, 10);
    seconds = strtod(argv[2], NULL);
    if (port < 1 || port > 65535 || seconds <= 0 || seconds > 600) {
        fprintf(stderr, "udp_blast: bad port or seconds\n");
        return 2;
    }
    to.sin_port = htons((uint16_t)port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof to) < 0) {
        perror("udp_blast: socket");
        return 1;
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
        n = sendmmsg(fd, msgs, BATCH, 0);
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
        if (send(fd, &marker, END_MARKER_SIZE, 0) < 0 && errno != ECONNREFUSED)
            perror("udp_blast: end marker");
        usleep(20 * 1000);
    }
    printf("{\"sent\":%llu,\"nanos\":%llu}\n", (unsigned long long)sent,
           (unsigned long long)(now - start));
    close(fd);
    return 0;
}
