#!/usr/bin/python3
"""Converts the published sentiment lexicons and our webcare terms into one C++ source.

Run at build time by src/analysis/sentiment/CMakeLists.txt:

  convert.py --vader VADER_LEXICON --vader-package VADER_PACKAGE_JSON
             --pattern NL_SENTIMENT_XML --terms WEBCARE_TERMS_TSV --output OUT.cc

The generated file defines three sorted tables (see src/analysis/sentiment/lexicon_data.h).
Scores are written as the sources publish them, so the tables can be checked against the
sources; scaling to one scale happens in C++ (lexicon.cc), where it is documented and tested:
  - VADER: the mean human rating, -4..+4. A word listed twice keeps its last rating, which is
    what VADER itself does (its lexicon is loaded into a dictionary).
  - Pattern (nl): polarity -1..+1 and intensity, averaged over senses and parts of speech
    exactly as pattern.text.Sentiment.load() does; forms are lower-cased (Pattern lower-cases
    the text it scores) and forms that then coincide are averaged again.
  - Webcare terms: language, term, score on VADER's scale, note (the note is not embedded).
Any problem with a source is fatal, with a message naming the package that provides it.
"""

import argparse
import json
import os
import sys
import xml.etree.ElementTree as ElementTree

VADER_VERSION = "1.1.3"


def fail(message):
    sys.stderr.write("convert.py: error: %s\n" % message)
    sys.exit(1)


def read_vader(path, package_json):
    hint = ("install the npm package vader-sentiment %s with `npm ci` in tools/lexicons "
            "(scripts/install-deps.sh does this)" % VADER_VERSION)
    if not os.path.exists(path) or not os.path.exists(package_json):
        fail("%s not found; %s" % (path, hint))
    with open(package_json, encoding="utf-8") as f:
        version = json.load(f).get("version")
    if version != VADER_VERSION:
        fail("vader-sentiment is version %s, expected %s; %s" % (version, VADER_VERSION, hint))
    words = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) < 2:
                fail("%s:%d: expected word<TAB>score" % (path, number))
            try:
                words[fields[0]] = float(fields[1])
            except ValueError:
                fail("%s:%d: bad score %r" % (path, number, fields[1]))
    if len(words) < 7000:
        fail("%s has only %d words; is it the VADER lexicon?" % (path, len(words)))
    return words


def average(values):
    return sum(values) / len(values)


def read_pattern(path):
    if not os.path.exists(path):
        fail("%s not found; install the Debian package python3-pattern "
             "(scripts/install-deps.sh does this)" % path)
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        fail("%s: %s" % (path, error))
    # form -> pos -> [(polarity, subjectivity, intensity)], as in Sentiment.load().
    senses = {}
    for word in root.findall("word"):
        form = word.attrib.get("form")
        if not form:
            continue
        try:
            values = (float(word.attrib.get("polarity", 0.0)),
                      float(word.attrib.get("subjectivity", 0.0)),
                      float(word.attrib.get("intensity", 1.0)))
        except ValueError:
            fail("%s: bad number for %r" % (path, form))
        senses.setdefault(form, {}).setdefault(word.attrib.get("pos"), []).append(values)

    def columns(rows):
        return tuple(average(column) for column in zip(*rows))

    merged = {}
    for form, by_pos in senses.items():
        per_pos = [columns(rows) for rows in by_pos.values()]
        merged.setdefault(form.lower(), []).append(columns(per_pos))
    words = {form: columns(rows) for form, rows in merged.items()}
    if len(words) < 3000:
        fail("%s has only %d words; is it Pattern's nl-sentiment.xml?" % (path, len(words)))
    return words


def read_terms(path):
    if not os.path.exists(path):
        fail("%s not found" % path)
    terms = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                fail("%s:%d: expected 4 tab-separated fields (language, term, score, note), "
                     "found %d" % (path, number, len(fields)))
            language, term, score, note = fields
            if language not in ("nl", "en", "*"):
                fail("%s:%d: language must be nl, en or *, not %r" % (path, number, language))
            if not term or term != term.strip():
                fail("%s:%d: empty term or surrounding spaces" % (path, number))
            try:
                value = float(score)
            except ValueError:
                fail("%s:%d: bad score %r" % (path, number, score))
            if not -4.0 <= value <= 4.0:
                fail("%s:%d: score %s outside VADER's scale -4..+4" % (path, number, score))
            if not note.strip():
                fail("%s:%d: every term needs a note saying why" % (path, number))
            key = (language, term)
            if key in terms:
                fail("%s:%d: duplicate term %r for %s" % (path, number, term, language))
            terms[key] = value
    return terms


def literal(text):
    """A C++ string literal; every byte outside printable ASCII as a 3-digit octal escape."""
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char in "\\\"?":
            out.append("\\" + char)
        elif 0x20 <= byte < 0x7F:
            out.append(char)
        else:
            out.append("\\%03o" % byte)
    return '"' + "".join(out) + '"'


def number(value):
    text = "%.6g" % value
    if "." not in text and "e" not in text:
        text += ".0"
    return text + "f"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vader", required=True)
    parser.add_argument("--vader-package", required=True)
    parser.add_argument("--pattern", required=True)
    parser.add_argument("--terms", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    vader = read_vader(args.vader, args.vader_package)
    pattern = read_pattern(args.pattern)
    terms = read_terms(args.terms)

    # Sorted by UTF-8 bytes, which is the order of std::string_view comparison.
    def by_bytes(item):
        return item[0].encode("utf-8")

    lines = [
        "// Generated by tools/lexicons/convert.py from VADER %s (vader_lexicon.txt), Pattern's"
        % VADER_VERSION,
        "// nl-sentiment.xml and src/analysis/sentiment/webcare_terms.tsv; do not edit.",
        '#include "analysis/sentiment/lexicon_data.h"',
        "",
        "namespace webcare::analysis::sentiment::internal {",
        "namespace {",
        "",
        "constexpr LexiconEntry kVader[] = {",
    ]
    for word, score in sorted(vader.items(), key=by_bytes):
        lines.append("    {%s, %s, 1.0f}," % (literal(word), number(score)))
    lines += ["};", "", "constexpr LexiconEntry kPattern[] = {"]
    # Subjectivity is read (to average senses as Pattern does) but not embedded: weighting by
    # it made no measurable difference (bench/eval_sentiment/README.md).
    for word, (polarity, _, intensity) in sorted(pattern.items(), key=by_bytes):
        lines.append("    {%s, %s, %s}," % (literal(word), number(polarity), number(intensity)))
    lines += ["};", "", "constexpr TermEntry kTerms[] = {"]
    for (language, term), score in sorted(terms.items(),
                                          key=lambda i: (i[0][0], i[0][1].encode("utf-8"))):
        lines.append("    {%s, %s, %s}," % (literal(language), literal(term), number(score)))
    lines += [
        "};",
        "",
        "}  // namespace",
        "",
        "std::span<const LexiconEntry> VaderLexicon() { return kVader; }",
        "std::span<const LexiconEntry> PatternLexicon() { return kPattern; }",
        "std::span<const TermEntry> WebcareTerms() { return kTerms; }",
        "",
        "}  // namespace webcare::analysis::sentiment::internal",
        "",
    ]
    temporary = args.output + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.replace(temporary, args.output)


if __name__ == "__main__":
    main()
