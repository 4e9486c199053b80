"""Runs CPython's own test.test_struct against udpkit's Struct, through udpkit_struct.py.

Usage: run_test_struct.py TEST_ID... (the tests not to run: not applicable to a struct
implementation outside CPython; CpythonStructSuiteTest says why for each).

The Java test (CpythonStructSuiteTest) starts this script and answers its calls: requests go out
on the original stdout, answers come in on stdin. Everything the tests print goes to stderr. The
last request is {"op": "done", "results": {test id: "pass" | "fail: ..." | "skip: ..."}}.
"""

import importlib
import os
import sys
import unittest

# Modules test_struct imports, loaded first with the real struct so that only test_struct
# itself sees udpkit's.
import array  # noqa: F401
import gc  # noqa: F401
import random  # noqa: F401
import weakref  # noqa: F401
import binascii  # noqa: F401
from test import support  # noqa: F401
from test.support import import_helper, script_helper  # noqa: F401

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import udpkit_struct  # noqa: E402

requests = os.fdopen(os.dup(1), "w", encoding="utf-8")
responses = os.fdopen(os.dup(0), "r", encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr
udpkit_struct.connect(requests, responses)


class Outcomes(unittest.TestResult):
    """Keeps one outcome per test id; a failing subtest fails its test."""

    def __init__(self):
        super().__init__()
        self.outcomes = {}

    def addSuccess(self, test):
        self.outcomes.setdefault(test.id(), "pass")

    def addFailure(self, test, err):
        self.outcomes[test.id()] = "fail: " + self._exc_info_to_string(err, test)

    def addError(self, test, err):
        self.outcomes[test.id()] = "fail: " + self._exc_info_to_string(err, test)

    def addSkip(self, test, reason):
        self.outcomes[test.id()] = "skip: " + reason

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self.outcomes[test.id()] = "fail: " + self._exc_info_to_string(err, test)


def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item


def main(excluded):
    real_struct = sys.modules["struct"]
    sys.modules["struct"] = udpkit_struct
    try:
        sys.modules.pop("test.test_struct", None)
        module = importlib.import_module("test.test_struct")
    finally:
        sys.modules["struct"] = real_struct
    if module.struct is not udpkit_struct:
        raise SystemExit("test.test_struct did not pick up the udpkit shim")
    tests = list(flatten(unittest.defaultTestLoader.loadTestsFromModule(module)))
    result = Outcomes()
    ran = [t for t in tests if t.id().split(".")[-1] not in excluded]
    for test in ran:
        test(result)
    for test in tests:
        if test not in ran:
            result.outcomes[test.id()] = "excluded"
    requests.write(__import__("json").dumps({"op": "done", "results": result.outcomes}) + "\n")
    requests.flush()


if __name__ == "__main__":
    main(set(sys.argv[1:]))
