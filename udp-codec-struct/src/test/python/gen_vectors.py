#!/usr/bin/env python3
"""Generate CPython struct conformance vectors for udpkit's Java struct codec.

Usage: python3 gen_vectors.py OUTPUT.json

Standard library only and deterministic (fixed seed): running it twice with the same CPython
gives the same file. Every case records what this CPython's struct module did: the packed
bytes, the unpacked values, or the exact error text. Values are exact: integers as decimal
strings, floats as the hex of their IEEE 754 binary64 bits, bytes as hex.
"""
import json
import math
import random
import struct
import sys

SEED = 20261125
ORDERS = "@=<>!"
INT_CODES = "bBhHiIlLqQnNP"
NATIVE_ONLY = "nNP"


def enc(value):
    """Encodes one Python value exactly."""
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": struct.pack(">d", value).hex()}
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, str):
        return {"str": value}
    if value is None:
        return {"none": True}
    raise TypeError(repr(value))


def f64(hexbits):
    return struct.unpack(">d", bytes.fromhex(hexbits))[0]


class Vectors:
    def __init__(self):
        self.cases = []
        self.seen = set()

    def add(self, case, attempt):
        key = json.dumps(case, sort_keys=True)
        if key in self.seen:
            return
        self.seen.add(key)
        try:
            case.update(attempt())
        except Exception as e:  # the error is the vector
            case["error"] = str(e)
            case["etype"] = type(e).__name__
        self.cases.append(case)

    def calcsize(self, fmt):
        self.add({"op": "calcsize", "fmt": fmt}, lambda: {"size": struct.calcsize(fmt)})

    def pack(self, fmt, *args):
        self.add({"op": "pack", "fmt": fmt, "args": [enc(a) for a in args]},
                 lambda: {"hex": struct.pack(fmt, *args).hex()})

    def unpack(self, fmt, data):
        self.add({"op": "unpack", "fmt": fmt, "hex": bytes(data).hex()},
                 lambda: {"values": [enc(v) for v in struct.unpack(fmt, bytes(data))]})

    def roundtrip(self, fmt, *args):
        """Packs, and when that works also unpacks the result."""
        self.pack(fmt, *args)
        try:
            data = struct.pack(fmt, *args)
        except Exception:
            return
        self.unpack(fmt, data)

    def pack_into(self, fmt, bufsize, offset, *args):
        def attempt():
            buf = bytearray(b"\xaa" * bufsize)
            struct.pack_into(fmt, buf, offset, *args)
            return {"hex": buf.hex()}
        self.add({"op": "pack_into", "fmt": fmt, "bufsize": bufsize, "offset": offset,
                  "args": [enc(a) for a in args]}, attempt)

    def unpack_from(self, fmt, data, offset):
        self.add({"op": "unpack_from", "fmt": fmt, "hex": bytes(data).hex(), "offset": offset},
                 lambda: {"values": [enc(v) for v in struct.unpack_from(fmt, bytes(data), offset)]})

    def iter_unpack(self, fmt, data):
        self.add({"op": "iter_unpack", "fmt": fmt, "hex": bytes(data).hex()},
                 lambda: {"records": [[enc(v) for v in rec]
                                      for rec in struct.iter_unpack(fmt, bytes(data))]})


def int_range(order, code):
    size = struct.calcsize(order + code)
    if code.isupper() or code == "P":
        return 0, 2 ** (8 * size) - 1
    return -2 ** (8 * size - 1), 2 ** (8 * size - 1) - 1


