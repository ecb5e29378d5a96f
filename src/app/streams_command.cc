// `webcare streams list` and `webcare streams test QUERY`: the streams of a data folder, and
// which stored posts a query would catch and why, before it becomes a stream.

#include <cstdio>
#include <string>

#include "analysis/matcher/matcher.h"
#include "analysis/pipeline/pipeline.h"
#include "analysis/query/explain.h"
#include "analysis/query/parser.h"
#include "app/commands.h"
#include "app/data_dir.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "base/utf8.h"

namespace webcare::app {
namespace {

constexpr size_t kShownTextBytes = 160;

// The post's text on one line, shortened.
std::string OneLine(std::string_view text) {
  std::string out(base::TruncateUtf8(text, kShownTextBytes));
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (out.size() < text.size()) out += "…";
  return out;
}

}  // namespace

int RunStreamsList(const StreamsFlags& flags, const base::Clock& clock) {
  if (!DatabaseExists(flags.data_dir)) {
    std::fprintf(stderr, "webcare streams: no database in %s\n", flags.data_dir.c_str());
    return 1;
  }
  auto store = OpenDataDir(flags.data_dir, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "webcare streams: %s\n", store.status().ToString().c_str());
    return 1;
  }
  auto streams = (*store)->ListStreams();
  if (!streams.ok()) {
    std::fprintf(stderr, "webcare streams: %s\n", streams.status().ToString().c_str());
    return 1;
  }
  if (streams->empty()) {
    std::printf("No streams yet. Create one in the web UI (Streams) or with POST /api/v1/streams.\n");
    return 0;
  }
  for (const core::Stream& stream : *streams) {
    std::printf("%-4lld %-20s weight %+4d %s %s\n", static_cast<long long>(stream.id.value()),
                stream.name.c_str(), stream.priority_weight, stream.active ? "      " : "(off) ",
                stream.query.c_str());
  }
  return 0;
}

int RunStreamsTest(const StreamsFlags& flags, const base::Clock& clock) {
  auto query = analysis::query::Parse(flags.query);
  if (query.ok()) {
    if (absl::Status usable = analysis::matcher::CheckStreamQuery(*query); !usable.ok()) {
      query = usable;
    }
  }
  if (!query.ok()) {
    std::fprintf(stderr, "webcare streams test: %s\n", std::string(query.status().message()).c_str());
    return 2;
  }
  if (!DatabaseExists(flags.data_dir)) {
    std::fprintf(stderr, "webcare streams test: no database in %s\n", flags.data_dir.c_str());
    return 1;
  }
  auto store = OpenDataDir(flags.data_dir, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "webcare streams test: %s\n", store.status().ToString().c_str());
    return 1;
  }
  std::printf("Query: %s\n\n", analysis::query::Describe(*query).c_str());
  storage::PostSearch search{.query = *query, .page = {.limit = flags.limit}};
  auto found = (*store)->SearchPosts(search);
  if (!found.ok()) {
    std::fprintf(stderr, "webcare streams test: %s\n", found.status().ToString().c_str());
    return 1;
  }
  for (const core::Post& post : found->posts) {
    const std::vector<std::string> why = analysis::query::ExplainMatch(*query, analysis::ViewOf(post, {}));
    std::printf("%s  %s  %s\n  %s\n  matched: %s\n\n", base::FormatRfc3339(post.created_at).c_str(),
                post.network.c_str(), post.author.handle.c_str(), OneLine(post.text).c_str(),
                base::StrJoin(why, ", ").c_str());
  }
  if (found->posts.empty()) {
    std::printf("No stored post matches.\n");
  } else {
    std::printf("%zu newest matching posts shown%s.\n", found->posts.size(),
                found->next_cursor.empty() ? "" : "; more match (--limit shows more)");
  }
  return 0;
}

}  // namespace webcare::app
