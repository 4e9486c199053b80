"""CPython peer for deploy/nginx/fleet-check.sh (standard library only).

send:   packs records with struct.pack and sends them to the load balancer from several sockets
        (distinct source ports), one at a time, each waiting for its echo, which must come back
        from the balancer's address with the same bytes.
verify: checks the udp-server instances' final stats lines (each decoded some, together all
        that was sent; optionally a sink delivered everything) and JSON documents (--output json
        files, or the values read back from Kafka): every record sent is there exactly once,
        with the values CPython packed.
"""

import argparse
import json
import socket
import struct
import sys

# Record i: (i, 2**64 - 1 - i, i + 0.5, 4 bytes). u64 max for i == 0; the double is exact.
FORMAT = "! I Q d 4s"


def record(i):
    return (i, 2**64 - 1 - i, i + 0.5, b"ab\x00\xff")


def send(args):
    target = (args.host, args.port)
    senders = []
    for _ in range(args.senders):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        s.settimeout(args.reply_timeout)
        senders.append(s)
    for i in range(args.records):
        s = senders[i % len(senders)]
        payload = struct.pack(FORMAT, *record(i))
        s.sendto(payload, target)
        try:
            reply, source = s.recvfrom(65535)
        except socket.timeout:
            sys.exit("record %d: no reply within %.1f s through %s:%d"
                     % (i, args.reply_timeout, args.host, args.port))
        if source != target:
            sys.exit("record %d: reply from %s, not from the balancer %s" % (i, source, target))
        if reply != payload:
            sys.exit("record %d: reply %r is not the echo of %r" % (i, reply, payload))
    ports = sorted(s.getsockname()[1] for s in senders)
    print(json.dumps({"sent": args.records, "echoed": args.records, "source_ports": ports}))


def last_stats(path):
    stats = None
    with open(path, encoding="utf-8") as err:
        for line in err:
            if line.startswith("stats: {"):
                stats = json.loads(line[len("stats: "):])
    if stats is None:
        sys.exit("%s: no final 'stats: {...}' line" % path)
    return stats


def verify(args):
    problems = []
    stats = [last_stats(err) for err in args.stats]
    decoded = [st["decoded"] for st in stats]
    for n, count in enumerate(decoded, 1):
        if count == 0:
            problems.append("instance %d decoded nothing: the balancer sent it no record" % n)
    if sum(decoded) != args.records:
        problems.append("instances decoded %r, total %d, sent %d"
                        % (decoded, sum(decoded), args.records))
    if args.sink:
        for n, st in enumerate(stats, 1):
            sink = [s for s in st.get("sinks", []) if s.get("sink") == args.sink]
            if not sink:
                problems.append("instance %d: no sink %r in its stats %r" % (n, args.sink, st))
                continue
            sink = sink[0]
            lost = {k: sink[k] for k in ("failed", "unconfirmed") if sink.get(k)}
            lost.update({k: v for k, v in sink.get("dropped", {}).items() if v})
            if sink.get("delivered") != st["decoded"] or lost:
                problems.append("instance %d: sink %s delivered %s of %d decoded %r"
                                % (n, args.sink, sink.get("delivered"), st["decoded"], lost))
    seen = {}
    for index, path in enumerate(args.json or []):
        lines = 0
        with open(path, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                lines += 1
                values = doc["values"]
                i = values[0]
                expected = list(record(i))
                expected[3] = expected[3].decode("latin-1")  # how --output json writes bytes
                if values != expected:
                    problems.append("%s: record %d has values %r" % (path, i, values))
                seen.setdefault(i, []).append(path)
                if not doc["from"].startswith("127.0.0.1:"):
                    problems.append("%s: record %d from %s" % (path, i, doc["from"]))
        if args.per_instance and lines != decoded[index]:
            problems.append("%s: %d lines but decoded=%d" % (path, lines, decoded[index]))
    if args.json:
        missing = [i for i in range(args.records) if i not in seen]
        twice = {i: where for i, where in seen.items() if len(where) > 1}
        extra = [i for i in seen if not 0 <= i < args.records]
        if missing:
            problems.append("%d records missing, e.g. %r" % (len(missing), missing[:10]))
        if twice:
            problems.append("%d records delivered more than once, e.g. %r"
                            % (len(twice), list(twice.items())[:5]))
        if extra:
            problems.append("records never sent: %r" % extra[:10])
    if problems:
        sys.exit("\n".join(problems))
    print(json.dumps({"records": args.records, "decoded": decoded,
                      "checked_values": sum(len(w) for w in seen.values())}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("send")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--records", type=int, required=True)
    s.add_argument("--senders", type=int, default=8)
    s.add_argument("--reply-timeout", type=float, default=5.0)
    v = sub.add_parser("verify")
    v.add_argument("--records", type=int, required=True)
    v.add_argument("--stats", nargs="+", required=True,
                   help="each instance's stderr, ending with its 'stats: {...}' line")
    v.add_argument("--json", nargs="+",
                   help="JSON documents, one a line, as --output json prints them or the kafka "
                        "sink writes them: together they must hold every record exactly once")
    v.add_argument("--per-instance", action="store_true",
                   help="the --json files are the instances' outputs, in --stats order")
    v.add_argument("--sink", help="each instance's sink of this name delivered all it decoded")
    sub.add_parser("format")
    args = parser.parse_args()
    if args.command == "send":
        send(args)
    elif args.command == "verify":
        if args.per_instance and len(args.json or []) != len(args.stats):
            sys.exit("--per-instance needs one --json file per --stats file")
        verify(args)
    else:
        print(FORMAT)


if __name__ == "__main__":
    main()
