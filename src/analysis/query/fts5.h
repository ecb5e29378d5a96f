#pragma once
// A query as archive search on SQLite: the full-text part as an FTS5 MATCH expression for
// posts_fts, everything else as an SQL condition with bound parameters. No user input ever
// reaches SQL or FTS5 syntax unquoted: every word is an FTS5 string, every value a parameter.
//
// The SQL refers to these tables and columns. Those marked (new) do not exist yet; the
// storage layer adds them and fills them from the same analysis a standing filter sees:
//   posts p       id, network, channel, private, in_reply_to, attachments (JSON, NULL if none)
//                 language         (new) TEXT, as detected: 'nl', 'en'; NULL or '' if unknown
//                 sentiment_label  (new) TEXT: 'negative', 'neutral', 'positive'
//                 is_question      (new) INTEGER 0/1
//                 has_link         (new) INTEGER 0/1
//                 tags             (new) TEXT: TagColumnText(ExtractTags(text)) (tokenizer.h)
//   authors a     handle, name, followers (joined as `a ON a.id = p.author_id`)
//   posts_fts     FTS5 over posts.text, tokenize='unicode61 remove_diacritics 2'
//   post_streams  (new) post_id, stream_id: the streams a post matched when it came in
//   streams       (new) id, name
// Every condition is written to be true or false, never NULL, so NOT means what it says
// for rows with missing values.
//
// Where the standing filter and this SQL can differ: followers (a standing filter sees the
// count when the post came in, archive search the author's current count) and stream: (the
// streams as they were when the post came in, in both, but a stream edited later is not
// re-applied to old posts).

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/query/ast.h"

namespace webcare::analysis::query {

using SqlValue = std::variant<int64_t, std::string>;

struct ArchiveQuery {
  // FTS5 MATCH expression for posts_fts (bind it as text), or empty when the query has no
  // full-text part that can narrow the search on its own.
  std::string match;
  // SQL condition over `p` and `a`; "1" when `match` says it all. Holds its own MATCH
  // subqueries where full text is mixed with filters under OR or NOT.
  std::string where;
  // Values for `where`, bound to ?first_param, ?first_param + 1, ... in this order.
  std::vector<SqlValue> params;
};

// The FTS5 form of a full-text subtree (IsFullText and CanMatchAlone), e.g.
// (("storing" OR "storingen") NOT "opgelost") or NEAR("storing" "utrecht", 3). A prefix is
// "klant"*. InvalidArgument for a tree FTS5 cannot express (only built by hand: Parse()
// refuses such queries).
absl::StatusOr<std::string> RenderFts5Match(const Node& node);

// The whole query for archive search:
//   SELECT ... FROM posts p JOIN authors a ON a.id = p.author_id
//   WHERE p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH :match)  -- if match set
//     AND (where)
// `first_param` lets the caller keep lower parameter numbers for its own use.
absl::StatusOr<ArchiveQuery> RenderArchiveQuery(const Query& query, int first_param = 1);

}  // namespace webcare::analysis::query
