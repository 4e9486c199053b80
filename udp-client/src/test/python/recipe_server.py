"""The Python recipe's server, for udpkit's client to talk to.

Binds 127.0.0.1:0 with SO_REUSEADDR, prints its port on the first stdout line, then for each
datagram: replies data (or data.strip().upper() with --upper), and prints
struct.unpack('! I 2s Q 2h f', data) when the datagram is 22 bytes. Stops after COUNT datagrams,
or after 20 s without one.

usage: recipe_server.py COUNT [--upper]
"""
import socket
import struct
import sys

FMT = "! I 2s Q 2h f"
count = int(sys.argv[1])
upper = "--upper" in sys.argv[2:]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind(("127.0.0.1", 0))
sock.settimeout(20)
print(sock.getsockname()[1], flush=True)
for _ in range(count):
    data, address = sock.recvfrom(65535)
    sock.sendto(data.strip().upper() if upper else data, address)
    if len(data) == struct.calcsize(FMT):
        print(struct.unpack(FMT, data), flush=True)
