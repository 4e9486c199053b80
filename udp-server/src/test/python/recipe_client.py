"""The Python recipe's client, pointed at a udpkit server.

Sends b'data' and prints the echo (retrying until the server is up), then sends the packed record
(1, b'ab', 2, 3, 3, 2.5) in '! I 2s Q 2h f' without waiting for a reply.

usage: recipe_client.py PORT [--upper] [--stop]
  --upper: send b' hello world\\n' instead of b'data'
  --stop:  finally send an empty datagram (stops a server run with --stop-on-empty)
"""
import socket
import struct
import sys

port = int(sys.argv[1])
message = b" hello world\n" if "--upper" in sys.argv[2:] else b"data"
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(0.5)
for attempt in range(40):
    sock.sendto(message, ("127.0.0.1", port))
    try:
        print(sock.recv(1024))
        break
    except socket.timeout:
        continue
else:
    sys.exit("no reply from the server")
sock.sendto(struct.pack("! I 2s Q 2h f", 1, b"ab", 2, 3, 3, 2.5), ("127.0.0.1", port))
if "--stop" in sys.argv[2:]:
    sock.sendto(b"", ("127.0.0.1", port))
