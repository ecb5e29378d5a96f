#pragma once
// The single entry point for new posts, whatever brought them (import, API, connectors, demo):
// runs the analysis pipeline on each post (language, sentiment, intent, streams, routing),
// stores the batch in one transaction and then publishes what changed.

#include <atomic>
#include <functional>
#include <mutex>
#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analysis/pipeline/pipeline.h"
#include "core/event.h"
#include "core/post.h"
#include "storage/store.h"

namespace webcare::ingest {

// The settings key under which the routing rules live (analysis/routing/routing.h JSON).
inline constexpr std::string_view kRoutingRulesKey = "routing_rules";
// How far back earlier posts of an author count as repeat contact.
inline constexpr base::Micros kRepeatContactWindow = 7 * 24 * 3600 * base::kMicrosPerSecond;

class Ingestor {
 public:
  // `store`, `events` and `pipeline` must outlive the ingestor. Thread-safe.
  Ingestor(storage::Store& store, core::EventSink& events, analysis::Pipeline& pipeline)
      : store_(store), events_(events), pipeline_(pipeline) {}

  // Loads the streams and routing rules from the store into the pipeline; call at start and
  // after they change. A stored stream that fails analysis::CheckStream is skipped with a
  // warning; an unreadable rule set is an error and changes nothing.
  absl::Status ReloadConfiguration();

  // Fills each post's classification. Posts already analysed are left alone, so a caller with
  // a spare thread (the importer's parser) can analyse ahead of the write.
  absl::Status Analyze(std::span<core::NewPost> posts);

  // Analyses what is not yet analysed, stores all posts in one transaction (all or none) and
  // publishes a PostsIngested event.
  absl::StatusOr<storage::InsertResult> Ingest(std::span<core::NewPost> posts);

  // Analyses stored posts again with the current streams and rules, in id order and batches
  // of `batch_size`: only posts stored before analysis existed, or every post with `all`.
  // Calls `on_batch` with the running count after each batch; stops early (keeping what is
  // done) when `stop` becomes true. Returns the number of posts analysed.
  absl::StatusOr<int64_t> Reanalyze(bool all, const std::function<void(int64_t)>& on_batch = {},
                                    const std::atomic<bool>* stop = nullptr, int batch_size = 1000);

  analysis::Pipeline& pipeline() { return pipeline_; }

 private:
  storage::Store& store_;
  core::EventSink& events_;
  analysis::Pipeline& pipeline_;
  // One reload at a time: two edits racing could otherwise publish the older read last.
  std::mutex reload_mutex_;
};

}  // namespace webcare::ingest
