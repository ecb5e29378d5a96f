#pragma once
// The corpus of tests/corpus (its README.md) as labelled sentiment sets: every case's post and
// its `expect sentiment:`, split by expected language (nl, en) and into a development half and
// a test half. Needs the corpus parser, library webcare_corpus; without it LoadCorpusSets says
// so and returns nothing.

#include <string>
#include <vector>

#include "bench/eval_sentiment/datasets.h"

namespace webcare::bench::eval_sentiment {

// Whether this build can read the corpus (webcare_corpus was built).
bool CorpusSupported();

// The halves are fixed by case order within each file, so that they never depend on what the
// analysis gets right: the 1st, 3rd, 5th ... case of a file is development, the 2nd, 4th ...
// test. Tune while reading development misses only; the test half says whether it generalised.
inline bool IsDevelopmentCase(int index_in_file) { return index_in_file % 2 == 0; }  // 0-based.

// corpus_nl_dev, corpus_nl_test, corpus_en_dev, corpus_en_test, from the *.case files and
// streams.def in `corpus_dir`. Cases of other languages ("und": emoji only) are left out and
// counted in `left_out`. On an error (no parser, no folder, a malformed file) returns nothing
// and says why in `error`.
std::vector<Dataset> LoadCorpusSets(const std::string& corpus_dir, int& left_out,
                                    std::string& error);

}  // namespace webcare::bench::eval_sentiment
