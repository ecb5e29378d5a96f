#pragma once
// All standing streams compiled into one Vectorscan database plus a boolean evaluator, so that
// matching a post against 10,000 streams costs little more than against 10 (README.md).
//
// A stream matches a post exactly when query::Filter(stream query).Matches(post) is true: the
// same tokens (query/tokenizer.h), the same field semantics. matcher_differential_test.cc
// checks this on randomised streams and posts.
//
// Streams change while posts flow: StreamMatcher holds the current CompiledStreams behind an
// atomic shared pointer, so a rebuild is compiled off to the side and swapped in whole; a post
// is matched against either the old set or the new one, never a mix.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analysis/query/ast.h"
#include "analysis/query/evaluator.h"

namespace webcare::analysis::matcher {

struct StreamQuery {
  int64_t id = 0;  // The caller's id for the stream; reported back on a match.
  query::Query query;
};

// InvalidArgument when `query` cannot be a standing stream: it uses the stream: field (a stream
// may not depend on other streams' results). The message names the problem for the user.
absl::Status CheckStreamQuery(const query::Query& query);

// An immutable compiled set. Thread-safe: Match() may run on any number of threads at once
// (each thread keeps its own Vectorscan scratch space).
class CompiledStreams {
 public:
  // InvalidArgument (naming the stream id) when a query fails CheckStreamQuery, two streams
  // share an id, a hand-built tree breaks the invariants of ast.h, or Vectorscan refuses a
  // pattern. An empty set is valid and matches nothing.
  static absl::StatusOr<std::shared_ptr<const CompiledStreams>> Compile(
      std::span<const StreamQuery> streams);

  virtual ~CompiledStreams() = default;

  // Ids of the streams `post` matches, ascending, written to `out` (cleared first).
  // `text` must be query::AnalyseText(post.text). post.streams is ignored.
  virtual void Match(const query::PostView& post, const query::AnalysedText& text,
                     std::vector<int64_t>* out) const = 0;

  virtual size_t size() const = 0;
};

// The current set, replaced atomically.
class StreamMatcher {
 public:
  StreamMatcher();                                               // Starts with an empty set.
  std::shared_ptr<const CompiledStreams> Current() const;        // Never null.
  void Replace(std::shared_ptr<const CompiledStreams> streams);  // Null means the empty set.

 private:
  std::shared_ptr<const CompiledStreams> current_;  // Accessed with std::atomic_load/store.
};

}  // namespace webcare::analysis::matcher
