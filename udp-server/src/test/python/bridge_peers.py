"""Both ends of the struct-to-JSON bridge: packs '! I 2s Q 2h f' records with CPython's struct and
sends them to a udpkit server started with '--forward 127.0.0.1:FORWARD_PORT', receives the JSON
documents the server forwards on FORWARD_PORT, and checks that json.loads of each equals
{"from": <sender>, "values": <the record, bytes as latin-1 strings>}. NaN is compared as NaN.
Prints 'forwarded N' and exits 0 when all match; exits non-zero naming the first difference.

usage: bridge_peers.py SERVER_PORT FORWARD_PORT
"""
import json
import math
import socket
import struct
import sys

from server_probe import socket_after_first_echo

FMT = "! I 2s Q 2h f"
RECORDS = [
    (1, b"ab", 2, 3, 3, 2.5),
    (4294967295, b"\x00\xff", 18446744073709551615, -32768, 32767, float("nan")),
    (0, b"\"\\", 0, -1, 1, float("inf")),
    (7, b"\n\x7f", 9223372036854775808, 0, 0, float("-inf")),
    (8, b"zz", 1, 2, 3, 0.1),
]


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


server_port, forward_port = int(sys.argv[1]), int(sys.argv[2])
receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
receiver.bind(("127.0.0.1", forward_port))
receiver.settimeout(10)
sock, sender = socket_after_first_echo(server_port)
for record in RECORDS:
    packed = struct.pack(FMT, *record)
    sock.sendto(packed, ("127.0.0.1", server_port))
    document, origin = receiver.recvfrom(65535)
    got = json.loads(document)
    values = [v.decode("latin-1") if isinstance(v, bytes) else v for v in struct.unpack(FMT, packed)]
    expected = {"from": sender, "values": values}
    if not same(got, expected):
        sys.exit("forwarded %r, expected %r" % (document, expected))
    if origin[0] != "127.0.0.1":
        sys.exit("forwarded from %r" % (origin,))
print("forwarded %d" % len(RECORDS))
sock.sendto(b"", ("127.0.0.1", server_port))
