"""A stand-in for Python's ``struct`` module whose every call is executed by udpkit's Java Struct.

run_test_struct.py installs this module as ``struct`` while CPython's own test.test_struct is
imported, so that suite runs unchanged against udpkit. Calls travel as one JSON line each over
two pipes to the Java test (StructShimServer), which answers with one JSON line.

This module is only the binding layer, doing what CPython's C code does before its struct code
runs: it reads buffers through the buffer protocol, turns objects with __index__ or __float__
into numbers and any object into its truth value for '?', and converts offsets to a 64-bit
integer. Sizes, range checks, rounding, byte layouts, error messages and the exception class
(StructException.Kind) all come from udpkit.
"""

import array
import json
import operator
import sys

_INTEGER_CODES = set("bBhHiIlLqQnNP")
_FLOAT_CODES = set("efd")
_BYTES_CODES = set("csp")
_LONG_MIN = -(1 << 63)
_LONG_MAX = (1 << 63) - 1

_channel = None


def connect(requests, responses):
    """Sends calls as lines on ``requests`` and reads answers from ``responses``."""
    global _channel
    _channel = (requests, responses)


class error(Exception):
    """struct.error, raised for every StructException of kind ERROR."""


def _call(request):
    requests, responses = _channel
    requests.write(json.dumps(request) + "\n")
    requests.flush()
    line = responses.readline()
    if not line:
        raise RuntimeError("the Java side closed the pipe")
    answer = json.loads(line)
    if "error" in answer:
        kind, message = answer["error"], answer["message"]
        if kind == "struct.error":
            raise error(message)
        if kind == "OverflowError":
            raise OverflowError(message)
        if kind == "TypeError":
            raise TypeError(message)
        raise RuntimeError("Java failed: " + kind + ": " + message)
    return answer["ok"]


def _double_bits(value):
    return "%016x" % int.from_bytes(array.array("d", [value]).tobytes(), sys.byteorder)


def _from_double_bits(text):
    return array.array("d", int(text, 16).to_bytes(8, sys.byteorder))[0]


def _encode_plain(value):
    if isinstance(value, bool):
        return {"t": value}
    if isinstance(value, int):
        return {"i": str(value)}
    if isinstance(value, float):
        return {"d": _double_bits(value)}
    if isinstance(value, (bytes, bytearray)):
        return {"b": bytes(value).hex()}
    return {"o": type(value).__name__}


def _encode(value, code):
    """Converts one argument as CPython's C code does before packing it with ``code``."""
    if isinstance(value, (bool, int, float, bytes, bytearray)) or code is None:
        return _encode_plain(value)
    if code in _INTEGER_CODES:
        if hasattr(type(value), "__index__"):
            return {"i": str(operator.index(value))}
    elif code == "?":
        return {"t": bool(value)}
    elif code in _FLOAT_CODES:
        if hasattr(type(value), "__float__"):
            return {"d": _double_bits(float(value))}
        if hasattr(type(value), "__index__"):
            return {"i": str(operator.index(value))}
    return _encode_plain(value)


def _decode(value):
    if "i" in value:
        return int(value["i"])
    if "t" in value:
        return value["t"]
    if "d" in value:
        return _from_double_bits(value["d"])
    return bytes.fromhex(value["b"])


def _format_text(format):
    if isinstance(format, str):
        return format
    if isinstance(format, bytes):
        return format.decode("latin-1")
    raise TypeError("Struct() argument 1 must be a str or bytes object, not "
                    + type(format).__name__)


def _buffer(data):
    try:
        return memoryview(data)
    except TypeError:
        raise TypeError("a bytes-like object is required, not '%s'"
                        % type(data).__name__) from None


def _offset(offset):
    offset = operator.index(offset)
    if not _LONG_MIN <= offset <= _LONG_MAX:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return str(offset)


def _arguments(codes, values):
    return [_encode(v, codes[k] if k < len(codes) else None) for k, v in enumerate(values)]


def _values(answer):
    return tuple(_decode(v) for v in answer)


class Struct:
    """struct.Struct, compiled and run by udpkit."""

    def __init__(self, format):
        text = _format_text(format)
        compiled = _call({"op": "compile", "fmt": text})
        self._fmt = text
        self._codes = compiled["codes"]
        self._size = compiled["size"]
        self._format = compiled["format"]

    @property
    def format(self):
        return self._format

    @property
    def size(self):
        return self._size

    def pack(self, *values):
        answer = _call({"op": "pack", "fmt": self._fmt,
                        "args": _arguments(self._codes, values)})
        return bytes.fromhex(answer)

    def pack_into(self, buffer, offset, *values):
        view = _buffer(buffer)
        request = {"op": "pack_into", "fmt": self._fmt, "buf": view.tobytes().hex(),
                   "readonly": view.readonly, "offset": _offset(offset),
                   "args": _arguments(self._codes, values)}
        packed = bytes.fromhex(_call(request))
        view.cast("B")[:] = packed

    def unpack(self, buffer):
        data = _buffer(buffer).tobytes().hex()
        return _values(_call({"op": "unpack", "fmt": self._fmt, "data": data}))

    def unpack_from(self, buffer, offset=0):
        data = _buffer(buffer).tobytes().hex()
        return _values(_call({"op": "unpack_from", "fmt": self._fmt, "data": data,
                              "offset": _offset(offset)}))

    def iter_unpack(self, buffer):
        data = _buffer(buffer).tobytes().hex()
        handle = _call({"op": "iter_unpack", "fmt": self._fmt, "data": data})
        return _UnpackIterator(_UnpackIterator._TOKEN, handle)

    def __repr__(self):
        return "Struct(%r)" % self._format


class _UnpackIterator:
    """The iterator of iter_unpack; records and the length hint come from udpkit's iterator."""

    _TOKEN = object()

    def __init__(self, token, handle):
        if token is not _UnpackIterator._TOKEN:
            raise TypeError("cannot create 'unpack_iterator' instances")
        self._handle = handle

    def __iter__(self):
        return self

    def __next__(self):
        answer = _call({"op": "iter_next", "id": self._handle})
        if answer is None:
            raise StopIteration
        return _values(answer)

    def __length_hint__(self):
        return _call({"op": "iter_remaining", "id": self._handle})


_cache = {}


def _compiled(format):
    text = _format_text(format)
    struct = _cache.get(text)
    if struct is None:
        struct = Struct(text)
        _cache[text] = struct
    return struct


def pack(format, *values):
    struct = _compiled(format)
    answer = _call({"op": "pack", "fmt": struct._fmt, "module": True,
                    "args": _arguments(struct._codes, values)})
    return bytes.fromhex(answer)


def unpack(format, buffer):
    struct = _compiled(format)
    data = _buffer(buffer).tobytes().hex()
    return _values(_call({"op": "unpack", "fmt": struct._fmt, "module": True, "data": data}))


def calcsize(format):
    return _call({"op": "calcsize", "fmt": _format_text(format)})


def pack_into(format, buffer, offset, *values):
    _compiled(format).pack_into(buffer, offset, *values)


def unpack_from(format, /, buffer, offset=0):
    return _compiled(format).unpack_from(buffer, offset)


def iter_unpack(format, buffer):
    return _compiled(format).iter_unpack(buffer)
