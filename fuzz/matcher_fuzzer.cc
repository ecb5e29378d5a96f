// Fuzzes the stream matcher against the standing filter it must agree with. The input's first
// line is a stream query, the rest a post text; every query that can be a stream is compiled
// together with a few fixed streams (so literals are shared across streams), and the matcher
// must report exactly the streams whose query::Filter matches the post.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/matcher/matcher.h"
#include "analysis/query/evaluator.h"
#include "analysis/query/parser.h"

namespace {

namespace query = webcare::analysis::query;
namespace matcher = webcare::analysis::matcher;

constexpr std::string_view kFixedStreams[] = {
    "storing* OR #storing", "\"poortjes werken niet\" lang:nl", "app NEAR/3 crash*",
    "@ovpas -is:reply", "followers:>1000 sentiment:negative"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view query_text = input.substr(0, newline);
  const std::string_view text = newline == std::string_view::npos ? "" : input.substr(newline + 1);

  auto parsed = query::Parse(query_text);
  if (!parsed.ok() || !matcher::CheckStreamQuery(*parsed).ok()) return 0;
  std::vector<matcher::StreamQuery> streams;
  for (size_t i = 0; i < std::size(kFixedStreams); ++i) {
    streams.push_back({.id = static_cast<int64_t>(i + 1), .query = *query::Parse(kFixedStreams[i])});
  }
  streams.push_back({.id = 100, .query = *parsed});
  auto compiled = matcher::CompiledStreams::Compile(streams);
  if (!compiled.ok()) std::abort();  // Every query that can be a stream must compile.

  query::PostView post;
  post.text = text;
  post.language = "nl";
  post.network = "x";
  post.channel = "x:@ovpas";
  post.author_handle = "@anna";
  post.followers = 5000;
  post.sentiment = "negative";
  post.is_question = text.find('?') != std::string_view::npos;
  const query::AnalysedText analysed = query::AnalyseText(text);

  std::vector<int64_t> expected;
  for (const auto& stream : streams) {
    if (query::Filter(stream.query).Matches(post, analysed)) expected.push_back(stream.id);
  }
  std::vector<int64_t> got;
  (*compiled)->Match(post, analysed, &got);
  if (got != expected) std::abort();
  return 0;
}
