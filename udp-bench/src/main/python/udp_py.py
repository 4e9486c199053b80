"""udp_py.py sink|echo MAX_SECONDS RCVBUF_BYTES

The Python peer in udpkit's loopback comparison: what the usual recipe does, a blocking
socket.recvfrom loop that decodes each datagram with struct.unpack('! I 2s Q 2h f').
Binds 127.0.0.1 on an ephemeral port, prints "READY <port>", stops at the first datagram that
is not a 22-byte record (struct.error) or after MAX_SECONDS, and prints one JSON line, with
this thread's CPU time in the loop (getrusage(RUSAGE_THREAD), user and system, in ns) and,
when at least STEADY_FROM datagrams arrived, the steady window's: the datagrams after the
STEADY_FROMth and the CPU time from then to the end.
Standard library only.
"""
import json
import resource
import signal
import socket
import struct
import sys
import time

FMT = "!I2sQ2hf"
SAMPLE = 256  # the clock is read every SAMPLE datagrams, as in the C and Java loops
# The steady window opens at this datagram, as in the C and Java peers; a multiple of SAMPLE,
# so only the sampling branch checks it.
STEADY_FROM = 1 << 18


class TimeUp(Exception):
    pass


def on_alarm(signum, frame):
    raise TimeUp()


def thread_cpu_nanos():
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    return int(usage.ru_utime * 1e9), int(usage.ru_stime * 1e9)


def main(argv):
    if len(argv) != 4 or argv[1] not in ("sink", "echo"):
        print("usage: udp_py.py sink|echo MAX_SECONDS RCVBUF_BYTES", file=sys.stderr)
        return 2
    echo = argv[1] == "echo"
    max_seconds, rcvbuf = int(argv[2]), int(argv[3])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if rcvbuf > 0:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.bind(("127.0.0.1", 0))
    print("READY %d" % sock.getsockname()[1], flush=True)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(max_seconds)
    received = max_seq = first = sample_nanos = sample_count = 0
    timed_out = False
    unpack = struct.unpack
    steady_cpu = None
    user0, sys0 = thread_cpu_nanos()
    try:
        while True:
            data, addr = sock.recvfrom(2048)
            try:
                seq = unpack(FMT, data)[0]
            except struct.error:
                break
            if echo:
                sock.sendto(data, addr)
            if seq > max_seq:
                max_seq = seq
            received += 1
            if received == 1:
                first = time.monotonic_ns()
            elif received % SAMPLE == 0:
                sample_nanos = time.monotonic_ns()
                sample_count = received
                if received == STEADY_FROM:
                    steady_cpu = thread_cpu_nanos()
    except TimeUp:
        timed_out = True
    user1, sys1 = thread_cpu_nanos()
    signal.alarm(0)
    result = {
        "received": received,
        "maxSeq": max_seq,
        "windowCount": sample_count - 1 if sample_count else 0,
        "windowNanos": sample_nanos - first if sample_count else 0,
        "timedOut": timed_out,
        "cpuUserNanos": user1 - user0,
        "cpuSysNanos": sys1 - sys0,
    }
    if steady_cpu is not None:
        result["steadyCount"] = received - STEADY_FROM
        result["steadyCpuUserNanos"] = user1 - steady_cpu[0]
        result["steadyCpuSysNanos"] = sys1 - steady_cpu[1]
    print(json.dumps(result), flush=True)
    sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
