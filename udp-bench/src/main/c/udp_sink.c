/*
 * udp_sink MODE MAX_SECONDS RCVBUF_BYTES
 *
 * Binds 127.0.0.1 on an ephemeral port, prints "READY <port>", then runs one loop until a
 * datagram that is not a 22-byte seed record arrives or MAX_SECONDS pass:
 *   recvfrom  one recvfrom per datagram, reads the sequence number;
 *   recvmmsg  up to 64 datagrams per recvmmsg call, same per-datagram work, no sender addresses;
 *   recvmmsg-from  the same, but the kernel also hands over each datagram's sender address, as a
 *             server that answers or rate-limits by sender needs (recvfrom's work, batched);
 *   echo      recvfrom, then sendto the same bytes back to the sender.
 * Prints one JSON line: received, maxSeq, the window the rate is measured over, and this thread's
 * CPU time spent in the loop (getrusage(RUSAGE_THREAD), user and system, in ns); when at least
 * STEADY_FROM datagrams arrived, also the steady window's: the datagrams after the STEADY_FROMth
 * and the CPU time from then to the end (steadyCount, steadyCpuUserNanos, steadyCpuSysNanos).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "seed_record.h"

#define VLEN 64
#define SLOT 2048
/* The clock is read every SAMPLE datagrams, so timing costs every loop the same, next to nothing. */
#define SAMPLE 256
/*
 * The steady window opens at this datagram, in every peer of the comparison (ReceiveTally.STEADY_FROM
 * in Java, udp_py.py): a multiple of SAMPLE, so only the sampling branch checks it.
 */
#define STEADY_FROM (1u << 18)

static volatile sig_atomic_t time_is_up;

struct tally {
    uint64_t received, max_seq, first_nanos, sample_nanos, sample_count;
    /* This thread's CPU time at datagram STEADY_FROM, valid when steady is set. */
    uint64_t steady_user0, steady_sys0;
    int steady;
};

static void on_alarm(int sig)
{
    (void)sig;
    time_is_up = 1;
}

/* This thread's user and system CPU time so far, in ns. */
static void thread_cpu(uint64_t *user_nanos, uint64_t *sys_nanos)
{
    struct rusage ru;

    if (getrusage(RUSAGE_THREAD, &ru) != 0) {
        *user_nanos = *sys_nanos = 0;
        return;
    }
    *user_nanos = (uint64_t)ru.ru_utime.tv_sec * 1000000000u + (uint64_t)ru.ru_utime.tv_usec * 1000u;
    *sys_nanos = (uint64_t)ru.ru_stime.tv_sec * 1000000000u + (uint64_t)ru.ru_stime.tv_usec * 1000u;
}

/* Counts one seed record; returns 0 when buf is an end marker instead. */
static int tally_record(struct tally *t, const unsigned char *buf, ssize_t len)
{
    uint32_t seq;

    if (len != SEED_RECORD_SIZE)
        return 0;
    seq = seed_record_seq(buf);
    if (seq > t->max_seq)
        t->max_seq = seq;
    if (t->received++ == 0)
        t->first_nanos = monotonic_nanos();
    else if ((t->received & (SAMPLE - 1)) == 0) {
        t->sample_nanos = monotonic_nanos();
        t->sample_count = t->received;
        if (t->received == STEADY_FROM) {
            thread_cpu(&t->steady_user0, &t->steady_sys0);
            t->steady = 1;
        }
    }
    return 1;
}

static int bind_loopback(int rcvbuf)
{
    struct sockaddr_in addr = { .sin_family = AF_INET };
    socklen_t len = sizeof addr;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    if (fd < 0)
        return -1;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (rcvbuf > 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0
        || getsockname(fd, (struct sockaddr *)&addr, &len) < 0) {
        close(fd);
        return -1;
    }
    printf("READY %u\n", ntohs(addr.sin_port));
    fflush(stdout);
    return fd;
}

static int loop_recvfrom(int fd, struct tally *t, int echo)
{
    static unsigned char buf[SLOT];
    struct sockaddr_in from;

    for (;;) {
        socklen_t fromlen = sizeof from;
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);

        if (n < 0) {
            if (errno == EINTR && !time_is_up)
                continue;
            return errno == EINTR ? 0 : -1;
        }
        if (!tally_record(t, buf, n))
            return 0;
        if (echo && sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, fromlen) < 0)
            perror("udp_sink: sendto");
    }
}

