#pragma once
// The JSONL interchange format (docs/formats/jsonl.md): one post per line. Used by
// `webcare import`, `webcare demo --output` and POST /api/v1/posts.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/post.h"

namespace webcare::ingest {

inline constexpr size_t kMaxLineBytes = 1 << 20;   // 1 MiB per post, payload included.
inline constexpr size_t kMaxTextBytes = 256 << 10; // Long e-mails fit; a 10 MB post does not.

// Reusable parser; holds simdjson's buffers so a stream of lines allocates nothing per line.
// Not thread-safe: one per thread.
class InterchangeParser {
 public:
  InterchangeParser();
  ~InterchangeParser();
  InterchangeParser(const InterchangeParser&) = delete;
  InterchangeParser& operator=(const InterchangeParser&) = delete;

  // Parses one JSON object. InvalidArgument names the field and what is wrong with it.
  // On success `raw` holds `line` exactly.
  absl::StatusOr<core::NewPost> Parse(std::string_view line);

 private:
  struct Impl;
  Impl* impl_;
};

// One JSON object, no newline; the inverse of Parse (raw is not written).
std::string ToJsonLine(const core::NewPost& post);

}  // namespace webcare::ingest
