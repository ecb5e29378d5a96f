// Fuzzes the monitoring query language. Whatever parses must describe itself in a form that
// parses back to the same tree, must render for archive search, and must evaluate against a
// post without crashing; whatever does not parse must be refused with InvalidArgument. The
// input is also analysed as post text, which fuzzes the tokenizer and the tag extraction.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/query/evaluator.h"
#include "analysis/query/fts5.h"
#include "analysis/query/parser.h"

namespace {

namespace query = webcare::analysis::query;

query::PostView FixedPost(std::string_view text, const std::vector<std::string>& streams) {
  query::PostView post;
  post.text = text;
  post.language = "nl";
  post.network = "mastodon";
  post.channel = "mastodon:@ovpas@mastodon.social";
  post.author_handle = "@anna@mastodon.social";
  post.author_name = "Anna de Vries";
  post.followers = 12000;
  post.sentiment = "negative";
  post.is_question = true;
  post.has_link = true;
  post.streams = streams;
  return post;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const std::vector<std::string> kStreams = {"Storingen", "OV"};
  const query::AnalysedText analysed = query::AnalyseText(input);

  auto parsed = query::Parse(input);
  if (!parsed.ok()) {
    if (!absl::IsInvalidArgument(parsed.status())) std::abort();
    return 0;
  }
  // The canonical form adds parentheses and AND, so it may outgrow the input limit.
  const std::string canonical = query::Describe(*parsed);
  if (canonical.size() <= query::kMaxQueryBytes) {
    auto again = query::Parse(canonical);
    if (!again.ok() || !(*again == *parsed)) std::abort();
  }
  // Every tree the parser accepts can be searched in the archive.
  if (!query::RenderArchiveQuery(*parsed).ok()) std::abort();
  if (query::IsFullText(parsed->root) && !query::RenderFts5Match(parsed->root).ok()) std::abort();

  const query::Filter filter(*parsed);
  const query::PostView post =
      FixedPost("Weer een #storing bij @ns_online in Utrecht, café dicht", kStreams);
  (void)filter.Matches(post);
  (void)filter.Matches(FixedPost(input, kStreams), analysed);
  return 0;
}
