#pragma once
// The parsed form of a monitoring query (docs/query-language.md). One tree serves both uses:
// a standing filter evaluates it against each new post (evaluator.h), archive search renders
// it as FTS5 plus SQL (fts5.h). Both read the same tree, so both answer the same question.
//
// Invariants of a tree made by Parse() (parser.h), which the renderers rely on:
//   - kAnd and kOr have two or more children, kNot exactly one, kNear exactly two kText terms;
//   - the root, every kOr alternative and every kNot operand can match on their own
//     (CanMatchAlone), so a negation always has something to subtract from;
//   - every kText term yields at least one token (tokenizer.h);
//   - the tree is at most kMaxDepth nodes deep.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace webcare::analysis::query {

inline constexpr int kMaxDepth = 32;
inline constexpr size_t kMaxQueryBytes = 4096;
inline constexpr int kMaxNearDistance = 100;
inline constexpr int kDefaultNearDistance = 10;  // FTS5's default, for a bare NEAR.

enum class TermKind {
  // Words and "exact phrases" alike: the text is cut into tokens and the tokens must occur
  // in a row. A word that the tokenizer splits ("ov-chipkaart") is a phrase of its parts, so
  // the tree does not keep whether the user typed quotes.
  kText,
  kHashtag,  // #storing: only the hashtag, not the bare word.
  kMention,  // @ns_online, or @anna@mastodon.social.
};

struct Term {
  TermKind kind = TermKind::kText;
  // As typed: kText without quotes; kHashtag and kMention without the leading '#' or '@'.
  // Never holds '"', whitespace or control characters (the parser refuses them or ends there).
  std::string text;
  bool prefix = false;  // Typed with a trailing '*': the last token (or the tag) is a prefix.

  friend bool operator==(const Term&, const Term&) = default;
};

enum class Field {
  kLang,       // lang:nl
  kNetwork,    // network:mastodon
  kChannel,    // channel:x:@ovpas
  kAuthor,     // author:@anna, author:"Anna de Vries"
  kFollowers,  // followers:>10000, followers:1000..5000
  kSentiment,  // sentiment:negative
  kHas,        // has:link, has:attachment
  kIs,         // is:question, is:reply, is:private
  kStream,     // stream:storingen
};

enum class Sentiment { kNegative, kNeutral, kPositive };

// The values of has: and is:, one enum so a filter carries one typed value.
enum class Flag { kLink, kAttachment, kQuestion, kReply, kPrivate };

// followers: compares with kEq/kLt/kLe/kGt/kGe against `value`, or kRange: value..upper,
// both inclusive.
enum class Comparison { kEq, kLt, kLe, kGt, kGe, kRange };

struct NumberTest {
  Comparison op = Comparison::kEq;
  int64_t value = 0;
  int64_t upper = 0;  // kRange only.

  friend bool operator==(const NumberTest&, const NumberTest&) = default;
};

struct FieldFilter {
  Field field = Field::kLang;
  // kLang, kNetwork (lower-cased by the parser), kChannel, kAuthor, kStream (as typed).
  std::string text;
  NumberTest number;                          // kFollowers.
  Sentiment sentiment = Sentiment::kNeutral;  // kSentiment.
  Flag flag = Flag::kLink;                    // kHas (kLink, kAttachment), kIs (the others).

  friend bool operator==(const FieldFilter&, const FieldFilter&) = default;
};

enum class NodeKind { kTerm, kField, kAnd, kOr, kNot, kNear };

struct Node {
  NodeKind kind = NodeKind::kTerm;
  Term term;                   // kTerm.
  FieldFilter filter;          // kField.
  int near_distance = 0;       // kNear: at most this many tokens between the two phrases.
  std::vector<Node> children;  // kAnd, kOr: two or more; kNot: one; kNear: two kText terms.

  friend bool operator==(const Node&, const Node&) = default;
};

struct Query {
  Node root;

  friend bool operator==(const Query&, const Query&) = default;
};

// Builders, for the parser and for trees built by hand in tests.
Node MakeTerm(TermKind kind, std::string text, bool prefix = false);
Node MakeField(FieldFilter filter);
// kAnd, kOr, kNot or kNear (with `near_distance`).
Node MakeGroup(NodeKind kind, std::vector<Node> children, int near_distance = 0);

// A canonical rendering in the query language, fully parenthesised, that Parse() reads back
// as an equal tree: ((storing OR #storing) AND NOT rt AND lang:nl).
std::string Describe(const Node& node);
std::string Describe(const Query& query);

// True when the subtree selects posts by itself: a term, a filter, a NEAR, an AND with at
// least one such child, an OR whose alternatives all are. A NOT only removes.
bool CanMatchAlone(const Node& node);

// True when the subtree holds only kText terms and NEAR (no hashtags, mentions or filters):
// what FTS5 can answer on its own.
bool IsFullText(const Node& node);

// Names as written in the language: "lang", "negative", "link", ...
const char* FieldName(Field field);
const char* SentimentName(Sentiment sentiment);
const char* FlagName(Flag flag);

}  // namespace webcare::analysis::query
