/*
 * The benchmark's datagram: one CPython struct record '! I 2s Q 2h f' (22 bytes, network order).
 * Shared by the sender, the ping client and the receivers so they agree on the layout.
 */
#ifndef SEED_RECORD_H
#define SEED_RECORD_H

#include <stdint.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>

#define SEED_RECORD_SIZE 22
/* Any datagram of another length ends a receiver's loop; the sender and client send a few. */
#define END_MARKER_SIZE 1

static inline uint64_t host_to_be64(uint64_t v)
{
    return ((uint64_t)htonl((uint32_t)v) << 32) | htonl((uint32_t)(v >> 32));
}

/* Fills buf with record number seq; stamp travels in the Q field (the ping client's send time). */
static inline void seed_record_write(unsigned char *buf, uint32_t seq, uint64_t stamp)
{
    uint32_t seq_be = htonl(seq);
    uint64_t stamp_be = host_to_be64(stamp);
    uint16_t h1 = htons((uint16_t)7), h2 = htons((uint16_t)-7);
    float f = 1.5f;
    uint32_t f_bits;

    memcpy(&f_bits, &f, sizeof f_bits);
    f_bits = htonl(f_bits);
    memcpy(buf, &seq_be, 4);
    memcpy(buf + 4, "ok", 2);
    memcpy(buf + 6, &stamp_be, 8);
    memcpy(buf + 14, &h1, 2);
    memcpy(buf + 16, &h2, 2);
    memcpy(buf + 18, &f_bits, 4);
}

static inline uint32_t seed_record_seq(const unsigned char *buf)
{
    uint32_t seq_be;

    memcpy(&seq_be, buf, 4);
    return ntohl(seq_be);
}

static inline uint64_t monotonic_nanos(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#endif
