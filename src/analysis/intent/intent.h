#pragma once
// What a post wants: a question, a complaint, praise, or information (PRODUCT.md L3, R2), and
// whether it asks something at all (the query language's is:question). Rules for Dutch and
// English, explained in README.md. Thread-safe; no allocation; the word lists are built into
// tables on first use.

#include <string_view>

#include "analysis/sentiment/sentiment.h"

namespace webcare::analysis::intent {

enum class Intent { kQuestion, kComplaint, kPraise, kInformation };
std::string_view IntentName(Intent intent);  // "question", "complaint", "praise", "information"

// True when the post asks something: a question mark that ends a clause (not in a URL or
// "?!?" decoration only), or an interrogative opening a clause ("hoe", "waarom", "kan ik",
// "how do I", "can you", "is er"...), with or without the '?' people often leave out.
// `language` as detected; other languages use both lists. Any bytes are accepted.
bool IsQuestion(std::string_view text, std::string_view language);

struct IntentResult {
  Intent intent = Intent::kInformation;
  bool is_question = false;
  // Short words for the explanation: "question mark", "interrogative 'waarom'",
  // "complaint term 'alweer'", "negative sentiment". Static storage: never dangles.
  std::string_view cue;
};

// Classifies with the post's sentiment: a complaint is negative or uses complaint terms
// ("alweer", "klacht", "refund", "still waiting"), praise is positive without a complaint
// cue, a question asks without complaining (a calm "Is er een storing?" is a question);
// anything else is information. The order of the rules is in README.md.
IntentResult Classify(std::string_view text, std::string_view language,
                      const sentiment::SentimentResult& sentiment);

}  // namespace webcare::analysis::intent