def gen_integers(v, rnd):
    specials = [0, 1, -1, 2 ** 63 - 1, 2 ** 63, -2 ** 63, -2 ** 63 - 1, 2 ** 64 - 1, 2 ** 64,
                -2 ** 64, 2 ** 70, -2 ** 70, 2 ** 200]
    for order in ORDERS:
        for code in INT_CODES:
            fmt = order + code
            if code in NATIVE_ONLY and order != "@":
                v.calcsize(fmt)
                v.pack(fmt, 1)
                continue
            lo, hi = int_range(order, code)
            size = struct.calcsize(fmt)
            for value in [lo, lo + 1, lo - 1, hi, hi - 1, hi + 1] + specials:
                v.roundtrip(fmt, value)
            for _ in range(24):
                v.roundtrip(fmt, rnd.randint(lo, hi))
            for _ in range(8):
                v.roundtrip(fmt, rnd.randint(hi + 1, 2 ** 66))
                v.roundtrip(fmt, rnd.randint(-2 ** 66, lo - 1))
            for _ in range(12):
                v.unpack(fmt, rnd.randbytes(size))
            v.unpack(fmt, b"\xff" * size)
            v.unpack(fmt, b"\x80" + b"\x00" * (size - 1))
            v.unpack(fmt, b"\x00" * (size - 1) + b"\x80")
            v.unpack(fmt, b"\x00" * (size + 1))
            v.unpack(fmt, b"")
            for bad in (1.5, 0.0, "1", None, b"\x01", True, False):
                v.pack(fmt, bad)
            v.roundtrip("%s3%s" % (order, code), lo, 0, hi)


def half_values(rnd):
    values = [0.0, -0.0, 1.0, -1.0, 2.0 ** -14, 2.0 ** -24, -2.0 ** -24, 2.0 ** -25,
              2.0 ** -25 + 2.0 ** -35, 2.0 ** -26, 2.0 ** -14 - 2.0 ** -24,
              2.0 ** -14 - 2.0 ** -25, 2.0 ** -14 - 2.0 ** -25 + 2.0 ** -65,
              1.0 + 2.0 ** -11, 1.0 + 2.0 ** -11 + 2.0 ** -16, 1.0 + 3 * 2.0 ** -11,
              65504.0, 65505.0, 65519.0, 65519.99, 65520.0, -65520.0, 65536.0, 1e6, -1e6,
              1e300, 3.0 * 2.0 ** -26, 2.0 ** -15, 0.1, 1.0 / 3, math.pi,
              math.inf, -math.inf, math.nan, -math.nan, 5e-324, -5e-324, 1.5 * 2.0 ** -24]
    for _ in range(64):
        # Exact halves and their midpoints: ties to even, and just either side of them.
        h = rnd.randrange(0, 0x7c00)
        a = struct.unpack("<e", struct.pack("<H", h))[0]
        b = struct.unpack("<e", struct.pack("<H", h + 1))[0] if h + 1 < 0x7c00 else 65520.0
        mid = (a + b) / 2
        values += [a, -a, mid, -mid, math.nextafter(mid, 0.0), math.nextafter(mid, math.inf)]
    return values


def float_values(rnd):
    values = [0.0, -0.0, 1.0, -1.0, 0.5, 1.0 / 3, -1.0 / 3, 2.0 ** -149, 2.0 ** -150,
              2.0 ** -151, 3 * 2.0 ** -151, 2.0 ** -126, 1 - 2.0 ** -25, 1 - 2.0 ** -24,
              1 + 2.0 ** -24, 1 + 3 * 2.0 ** -24, 3.4028234663852886e38, 3.4028235677973362e38,
              3.4028235677973366e38, 3.5e38, 1e40, -1e40, 1e308, -1e308,
              math.ldexp((1 << 25) - 1, 127 - 24), math.ldexp((1 << 24) - 1, 127 - 23),
              math.inf, -math.inf, math.nan, -math.nan, 5e-324, 2.2250738585072014e-308,
              1.7976931348623157e308, 123456789.0, 16777217.0, 0.1, 1e-45, 1.4e-45]
    for bits in ("7ff0000000000001", "7ff4000000000000", "7ff8000000000001",
                 "fff0000000000001", "fff8000000000000", "7fffffffffffffff",
                 "7ff00000ffffffff", "7ff0000020000000", "7ff000001fffffff"):
        values.append(f64(bits))
    for _ in range(40):
        values.append(struct.unpack("<d", rnd.randbytes(8))[0])
        values.append(rnd.uniform(-1e6, 1e6))
        values.append(struct.unpack("<f", rnd.randbytes(4))[0])
    return values


