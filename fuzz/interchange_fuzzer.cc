// Fuzzes the JSONL interchange parser: any line is either a post or a clear InvalidArgument,
// and an accepted post survives a round trip through ToJsonLine.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/utf8.h"
#include "ingest/interchange.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static webcare::ingest::InterchangeParser parser;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  auto post = parser.Parse(line);
  if (!post.ok()) {
    if (!absl::IsInvalidArgument(post.status())) std::abort();
    return 0;
  }
  if (!webcare::base::IsValidUtf8(post->text) || post->external_id.empty()) std::abort();
  auto again = parser.Parse(webcare::ingest::ToJsonLine(*post));
  if (!again.ok() || again->text != post->text || again->created_at != post->created_at) std::abort();
  return 0;
}
