#pragma once
// The analysis pipeline: everything Webcare knows about a post before a person sees it
// (ARCHITECTURE.md, data flow): language ► sentiment ► intent ► streams ► routing. Ingest runs
// it on every new post, `webcare analyze` on standard input, the corpus runner and the
// benchmarks on their data: one code path for all of them.
//
// Thread-safe: Analyze() may run on many threads while SetStreams()/SetRules() swap in new
// configuration; each post sees one consistent configuration.

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "analysis/intent/intent.h"
#include "analysis/language/language.h"
#include "analysis/matcher/matcher.h"
#include "analysis/query/evaluator.h"
#include "analysis/routing/routing.h"
#include "analysis/sentiment/sentiment.h"
#include "core/classification.h"
#include "core/people.h"
#include "core/post.h"

namespace webcare::analysis {

struct StreamHit {
  int64_t id = 0;
  std::string name;
};

struct PostAnalysis {
  language::LanguageResult language;
  sentiment::SentimentResult sentiment;
  intent::IntentResult intent;
  bool has_link = false;
  std::string tags;  // query::TagColumnText of the post's hashtags and mentions.
  std::vector<StreamHit> streams;  // In id order; none for outbound posts (the team's own).
  routing::RoutingDecision routing;
};

// The analysis in the form stored with the post and shown in the API.
core::PostClassification ToClassification(const PostAnalysis& analysis);

// InvalidArgument, with a message for the person who typed it, unless `stream` can be saved:
// a name of 1-100 characters without control characters, a query that parses and can stand
// (no stream: field), a colour "#rrggbb", a priority weight from -100 to 100.
absl::Status CheckStream(const core::Stream& stream);

// A stored post as the query language sees it, for explaining archive matches.
// `stream_names` must outlive the view.
query::PostView ViewOf(const core::Post& post, std::span<const std::string> stream_names);

// True when `text` holds a web link (http://, https:// or www.), for has:link.
bool ContainsLink(std::string_view text);

// What the store knows of the customer behind a post; defaults when nothing is known.
struct CustomerContext {
  int customer_value = 0;       // 0..100.
  int64_t recent_contacts = 0;  // Earlier posts by the same author in the last 7 days.
};

class Pipeline {
 public:
  Pipeline();  // No streams, default routing rules.
  ~Pipeline();

  // Compiles `streams` and swaps them in. InvalidArgument, naming the stream, when a query does
  // not parse or cannot be a stream; the current set stays then.
  absl::Status SetStreams(std::span<const core::Stream> streams);
  void SetRules(const routing::RoutingRules& rules);
  routing::RoutingRules Rules() const;

  PostAnalysis Analyze(const core::NewPost& post, const CustomerContext& customer = {}) const;

 private:
  struct Config;
  std::shared_ptr<const Config> config() const;
  void Publish(std::shared_ptr<const Config> config);

  std::mutex update_mutex_;  // Serialises SetStreams/SetRules (read, modify, publish).
  std::shared_ptr<const Config> config_;  // std::atomic_load/store.
};

}  // namespace webcare::analysis
