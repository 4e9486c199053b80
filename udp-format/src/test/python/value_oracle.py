"""Prints CPython's repr and json.dumps for tagged values, one input line at a time.

Each input line is a tuple of space-separated items, each TAG:HEX --
  d: a float from 8 big-endian IEEE-754 bytes     f: a float32 (4 bytes) widened to float
  i: an int, HEX is its decimal digits as ASCII   b: bytes          s: a str as UTF-8
  t/F: True/False (HEX empty)
Each output line is repr(tuple) TAB json.dumps(list, separators=(',', ':')), where bytes appear in
JSON as a str with one character per byte (latin-1), as udpkit writes them.
"""
import json
import struct
import sys


def parse(item):
    tag, _, data = item.partition(":")
    raw = bytes.fromhex(data)
    if tag == "d":
        return struct.unpack(">d", raw)[0]
    if tag == "f":
        return struct.unpack(">f", raw)[0]
    if tag == "i":
        return int(raw.decode("ascii"))
    if tag == "b":
        return raw
    if tag == "s":
        return raw.decode("utf-8")
    if tag == "t":
        return True
    if tag == "F":
        return False
    raise ValueError("unknown tag " + tag)


def as_json(value):
    return value.decode("latin-1") if isinstance(value, bytes) else value


for line in sys.stdin:
    values = tuple(parse(item) for item in line.split())
    print(repr(values) + "\t" + json.dumps([as_json(v) for v in values], separators=(",", ":")))