def gen_floats(v, rnd):
    halves = half_values(rnd)
    floats = float_values(rnd)
    for order in ORDERS:
        for value in halves:
            v.roundtrip(order + "e", value)
        for value in floats[:60]:
            v.roundtrip(order + "e", value)
        for value in floats:
            v.roundtrip(order + "f", value)
            v.roundtrip(order + "d", value)
        for code, size in (("e", 2), ("f", 4), ("d", 8)):
            for _ in range(24):
                v.unpack(order + code, rnd.randbytes(size))
            nan_patterns = {"e": ["7c01", "7e00", "7fff", "fc01", "fe00", "7d55"],
                            "f": ["7f800001", "7fc00000", "7fffffff", "ff800001", "ffc00000",
                                  "7fa00000", "7f800000", "ff800000"],
                            "d": ["7ff0000000000001", "7ff8000000000000", "fff8000000000000",
                                  "7fffffffffffffff", "7ff4000000000000", "7ff0000000000000"]}
            for pattern in nan_patterns[code]:
                data = bytes.fromhex(pattern)
                if order in "@=<":
                    data = data[::-1]
                v.unpack(order + code, data)
            for bad in ("x", None, b"1", 10 ** 400, -10 ** 400):
                v.pack(order + code, bad)
            for good in (True, False, 7, -(2 ** 53) - 1, 2 ** 64 + 1, 2 ** 1000, 10 ** 308):
                v.roundtrip(order + code, good)


def gen_bool_char_bytes(v, rnd):
    for order in ORDERS:
        for value in (0, 1, -1, 2, 255, 256, 2 ** 70, 0.0, -0.0, 0.5, math.nan, math.inf, True,
                      False):
            v.roundtrip(order + "?", value)
        for byte in range(256):
            v.unpack(order + "?", bytes([byte]))
        v.roundtrip(order + "4?", True, 0, 3, False)
        for value in (b"a", b"\x00", b"\xff", b"", b"ab", 1, None, "a"):
            v.roundtrip(order + "c", value)
        v.roundtrip(order + "3c", b"x", b"y", b"z")
        for byte in rnd.sample(range(256), 16):
            v.unpack(order + "c", bytes([byte]))
    lengths = (0, 1, 2, 3, 5, 10, 254, 255, 256, 257, 300, 1000)
    for code in "sp":
        for count in (0, 1, 2, 3, 5, 10, 255, 256, 257, 300, 1000):
            fmt = "%d%s" % (count, code)
            for length in lengths + (count - 1, count, count + 1):
                if length < 0:
                    continue
                value = bytes(rnd.randrange(256) for _ in range(length))
                v.roundtrip(fmt, value)
            v.roundtrip("<" + fmt, b"")
            for bad in (1, None, "abc", 1.5):
                v.pack(fmt, bad)
            if count > 0:
                for first in (0, 1, count - 1, count, count + 1, 255):
                    data = bytes([first % 256]) + rnd.randbytes(count - 1)
                    if code == "p" or first == 0:
                        v.unpack(fmt, data)
            else:
                v.unpack(fmt, b"")
        v.roundtrip("%s" % code, b"abc")
    for fmt, args in (("0p", [b"abc"]), ("0pB", [b"abc", 7]), ("B0p", [7, b"abc"]),
                      ("0px", [b""]), ("0p0px", [b"", b""]), ("x0pB", [b"", 3]),
                      ("0sB0s", [b"zz", 9, b"y"]), ("2s0p3s", [b"ab", b"", b"cde"]),
                      ("1p", [b"abc"]), ("2p", [b"abc"]), ("1000p", [b"q" * 300]),
                      ("1000p", [b"q" * 1000]), ("1000p", [b"q" * 254]), ("256p", [b"r" * 300]),
                      ("257p", [b"r" * 256]), ("300p", [b"s" * 300]), ("300p", [b"s" * 255])):
        v.roundtrip(fmt, *args)
    v.unpack("0p", b"")
    v.unpack("0pB", b"\x05")
    v.unpack("1000p", bytes([200]) + b"t" * 999)
    v.unpack("1000p", bytes([255]) + b"t" * 999)


