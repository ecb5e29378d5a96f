#include "analysis/pipeline/pipeline.h"

#include <algorithm>
#include <atomic>
#include <cctype>

#include "absl/container/flat_hash_map.h"
#include "analysis/query/evaluator.h"
#include "analysis/query/parser.h"
#include "analysis/query/tokenizer.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::analysis {

struct Pipeline::Config {
  std::shared_ptr<const matcher::CompiledStreams> streams;
  // What routing needs of each active stream, by id. MatchedStream::name views `names`,
  // which copies of the Config share, so the views stay valid in every copy.
  absl::flat_hash_map<int64_t, routing::MatchedStream> stream_info;
  std::shared_ptr<const std::vector<std::string>> names;
  routing::RoutingRules rules;
};

absl::Status CheckStream(const core::Stream& stream) {
  const auto invalid = [](auto&&... parts) {
    return absl::InvalidArgumentError(base::StrCat(parts...));
  };
  if (stream.name.empty() || !base::IsValidUtf8(stream.name) ||
      base::CountCodePoints(stream.name) > 100) {
    return invalid("name must be 1 to 100 characters of valid UTF-8");
  }
  for (const unsigned char c : stream.name) {
    if (c < 0x20 || c == 0x7f) return invalid("name must not contain control characters");
  }
  auto query = query::Parse(stream.query);
  if (!query.ok()) return invalid("query: ", query.status().message());
  if (absl::Status usable = matcher::CheckStreamQuery(*query); !usable.ok()) {
    return invalid("query: ", usable.message());
  }
  const bool colour_ok = stream.colour.size() == 7 && stream.colour[0] == '#' &&
                         std::all_of(stream.colour.begin() + 1, stream.colour.end(),
                                     [](unsigned char c) { return std::isxdigit(c) != 0; });
  if (!colour_ok) return invalid("colour must look like #d97706");
  if (stream.priority_weight < -100 || stream.priority_weight > 100) {
    return invalid("priority_weight must be from -100 to 100");
  }
  return absl::OkStatus();
}

query::PostView ViewOf(const core::Post& post, std::span<const std::string> stream_names) {
  const core::PostClassification& analysis = post.classification;
  return query::PostView{.text = post.text,
                         .language = analysis.language,
                         .network = post.network,
                         .channel = post.channel,
                         .author_handle = post.author.handle,
                         .author_name = post.author.name,
                         .followers = post.author.followers,
                         .sentiment = analysis.sentiment_label,
                         .is_question = analysis.is_question,
                         .is_reply = !post.in_reply_to.empty(),
                         .is_private = post.is_private,
                         .has_link = analysis.has_link,
                         .has_attachment = !post.attachments.empty(),
                         .streams = stream_names};
}

bool ContainsLink(std::string_view text) {
  // Every link form starts with 'h' or 'w'; look only there.
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (c == 'h' || c == 'H') {
      if (base::StartsWithWebAddress(text.substr(at))) return true;
    } else if ((c == 'w' || c == 'W') && (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1])))) {
      if (base::StartsWithAsciiLower(text.substr(at), "www.") && at + 4 < text.size() &&
          std::isalnum(static_cast<unsigned char>(text[at + 4]))) {
        return true;
      }
    }
  }
  return false;
}

Pipeline::Pipeline() {
  auto config = std::make_shared<Config>();
  auto empty = matcher::CompiledStreams::Compile({});
  config->streams = empty.ok() ? *std::move(empty) : nullptr;
  Publish(std::move(config));
}

Pipeline::~Pipeline() = default;

std::shared_ptr<const Pipeline::Config> Pipeline::config() const {
  return std::atomic_load(&config_);
}

void Pipeline::Publish(std::shared_ptr<const Config> config) {
  std::atomic_store(&config_, std::move(config));
}

absl::Status Pipeline::SetStreams(std::span<const core::Stream> streams) {
  std::vector<matcher::StreamQuery> queries;
  absl::flat_hash_map<int64_t, routing::MatchedStream> info;
  auto names = std::make_shared<std::vector<std::string>>();
  names->reserve(streams.size());  // No reallocation below: the views into it must hold.
  for (const core::Stream& stream : streams) {
    if (!stream.active) continue;
    auto query = query::Parse(stream.query);
    if (!query.ok()) {
      return absl::InvalidArgumentError(
          base::StrCat("stream \"", stream.name, "\": ", query.status().message()));
    }
    if (absl::Status usable = matcher::CheckStreamQuery(*query); !usable.ok()) {
      return absl::InvalidArgumentError(base::StrCat("stream \"", stream.name, "\": ", usable.message()));
    }
    queries.push_back({.id = stream.id.value(), .query = *std::move(query)});
    names->push_back(stream.name);
    info[stream.id.value()] = {.id = stream.id.value(),
                               .name = names->back(),
                               .owner_team = stream.owner_team.value(),
                               .priority_weight = stream.priority_weight};
  }
  // Compiled outside the lock: a rebuild of thousands of streams must not stall SetRules.
  auto compiled = matcher::CompiledStreams::Compile(queries);
  if (!compiled.ok()) return compiled.status();
  std::lock_guard lock(update_mutex_);
  auto next = std::make_shared<Config>(*config());
  next->streams = *std::move(compiled);
  next->stream_info = std::move(info);
  next->names = std::move(names);
  Publish(std::move(next));
  return absl::OkStatus();
}

