#pragma once
// A query as a standing filter: decides whether one analysed post matches. It answers exactly
// what archive search (fts5.h) answers for the same post once stored: text through the same
// tokenizer as SQLite's posts_fts (tokenizer.h), fields compared the way the SQL compares them
// (ASCII letter case ignored, nothing else folded).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/query/ast.h"
#include "analysis/query/tokenizer.h"

namespace webcare::analysis::query {

// What a filter can ask about a post. Views: the caller keeps the data alive during Matches().
struct PostView {
  std::string_view text;
  std::string_view language;       // "nl", "en", ... as detected; empty when unknown.
  std::string_view network;        // "x", "mastodon", ...
  std::string_view channel;        // "x:@ovpas"
  std::string_view author_handle;  // "@anna@mastodon.social", "anna@example.nl"
  std::string_view author_name;    // "Anna de Vries"; may be empty.
  int64_t followers = -1;          // -1 when the network did not say.
  std::string_view sentiment;      // "negative", "neutral" or "positive"; empty when unknown.
  bool is_question = false;
  bool is_reply = false;
  bool is_private = false;
  bool has_link = false;
  bool has_attachment = false;
  std::span<const std::string> streams;  // Names of the streams the post already matched.
};

// A post's text cut into tokens and tags once, to be shared by every filter run on it.
struct AnalysedText {
  std::vector<std::string> tokens;  // Folded, in order; a token's index is its position.
  Tags tags;
};
AnalysedText AnalyseText(std::string_view text);
// AnalyseText() into `out`, reusing its storage (see TokenizeInto).
void AnalyseTextInto(std::string_view text, AnalysedText& out);

// A compiled query. Immutable after construction, so one Filter may serve many threads.
class Filter {
 public:
  // REQUIRES: `query` comes from Parse() (or holds the invariants listed in ast.h).
  explicit Filter(const Query& query);

  // Analyses post.text itself; use the other overload when several filters see one post.
  bool Matches(const PostView& post) const;
  // REQUIRES: `text` is AnalyseText(post.text).
  bool Matches(const PostView& post, const AnalysedText& text) const;

  // Internal: a query node with its terms tokenized and values folded ahead of time.
  struct Compiled {
    NodeKind kind = NodeKind::kTerm;
    TermKind term_kind = TermKind::kText;
    std::vector<std::string> tokens;  // kText: the phrase; kHashtag, kMention: the folded tag.
    bool prefix = false;
    FieldFilter filter;
    std::string value;  // kField: the text value, ASCII lower case; author: without '@'s.
    int near_distance = 0;
    std::vector<Compiled> children;
  };

 private:
  Compiled root_;
};

}  // namespace webcare::analysis::query
