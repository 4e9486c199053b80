"""Sends struct-packed records to udp-server and checks each echo, for the Kafka sink tests.

Usage: kafka_sender.py PORT COUNT SEED

Packs COUNT records with CPython's struct module (format '<Qd4si': u64 max, NaN, the
infinities, -0.0, subnormals and bytes with NUL and 0xff among the values), sends each from one
socket, and waits up to 5 s for its echo. Prints one line per record,
'HEX<TAB>JSON' (the packed bytes, and the unpacked values as json.dumps writes them with bytes
as latin-1 strings), then a last line '# {"sent":N,"echoed":N,"max_rtt_ms":X}'.
"""
import json
import socket
import struct
import sys
import time

FMT = '<Qd4si'
U64 = [2**64 - 1, 0, 1, 2**63]
DOUBLES = [float('nan'), float('inf'), float('-inf'), -0.0, 1.5, 5e-324, 1e-310, 0.1]
BYTES = [b'\x00\xff\x80a', b'abcd', b'\x00\x00\x00\x00', b'"\\\n\x7f']


def record(n):
    u64 = U64[n % 4] if n % 3 == 0 else (n * 2654435761) % 2**64
    d = DOUBLES[n % 8] if n % 2 == 0 else n / 7.0
    return struct.pack(FMT, u64, d, BYTES[n % 4], -(2**31) + n % 1000)


def main():
    port, count, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect(('127.0.0.1', port))
    echoed = 0
    worst = 0.0
    lines = []
    for i in range(count):
        data = record(seed * 1_000_000 + i)
        start = time.perf_counter()
        sock.send(data)
        # A late echo of an earlier record (a slow first datagram, JIT warm-up on a busy machine)
        # is skipped, so that one stall does not shift every later match.
        deadline = start + 5.0
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                break
            sock.settimeout(remaining)
            try:
                reply = sock.recv(65536)
            except socket.timeout:
                break
            if reply == data:
                echoed += 1
                break
        worst = max(worst, (time.perf_counter() - start) * 1000)
        values = [v.decode('latin-1') if isinstance(v, bytes) else v
                  for v in struct.unpack(FMT, data)]
        lines.append(data.hex() + '\t' + json.dumps(values, separators=(',', ':')))
    for line in lines:
        print(line)
    print('# ' + json.dumps({'sent': count, 'echoed': echoed, 'max_rtt_ms': round(worst, 3)}))


if __name__ == '__main__':
    main()
