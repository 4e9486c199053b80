"""A JSON peer for 'udp-client send --codec json': binds 127.0.0.1:0, prints 'port N', receives one
datagram, json.loads it and replies json.dumps({"got": doc, "big": 2**64 - 1, "f": 0.1}). Then it
prints the line the client must print for that reply:
json.dumps(reply, separators=(',', ':')).

usage: json_echo_peer.py
"""
import json
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
sock.settimeout(30)
print("port %d" % sock.getsockname()[1], flush=True)
data, client = sock.recvfrom(65535)
try:
    doc = json.loads(data.decode("utf-8"))
except ValueError as e:
    sys.exit("not JSON: %r (%s)" % (data, e))
reply = {"got": doc, "big": 2 ** 64 - 1, "f": 0.1}
sock.sendto(json.dumps(reply).encode("utf-8"), client)
print(json.dumps(reply, separators=(",", ":")))
