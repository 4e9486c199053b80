"""Prints CPython's repr and json.dumps of doubles, one per input line.

Each input line is 16 hex digits: the double's big-endian IEEE-754 bits. Each output line is
repr(x) TAB json.dumps(x) (bare NaN and Infinity, as the json module writes them).
"""
import json
import struct
import sys

out = []
for line in sys.stdin:
    x = struct.unpack(">d", bytes.fromhex(line.strip()))[0]
    out.append(repr(x) + "\t" + json.dumps(x))
sys.stdout.write("\n".join(out) + "\n")
