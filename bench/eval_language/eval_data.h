#pragma once
// The labelled texts bench/eval_language runs on: the lingua-py test sets (single words and word
// pairs per language), real tweets in Dutch and English and short posts cut from them, and the
// demo world's phrase templates. Each sample is marked development or held-out, alternating by
// line, so that settings tuned on the development half can be judged on the other half.

#include <optional>
#include <string>
#include <vector>

namespace webcare::bench::eval_language {

struct Sample {
  std::string text;
  bool dev = false;  // In the development half (even lines), which tuning may look at.
};

struct EvalSet {
  std::string source;  // "lingua", "tweets", "demo".
  std::string kind;    // "word", "pair", "tweet", "tweet-1w", "tweet-2w", "tweet-3w", "demo".
  std::string lang;    // ISO 639-1 of every sample.
  std::vector<Sample> samples;
  std::optional<double> published_cld2;  // Accuracy 0..1 in lingua-py's CLD2 report.
};

// The `shared/data` folder: `--data DIR` if given (either `shared/data` itself or its
// `langid/lingua_testdata`), otherwise the first `shared/data` found walking up from the
// current folder. Empty when there is none.
std::string FindDataRoot(const std::string& flag_value);

// The lingua-py sets under `root`/langid/lingua_testdata (empty when absent).
std::vector<EvalSet> LoadLingua(const std::string& root);

// Dutch MPs' tweets (sentiment_nl/dutch_mp_tweets) and English SemEval tweets
// (sentiment_en/semeval2017), whole and cut to their first 1, 2 and 3 words. The labels are the
// set's language: a few tweets in each are in another language, so 100% is not reachable.
std::vector<EvalSet> LoadTweets(const std::string& root);

// Every template of the demo world, rendered once, in Dutch and English.
std::vector<EvalSet> LoadDemoTemplates();

// The text of demo posts (GenerateDemoWorld, seed 1): the throughput workload.
std::vector<std::string> DemoPostTexts(int posts);

}  // namespace webcare::bench::eval_language