CALCSIZE_FORMATS = [
    "", "<", ">", "!", "=", "@", "x", " x ", "x\n", "<\tx", " <x", "x<", "<<", "3", "3 x",
    "3x", "00", "0", "09x", "c12345", "14s42", "12345", "y", "xy", "b y", "hhhZ", "\x00",
    "<n", "<N", "<P", "=n", ">P", "!N", "@n", "@N", "@P", "bq", "@bq", "=bq", "@qb", "@ci",
    "@ic", "@?d", "@d?", "@q0x", "@b0q", "@llh", "@llh0l", "@xq", "@3sI", "@hq5sd", "@b0h",
    "@bhiqnNPefd", "<bhiqefd", "@e", "@be", "@bf", "@b?", "@bP", "@bn", "@c0d", "@0d",
    "@s0q", "@5s0i", "ii", "i i", " i", "i ", "\ti\ri\x0bi\x0c", "2 h", "2h 3 i", "2\th",
    "10000000000000000000000x", "9223372036854775807x", "9223372036854775808x",
    "9223372036854775806x", "4611686018427387904h", "4611686018427387903h",
    "9223372036854775807xb", "2147483647x", "2147483639x", "2147483640x", "2000000000x",
    "3000000000x", "1073741820i", "1073741824i", "268435455q", "268435456q",
    "%db%dH" % (sys.maxsize, sys.maxsize), "3000000000y", "a", "Z", "#", "-1x", "+1x",
    "1.5x", "x 0", "bhilqBHILQ", ">bhilqBHILQ", "@bhilqBHILQ", "=?c", "!!x", "<>",
    "1x1x1x1x", "0s0p0x", "255p", "1000p", "65507s", "65507x", "@ 3 s",
]


def gen_calcsize(v):
    for fmt in CALCSIZE_FORMATS:
        v.calcsize(fmt)


def gen_offsets(v, rnd):
    for fmt, args in (("b", [1]), (">h", [2]), ("<i", [-3]), ("!q", [4]), ("", []),
                      ("2s", [b"zz"]), (">hxb", [7, 8])):
        size = struct.calcsize(fmt)
        for bufsize in (0, 1, 3, 8, 16):
            for offset in (-20, -17, -16, -9, -8, -5, -4, -3, -2, -1, 0, 1, 2, 3, 5, 8, 9, 15,
                           16, 17, 20):
                v.pack_into(fmt, bufsize, offset, *args)
                v.unpack_from(fmt, rnd.randbytes(bufsize), offset)
        v.pack_into(fmt, 16, 0, *(args + [1]))
        if args:
            v.pack_into(fmt, 16, 0, *args[:-1])
        v.pack(fmt, *(args + [1]))
    # test_struct: test_boundary_error_message
    v.pack_into("b", 1, 5, 1)
    v.unpack_from("b", b"\x00", 5)
    v.pack_into("<I", 4, 0, 2 ** 32)
    v.pack_into("<HI", 8, 1, 1, -1)
    v.pack_into(">h3s", 10, 2, 258, b"abcdef")
    v.pack_into(">xhx", 4, 0, 1)


def gen_iter(v, rnd):
    for fmt in ("b", ">h", "<i", "!q", "", "0s", "x", "3s", ">hb", "@bq"):
        size = struct.calcsize(fmt)
        for length in (0, 1, 2, 3, 4, 7, 8, 9, 16, 27, 32):
            v.iter_unpack(fmt, rnd.randbytes(length))
        if size:
            v.iter_unpack(fmt, rnd.randbytes(size * 5))


def random_value(rnd, order, code, count):
    if code in "sp":
        return bytes(rnd.randrange(256) for _ in range(rnd.choice((0, count, count + 2, 1))))
    if code == "c":
        return bytes([rnd.randrange(256)])
    if code == "?":
        return rnd.choice((True, False, 0, 5))
    if code == "e":
        return rnd.uniform(-60000.0, 60000.0)
    if code == "f":
        return rnd.uniform(-1e30, 1e30)
    if code == "d":
        return struct.unpack("<d", rnd.randbytes(8))[0]
    lo, hi = int_range(order, code)
    return rnd.choice((lo, hi, rnd.randint(lo, hi), rnd.randint(lo, hi)))


