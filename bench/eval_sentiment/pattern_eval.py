#!/usr/bin/python3
"""Reads texts on standard input, one per line, and writes Pattern's polarity for each.

Used by eval_sentiment to run the reference tool a user would otherwise pick for Dutch:
pattern.nl.sentiment from the Debian package python3-pattern, exactly as published.
"""

import sys

from pattern.nl import sentiment


def main():
    out = []
    for raw in sys.stdin.buffer:
        text = raw.decode("utf-8", "replace").rstrip("\r\n")
        out.append("%r\n" % float(sentiment(text)[0]))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
