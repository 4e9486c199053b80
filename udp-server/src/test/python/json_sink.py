"""Receives JSON documents forwarded by udp-server --forward, as a Python consumer of the bridge.

Binds 127.0.0.1:0, prints its port on the first stdout line, then for each of COUNT datagrams
prints json.dumps of the document's "values" (Python's json accepts NaN and Infinity). Stops after
COUNT datagrams, or after 20 s without one.

usage: json_sink.py COUNT
"""
import json
import socket
import sys

count = int(sys.argv[1])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
sock.settimeout(20)
print(sock.getsockname()[1], flush=True)
for _ in range(count):
    data, _ = sock.recvfrom(65535)
    print(json.dumps(json.loads(data.decode("utf-8"))["values"]), flush=True)