def gen_random_formats(v, rnd):
    for _ in range(300):
        order = rnd.choice(("", "@", "=", "<", ">", "!"))
        codes = "xcbB?hHiIlLqQefdsp" + ("nNP" if order in ("", "@") else "")
        fmt = order
        args = []
        for item in range(rnd.randint(1, 6)):
            code = rnd.choice(codes)
            count = rnd.choice((None, 0, 1, 2, 3, 5))
            if item and rnd.random() < 0.4:
                fmt += rnd.choice((" ", "  ", "\t", "\n"))
            fmt += ("" if count is None else str(count)) + code
            n = 1 if count is None else count
            if code in "sp":
                args.append(random_value(rnd, order or "@", code, n))
            elif code != "x":
                args.extend(random_value(rnd, order or "@", code, n) for _ in range(n))
        v.calcsize(fmt)
        v.roundtrip(fmt, *args)
        size = struct.calcsize(fmt)
        v.unpack(fmt, rnd.randbytes(size))
        if args:
            v.pack(fmt, *args[:-1])


def gen_docs_and_test_struct(v):
    # Examples of the struct documentation.
    v.roundtrip(">bhl", 1, 2, 3)
    v.calcsize(">bhl")
    v.pack(">h", 99999)
    v.pack(">h", -99999)
    v.roundtrip("<10sHHb", b"raymond   ", 4658, 264, 8)
    v.unpack("<10sHHb", b"raymond   \x32\x12\x08\x01\x08")
    v.roundtrip("@ci", b"#", 0x12131415)
    v.roundtrip("@ic", 0x12131415, b"#")
    v.roundtrip("@llh0l", 1, 2, 3)
    v.calcsize("@llh")
    v.roundtrip("<qh6xq", 1, 2, 3)
    v.roundtrip("@lhl", 1, 2, 3)
    v.roundtrip(">i", -1)
    v.roundtrip("<hhl", 1, 2, 3)
    v.roundtrip("5s", b"abc")
    v.roundtrip("5p", b"abc")
    v.roundtrip(">e", 1.5)
    v.roundtrip("<f", 1.0 / 3)
    v.roundtrip("!I 2s Q 2h f", 1, b"ab", 2, 3, 3, 2.5)
    v.unpack("!I 2s Q 2h f", b"\x00\x00\x00\x01")
    v.pack("!I 2s Q 2h f", 1, b"ab", 2, 3, 3)
    # Cases in the spirit of CPython's Lib/test/test_struct.py.
    for fmt, arg in (("c", b"a"), ("xc", b"a"), ("cx", b"a"), ("s", b"a"), ("0s", b"helloworld"),
                     ("1s", b"helloworld"), ("9s", b"helloworld"), ("10s", b"helloworld"),
                     ("11s", b"helloworld"), ("20s", b"helloworld"), ("b", 7), ("b", -7),
                     ("B", 7), ("B", 249), ("h", 700), ("h", -700), ("H", 700),
                     ("H", 0x10000 - 700), ("i", 70000000), ("i", -70000000),
                     ("I", 70000000), ("I", 0x100000000 - 70000000), ("l", 70000000),
                     ("l", -70000000), ("L", 70000000), ("L", 0x100000000 - 70000000),
                     ("f", 2.0), ("d", 2.0), ("f", -2.0), ("d", -2.0), ("?", 0), ("?", 3),
                     ("?", True), ("?", False)):
        for order in ("", "<", ">", "=", "!", "@"):
            v.roundtrip(order + fmt, arg)
    v.pack("ii", 1)
    v.pack("ii", 1, 2, 3)
    v.pack("x", 1)
    v.pack("x")
    v.pack("")
    v.pack("", 1)
    v.unpack("", b"")
    v.unpack("", b"\x00")
    v.unpack("ii", b"\x00" * 7)
    v.unpack("ii", b"\x00" * 9)
    v.roundtrip("b" * 26, *range(26))
    v.roundtrip("?" * 5 + "b", True, 0, 1, 2, -1, 7)
    v.roundtrip("<iiiiiiiiiiiiiiiiiiii", *range(20))
    v.roundtrip(">" + "Q" * 4, 0, 1, 2 ** 63, 2 ** 64 - 1)


