"""Shared by the CPython test peers: a UDP socket on 127.0.0.1 that has seen the server answer."""
import socket
import sys


def socket_after_first_echo(port, probe=b"ping"):
    """Binds a UDP socket on 127.0.0.1 and sends `probe` to the udpkit server on `port` until it
    echoes (40 tries, 0.5 s apart), exiting the script if it never does. The probe is one the
    server's codec rejects, so it prints and forwards nothing for it.

    Returns the socket, now with a 10 s timeout, and its "host:port" as the server names senders.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(0.5)
    sock.bind(("127.0.0.1", 0))
    for attempt in range(40):
        sock.sendto(probe, ("127.0.0.1", port))
        try:
            sock.recv(65535)
            break
        except socket.timeout:
            continue
    else:
        sys.exit("no echo from the server")
    sock.settimeout(10)
    return sock, "%s:%d" % sock.getsockname()
