#!/usr/bin/python3
"""Reads a JUnit XML file with junitparser (Debian's python3-junitparser), as CI test reporters
do, prints a line per suite and fails (exit 1) when the file does not parse, holds no test, holds
a failure or an error, or holds fewer tests than --at-least."""

import argparse
import sys

import junitparser


def main():
    p = argparse.ArgumentParser()
    p.add_argument("junit")
    p.add_argument("--at-least", type=int, default=1)
    args = p.parse_args()
    xml = junitparser.JUnitXml.fromfile(args.junit)
    tests = failed = 0
    for suite in xml:
        cases = list(suite)
        bad = [c.name for c in cases if not c.is_passed]
        tests += len(cases)
        failed += len(bad)
        print("junit: %-20s %3d tests, %d failed %s" % (suite.name, len(cases), len(bad),
                                                          " ".join(bad)))
    print("junit: %s: %d tests, %d failed" % (args.junit, tests, failed))
    return 0 if tests >= args.at_least and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