def gen_test_struct_tables(v):
    """Tables modelled on CPython's Lib/test/test_struct.py (cases, not code)."""
    # Every power-of-two boundary, negated and +-1, for the standard integer sizes.
    for signed, unsigned, size in (("b", "B", 1), ("h", "H", 2), ("i", "I", 4), ("l", "L", 4),
                                   ("q", "Q", 8)):
        for exp in range(8 * size + 3):
            for base in (-(1 << exp), 1 << exp):
                for incr in (-1, 0, 1):
                    for order in "<>":
                        v.pack(order + signed, base + incr)
                        v.pack(order + unsigned, base + incr)
        for order in "<>":
            v.unpack(order + signed, b"\x01" * (size + 1))
    # SF bug 705836: a carry out of discarded bits must not reach the exponent.
    for base in range(1, 33):
        delta = 0.5
        while base - delta / 2.0 != base:
            delta /= 2.0
        v.roundtrip("<f", base - delta)
        v.roundtrip(">f", base - delta)
    v.roundtrip(">f", math.ldexp((1 << 24) - 1, 127 - 23))
    v.pack(">f", math.ldexp((1 << 25) - 1, 127 - 24))
    for fmt, arg in (("p", b"abc"), ("1p", b"abc"), ("2p", b"abc"), ("3p", b"abc"),
                     ("4p", b"abc"), ("5p", b"abc"), ("6p", b"abc"), ("1000p", b"x" * 1000)):
        v.roundtrip(fmt, arg)
    data = b"abcd01234"
    for offset in range(-10, 11):
        v.unpack_from("4s", data, offset)
    text = b"Reykjavik rocks, eow!"
    for bufsize, offset in ((100, 0), (100, 10), (10, 0), (10, 2), (21, 0), (22, 1), (21, -21)):
        v.pack_into("21s", bufsize, offset, text)
    for prefix in ("<", ">", "!", "=", ""):
        v.roundtrip(prefix + "?" * 2, 0, 0.0)
        v.roundtrip(prefix + "?" * 4, 5, -1, 0xffffffff + 1, 0xffffffff / 2)
        for byte in (0x01, 0x7f, 0xff, 0x0f, 0xf0):
            v.unpack(prefix + "?", bytes([byte]))
    v.unpack(">I", b"\x12\x34\x56\x78")
    v.roundtrip("cbxxxxxxhhhhiillffd?", b"a", 1, 2, 3, 4, 5, 6, 7, 8, 9, 1.5, 2.5, 3.5, True)
    v.calcsize("3c3b18x12h6i6l6f3d3?")
    v.pack("P", "foo")
    v.pack("d", "flap")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_vectors.py OUTPUT.json")
    rnd = random.Random(SEED)
    v = Vectors()
    gen_calcsize(v)
    gen_docs_and_test_struct(v)
    gen_test_struct_tables(v)
    gen_integers(v, rnd)
    gen_floats(v, rnd)
    gen_bool_char_bytes(v, rnd)
    gen_offsets(v, rnd)
    gen_iter(v, rnd)
    gen_random_formats(v, rnd)
    with open(sys.argv[1], "w", encoding="ascii", newline="\n") as out:
        out.write('{"python": "%d.%d", "seed": %d, "count": %d, "cases": [\n'
                  % (sys.version_info[0], sys.version_info[1], SEED, len(v.cases)))
        out.write(",\n".join(json.dumps(c, sort_keys=True, ensure_ascii=True) for c in v.cases))
        out.write("\n]}\n")


if __name__ == "__main__":
    main()