static int loop_recvmmsg(int fd, struct tally *t, int with_senders)
{
    static unsigned char bufs[VLEN][SLOT];
    static struct sockaddr_in from[VLEN];
    struct iovec iov[VLEN];
    struct mmsghdr msgs[VLEN];
    int i;

    memset(msgs, 0, sizeof msgs);
    for (i = 0; i < VLEN; i++) {
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = SLOT;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        if (with_senders) {
            msgs[i].msg_hdr.msg_name = &from[i];
            msgs[i].msg_hdr.msg_namelen = sizeof from[i];
        }
    }
    for (;;) {
        /* MSG_WAITFORONE: block for the first datagram, then take what is queued. */
        int n = recvmmsg(fd, msgs, VLEN, MSG_WAITFORONE, NULL);

        if (n < 0) {
            if (errno == EINTR && !time_is_up)
                continue;
            return errno == EINTR ? 0 : -1;
        }
        for (i = 0; i < n; i++) {
            if (!tally_record(t, bufs[i], (ssize_t)msgs[i].msg_len))
                return 0;
            /* The kernel wrote the address's length here; room for the next call's. */
            msgs[i].msg_hdr.msg_namelen = with_senders ? sizeof from[i] : 0;
        }
    }
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    struct tally t = { 0 };
    const char *mode;
    long max_seconds, rcvbuf;
    uint64_t user0, sys0, user1, sys1;
    int fd, rc;

    if (argc != 4) {
        fprintf(stderr, "usage: udp_sink recvfrom|recvmmsg|recvmmsg-from|echo MAX_SECONDS RCVBUF_BYTES\n");
        return 2;
    }
    mode = argv[1];
    max_seconds = strtol(argv[2], NULL, 10);
    rcvbuf = strtol(argv[3], NULL, 10);
    if (max_seconds < 1 || max_seconds > 3600 || rcvbuf < 0 || rcvbuf > (1L << 30)
        || (strcmp(mode, "recvfrom") && strcmp(mode, "recvmmsg") && strcmp(mode, "recvmmsg-from")
            && strcmp(mode, "echo"))) {
        fprintf(stderr, "udp_sink: bad mode, seconds or buffer size\n");
        return 2;
    }

    /* No SA_RESTART: the alarm interrupts a blocked receive, which bounds the loop in time. */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm((unsigned)max_seconds);

    fd = bind_loopback((int)rcvbuf);
    if (fd < 0) {
        perror("udp_sink: bind");
        return 1;
    }
    thread_cpu(&user0, &sys0);
    if (strncmp(mode, "recvmmsg", 8) == 0)
        rc = loop_recvmmsg(fd, &t, strcmp(mode, "recvmmsg-from") == 0);
    else
        rc = loop_recvfrom(fd, &t, strcmp(mode, "echo") == 0);
    thread_cpu(&user1, &sys1);
    if (rc < 0) {
        perror("udp_sink: receive");
        return 1;
    }
    printf("{\"received\":%llu,\"maxSeq\":%llu,\"windowCount\":%llu,\"windowNanos\":%llu,"
           "\"timedOut\":%s,\"cpuUserNanos\":%llu,\"cpuSysNanos\":%llu",
           (unsigned long long)t.received, (unsigned long long)t.max_seq,
           (unsigned long long)(t.sample_count > 0 ? t.sample_count - 1 : 0),
           (unsigned long long)(t.sample_count > 0 ? t.sample_nanos - t.first_nanos : 0),
           time_is_up ? "true" : "false",
           (unsigned long long)(user1 - user0), (unsigned long long)(sys1 - sys0));
    if (t.steady)
        printf(",\"steadyCount\":%llu,\"steadyCpuUserNanos\":%llu,\"steadyCpuSysNanos\":%llu",
               (unsigned long long)(t.received - STEADY_FROM), (unsigned long long)(user1 - t.steady_user0),
               (unsigned long long)(sys1 - t.steady_sys0));
    printf("}\n");
    close(fd);
    return 0;
}
