"""Sends JSON documents written by CPython's json.dumps to a udpkit server running
'--codec json --output json' and prints, for each document the server must accept, the line it must
print: json.dumps({"from": ..., "value": doc}, separators=(',', ':')).

usage: json_doc_sender.py PORT   (the server echoes every datagram; the empty datagram sent last
stops it)
"""
import json
import sys

from server_probe import socket_after_first_echo

DOCS = [
    {"id": 1, "tag": "ab", "seq": 2, "x": 3, "y": 3, "v": 2.5},
    {"big": 18446744073709551615, "neg": -9223372036854775809, "f": [0.1, 1e16, 1e-05, -0.0, 2.0]},
    {"text": "caf\u00e9 \u2603 \U0001F600 \"q\" \\ \n\t", "nested": {"a": [True, False, None, []]}},
    [1, "two", {"three": 3}],
    "a bare string",
    12345678901234567890123,
    None,
    # Python writes NaN and the infinities bare; udpkit's json codec reads them as json.loads does.
    {"nan": float("nan"), "inf": float("inf"), "ninf": float("-inf"), "in": [float("nan")]},
]
# Refused by json.loads and so by udpkit: counted as undecodable, not printed.
REJECTED = ["{\"v\":-INF}", "{\"a\":1} trailing", "{\"a\":1,\"a\":2}"]

port = int(sys.argv[1])
sock, sender = socket_after_first_echo(port)
for text in REJECTED:
    sock.sendto(text.encode("utf-8"), ("127.0.0.1", port))
    sock.recv(65535)
for doc in DOCS:
    sock.sendto(json.dumps(doc, ensure_ascii=False).encode("utf-8"), ("127.0.0.1", port))
    sock.recv(65535)
    print(json.dumps({"from": sender, "value": doc}, separators=(",", ":")))
sock.sendto(b"", ("127.0.0.1", port))