void Pipeline::SetRules(const routing::RoutingRules& rules) {
  std::lock_guard lock(update_mutex_);
  auto next = std::make_shared<Config>(*config());
  next->rules = rules;
  Publish(std::move(next));
}

routing::RoutingRules Pipeline::Rules() const { return config()->rules; }

PostAnalysis Pipeline::Analyze(const core::NewPost& post, const CustomerContext& customer) const {
  const std::shared_ptr<const Config> config = this->config();
  PostAnalysis out;
  // The fast path gives Detect's answer (README of analysis/language) without CLD2 for most
  // Dutch and English posts, the bulk of a webcare firehose.
  out.language = language::DetectFast(post.text);
  out.sentiment = sentiment::Analyze(post.text, out.language.code);
  out.intent = intent::Classify(post.text, out.language.code, out.sentiment);
  out.has_link = ContainsLink(post.text);

  // Kept per thread so that its token strings keep their capacity from post to post.
  thread_local query::AnalysedText text;
  query::AnalyseTextInto(post.text, text);
  out.tags = query::TagColumnText(text.tags);
  const query::PostView view{
      .text = post.text,
      .language = out.language.code,
      .network = post.network,
      .channel = post.channel,
      .author_handle = post.author.handle,
      .author_name = post.author.name,
      .followers = post.author.followers,
      .sentiment = sentiment::LabelName(out.sentiment.label),
      .is_question = out.intent.is_question,
      .is_reply = !post.in_reply_to.empty(),
      .is_private = post.is_private,
      .has_link = out.has_link,
      .has_attachment = !post.attachments.empty(),
  };
  // Streams listen to what others say; the team's own replies are not caught by them.
  thread_local std::vector<int64_t> matched;
  matched.clear();
  if (post.direction == core::Direction::kInbound) config->streams->Match(view, text, &matched);

  routing::RoutingInput input{.sentiment = &out.sentiment,
                              .intent = out.intent,
                              .followers = post.author.followers,
                              .is_private = post.is_private,
                              .inbound = post.direction == core::Direction::kInbound,
                              .customer_value = customer.customer_value,
                              .recent_contacts = customer.recent_contacts};
  out.streams.reserve(matched.size());
  input.streams.reserve(matched.size());
  for (const int64_t id : matched) {
    const auto it = config->stream_info.find(id);
    if (it == config->stream_info.end()) continue;
    out.streams.push_back({.id = id, .name = std::string(it->second.name)});
    input.streams.push_back(it->second);
  }
  out.routing = routing::Route(input, config->rules);
  return out;
}

core::PostClassification ToClassification(const PostAnalysis& analysis) {
  core::PostClassification out;
  out.analysed = true;
  out.language = analysis.language.code;
  out.language_confidence = analysis.language.confidence;
  out.sentiment_score = analysis.sentiment.score;
  out.sentiment_label = std::string(sentiment::LabelName(analysis.sentiment.label));
  out.sentiment_explanation.reserve(analysis.sentiment.explanation.size());
  for (const auto& item : analysis.sentiment.explanation) {
    out.sentiment_explanation.push_back({.token = item.token,
                                         .contribution = item.contribution,
                                         .rule = item.rule,
                                         .source = item.source});
  }
  out.intent = std::string(intent::IntentName(analysis.intent.intent));
  out.is_question = analysis.intent.is_question;
  out.has_link = analysis.has_link;
  out.tags = analysis.tags;
  for (const StreamHit& hit : analysis.streams) {
    out.streams.push_back({.id = core::StreamId(hit.id), .name = hit.name});
  }
  out.team = core::TeamId(analysis.routing.team);
  out.priority = analysis.routing.priority;
  for (const auto& reason : analysis.routing.reasons) {
    out.reasons.push_back({.code = reason.code, .text = reason.text, .points = reason.points});
  }
  return out;
}

}  // namespace webcare::analysis
