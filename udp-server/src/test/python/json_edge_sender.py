"""Sends records full of edge values to a udpkit server and prints, for each, the line the server
must print with --output json: json.dumps({"from": ..., "values": [...]}, separators=(',', ':')),
bytes as latin-1 strings, exactly as CPython writes them.

usage: json_edge_sender.py PORT   (format '! d f Q q ? 4s'; the server echoes each record and is
stopped by the empty datagram sent last)
"""
import json
import struct
import sys

from server_probe import socket_after_first_echo

FMT = "! d f Q q ? 4s"
RECORDS = [
    (float("nan"), 0.1, 18446744073709551615, -9223372036854775808, True, b"\x00\xff'\""),
    (float("inf"), float("-inf"), 0, 9223372036854775807, False, b"ab\n\\"),
    (-0.0, 2.5, 1, -1, True, b"\x7f\x80\x1f "),
    (1e16, 1e-05, 2, 3, False, b"\xe9t\xe9!"),
    (1e15, 3.4028234663852886e38, 4294967296, -4294967296, True, b"data"),
    (5e-324, 1.401298464324817e-45, 12345678901234567890, 42, False, b"\x00\x00\x00\x00"),
]

port = int(sys.argv[1])
sock, sender = socket_after_first_echo(port)
for record in RECORDS:
    packed = struct.pack(FMT, *record)
    sock.sendto(packed, ("127.0.0.1", port))
    sock.recv(1024)
    values = [v.decode("latin-1") if isinstance(v, bytes) else v
              for v in struct.unpack(FMT, packed)]
    print(json.dumps({"from": sender, "values": values}, separators=(",", ":")))
sock.sendto(b"", ("127.0.0.1", port))
