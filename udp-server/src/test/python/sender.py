"""Sends each argument, given as hex ('' for an empty datagram), as one datagram to 127.0.0.1:PORT.

usage: sender.py PORT HEX...
"""
import socket
import sys

port = int(sys.argv[1])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for payload in sys.argv[2:]:
    sock.sendto(bytes.fromhex(payload), ("127.0.0.1", port))
