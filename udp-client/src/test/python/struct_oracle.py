"""CPython's struct, for checking udp-client pack and unpack.

Each input line is 'pack<TAB>FMT<TAB>JSON' or 'unpack<TAB>FMT<TAB>HEX'. For pack, JSON is an array
whose strings are bytes in latin-1; the output line is the packed bytes as hex. For unpack, the
output is json.dumps of the values with bytes as latin-1 strings, compact separators. A call
that raises prints the last line of its traceback instead: 'struct.error: MESSAGE' or
'OverflowError: MESSAGE'.
"""
import json
import struct
import sys


def answer(op, fmt, arg):
    if op == "pack":
        values = [v.encode("latin-1") if isinstance(v, str) else v for v in json.loads(arg)]
        return struct.pack(fmt, *values).hex()
    values = [v.decode("latin-1") if isinstance(v, bytes) else v
              for v in struct.unpack(fmt, bytes.fromhex(arg))]
    return json.dumps(values, separators=(",", ":"))


for line in sys.stdin:
    op, fmt, arg = line.rstrip("\n").split("\t")
    try:
        print(answer(op, fmt, arg))
    except Exception as e:
        name = "struct.error" if isinstance(e, struct.error) else type(e).__name__
        print("%s: %s" % (name, e))
