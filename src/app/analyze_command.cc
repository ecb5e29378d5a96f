// `webcare analyze`: the analysis pipeline on standard input, one JSON object per line out.
// The same code as ingest (IngestStack), so it serves shell pipelines and evaluations.

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/data_dir.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "ingest/interchange.h"
#include "server/json_codec.h"

namespace webcare::app {
namespace {

constexpr size_t kBatchSize = 1000;

struct Line {
  int64_t number = 0;
  std::string error;  // Set when the line could not be read as a post.
};

}  // namespace

int RunAnalyze(const AnalyzeFlags& flags, const base::Clock& clock) {
  if (flags.format != "text" && flags.format != "jsonl") {
    std::fprintf(stderr, "webcare analyze: --format must be text or jsonl\n");
    return 2;
  }
  // Without a database there are no streams or customer history; the rest still runs.
  std::unique_ptr<storage::sqlite::SqliteStore> store;
  core::NullEventSink events;
  std::unique_ptr<IngestStack> stack;
  std::unique_ptr<analysis::Pipeline> bare_pipeline;
  if (DatabaseExists(flags.data_dir)) {
    auto opened = OpenDataDir(flags.data_dir, clock);
    if (!opened.ok()) {
      std::fprintf(stderr, "webcare analyze: %s\n", opened.status().ToString().c_str());
      return 1;
    }
    store = *std::move(opened);
    auto ingest = OpenIngest(*store, events);
    if (!ingest.ok()) {
      std::fprintf(stderr, "webcare analyze: %s\n", ingest.status().ToString().c_str());
      return 1;
    }
    stack = *std::move(ingest);
  } else {
    std::fprintf(stderr, "webcare analyze: no database in %s; analysing without streams\n",
                 flags.data_dir.c_str());
    bare_pipeline = std::make_unique<analysis::Pipeline>();
  }

  ingest::InterchangeParser parser;
  std::vector<core::NewPost> posts;
  std::vector<Line> lines;
  int64_t rejected = 0;
  const auto flush = [&]() -> bool {
    std::vector<core::NewPost> valid;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].error.empty()) valid.push_back(std::move(posts[i]));
    }
    if (stack != nullptr) {
      if (absl::Status analysed = stack->ingestor.Analyze(valid); !analysed.ok()) {
        std::fprintf(stderr, "webcare analyze: %s\n", analysed.ToString().c_str());
        return false;
      }
    } else {
      for (core::NewPost& post : valid) {
        post.classification = analysis::ToClassification(bare_pipeline->Analyze(post));
      }
    }
    size_t next = 0;
    std::string out;
    for (const Line& line : lines) {
      nlohmann::json object;
      if (line.error.empty()) {
        object = server::ToJson(valid[next++].classification);
      } else {
        object["error"] = line.error;
      }
      object["line"] = line.number;
      base::StrAppend(out, server::Dump(object), "\n");
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    posts.clear();
    lines.clear();
    return std::ferror(stdout) == 0;
  };

  std::string text;
  int64_t number = 0;
  while (std::getline(std::cin, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    Line line;
    line.number = number;
    core::NewPost post;
    if (flags.format == "jsonl") {
      auto parsed = parser.Parse(text);
      if (parsed.ok()) {
        post = *std::move(parsed);
      } else {
        line.error = std::string(base::ToStd(parsed.status().message()));
      }
    } else if (!base::IsValidUtf8(text)) {
      line.error = base::StrCat("not valid UTF-8 at byte ", base::FirstInvalidUtf8Offset(text));
    } else {
      post.network = "text";
      post.channel = "stdin";
      post.external_id = base::StrCat(number);
      post.author.network = "text";
      post.author.handle = "stdin";
      post.author.followers = -1;  // Unknown: no influence points.
      post.text = text;
    }
    if (!line.error.empty()) ++rejected;
    posts.push_back(std::move(post));
    lines.push_back(std::move(line));
    if (lines.size() >= kBatchSize && !flush()) return 1;
  }
  if (!lines.empty() && !flush()) return 1;
  std::fflush(stdout);
  return rejected > 0 ? 3 : 0;
}

}  // namespace webcare::app
