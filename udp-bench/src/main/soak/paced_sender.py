"""Paced sender for the soak run: sends '! I 2s Q 2h f' records at a fixed rate for a fixed time.

Usage: paced_sender.py HOST PORT RATE SECONDS
Prints one line at the end: 'sent N'. Bounded by SECONDS and by RATE * SECONDS datagrams.
"""
import socket
import struct
import sys
import time

RECORD = struct.Struct('! I 2s Q 2h f')


def main() -> None:
    host, port, rate, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    if host not in ('127.0.0.1', 'localhost', '::1'):
        sys.exit('paced_sender: loopback targets only')
    total = int(rate * seconds)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    target = (host, port)
    start = time.monotonic()
    sent = 0
    batch = max(1, rate // 1000)  # send in 1 ms batches so Python's overhead stays small
    while sent < total:
        due = start + sent / rate
        now = time.monotonic()
        if now - start > seconds + 5:
            break  # hard bound even if the machine stalls
        if due > now:
            time.sleep(due - now)
        for _ in range(min(batch, total - sent)):
            sock.sendto(RECORD.pack(sent & 0xFFFFFFFF, b'ab', sent, 3, 3, 2.5), target)
            sent += 1
    print(f'sent {sent}', flush=True)


if __name__ == '__main__':
    main()
