#pragma once
// What the analysis pipeline concluded about a post (PRODUCT.md L2-L5, R2), as stored with it
// and shown in the API: language, sentiment with its explanation, intent, matched streams and
// the routing decision with its reasons. Plain values: analysis/ fills them, storage/ keeps
// them, server/ shows them.

#include <cstdint>
#include <string>
#include <vector>

#include "core/ids.h"

namespace webcare::core {

// One line of a sentiment explanation: which words (and rules) moved the score.
struct SentimentTerm {
  std::string token;  // As written, with its modifiers: "niet goed", "😡", "!!".
  double contribution = 0;
  std::string rule;    // "lexicon+negation", "emoji", "exclamation", ...
  std::string source;  // "vader", "pattern", "webcare"; empty for punctuation.
};

// One line of a routing decision: a cause and the priority points it added.
struct PriorityReason {
  std::string code;  // Stable: "negative-sentiment", "influence", "stream", ...
  std::string text;  // For people: "negative sentiment (-0.72)".
  int points = 0;
};

struct StreamRef {
  StreamId id;
  std::string name;
  std::string colour;  // As the stream has it now; "" where not read from storage.
};

struct PostClassification {
  bool analysed = false;  // False for posts stored before analysis existed.
  std::string language;   // ISO 639-1 ("nl", "en"), or "und".
  double language_confidence = 0;
  double sentiment_score = 0;   // -1..1.
  std::string sentiment_label;  // "negative", "neutral", "positive".
  std::vector<SentimentTerm> sentiment_explanation;
  std::string intent;  // "question", "complaint", "praise", "information".
  bool is_question = false;
  bool has_link = false;
  std::string tags;  // " #storing @ovpas ": the post's hashtags and mentions, for search.
  std::vector<StreamRef> streams;
  TeamId team;       // Routed to; unset for the unassigned queue.
  int priority = 0;  // 0..100.
  std::vector<PriorityReason> reasons;
};

}  // namespace webcare::core
