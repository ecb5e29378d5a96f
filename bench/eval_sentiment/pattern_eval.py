#!/usr/bin/python3
"""Reads texts on standard input, one per line, and writes Pattern's polarity for each.

Used by eval_sentiment to run the reference tool a user would otherwise pick for Dutch:
pattern.nl.sentiment from the Debian package python3-pattern, exactly as published.

    pattern_eval.py [--time]

With --time a last line "#seconds S" gives the time of the scoring loop alone: after the input
is read and a warm-up pass over the first 1,000 texts (which loads Pattern's lexicon on first
use), and before the output is written.
"""

import sys
import time

from pattern.nl import sentiment


def main():
    timing = "--time" in sys.argv[1:]
    texts = [raw.decode("utf-8", "replace").rstrip("\r\n") for raw in sys.stdin.buffer]
    if timing:
        for text in texts[:1000]:
            sentiment(text)
    start = time.perf_counter()
    scores = [float(sentiment(text)[0]) for text in texts]
    seconds = time.perf_counter() - start
    out = ["%r\n" % score for score in scores]
    if timing:
        out.append("#seconds %r\n" % seconds)
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
