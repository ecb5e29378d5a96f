#include "ingest/ingestor.h"

#include <algorithm>
#include <vector>

#include "base/status.h"
#include "spdlog/spdlog.h"

namespace webcare::ingest {

absl::Status Ingestor::ReloadConfiguration() {
  std::lock_guard lock(reload_mutex_);
  ASSIGN_OR_RETURN(std::vector<core::Stream> streams, store_.ListStreams());
  // Streams are checked when saved; one that no longer passes (a stricter parser after an
  // upgrade) is left out with a warning rather than keeping every other stream from running.
  std::erase_if(streams, [](const core::Stream& stream) {
    const absl::Status usable = analysis::CheckStream(stream);
    if (!usable.ok()) {
      spdlog::warn("stream {} \"{}\" is not applied: {}", stream.id.value(), stream.name,
                   std::string(usable.message()));
    }
    return !usable.ok();
  });
  analysis::routing::RoutingRules rules;
  absl::StatusOr<std::string> stored_rules = store_.GetSetting(std::string(kRoutingRulesKey));
  if (stored_rules.ok()) {
    ASSIGN_OR_RETURN(rules, analysis::routing::RulesFromJson(*stored_rules));
  } else if (!absl::IsNotFound(stored_rules.status())) {
    return stored_rules.status();
  }
  RETURN_IF_ERROR(pipeline_.SetStreams(streams));
  pipeline_.SetRules(rules);
  return absl::OkStatus();
}

absl::Status Ingestor::Analyze(std::span<core::NewPost> posts) {
  const bool any_pending = std::any_of(posts.begin(), posts.end(), [](const core::NewPost& post) {
    return !post.classification.analysed;
  });
  if (!any_pending) return absl::OkStatus();
  ASSIGN_OR_RETURN(const std::vector<storage::AuthorHistory> histories,
                   store_.AuthorHistories(posts, kRepeatContactWindow));
  for (size_t i = 0; i < posts.size(); ++i) {
    core::NewPost& post = posts[i];
    if (post.classification.analysed) continue;
    const analysis::CustomerContext customer{.customer_value = histories[i].customer_value,
                                             .recent_contacts = histories[i].recent_posts};
    post.classification = analysis::ToClassification(pipeline_.Analyze(post, customer));
  }
  return absl::OkStatus();
}

namespace {

// A stored post in the form the pipeline reads.
core::NewPost AsNewPost(const core::Post& post) {
  core::NewPost out;
  out.network = post.network;
  out.channel = post.channel;
  out.external_id = post.external_id;
  out.author = post.author;
  out.text = post.text;
  out.created_at = post.created_at;
  out.in_reply_to = post.in_reply_to;
  out.url = post.url;
  out.attachments = post.attachments;
  out.metrics = post.metrics;
  out.direction = post.direction;
  out.is_private = post.is_private;
  return out;
}

}  // namespace

absl::StatusOr<int64_t> Ingestor::Reanalyze(bool all, const std::function<void(int64_t)>& on_batch,
                                            const std::atomic<bool>* stop, int batch_size) {
  int64_t done = 0;
  core::PostId after;
  while (stop == nullptr || !stop->load()) {
    ASSIGN_OR_RETURN(const std::vector<core::Post> posts,
                     store_.ListPostsForAnalysis(after, batch_size, /*unanalysed_only=*/!all));
    if (posts.empty()) break;
    std::vector<std::pair<core::PostId, core::PostClassification>> analyses;
    analyses.reserve(posts.size());
    for (const core::Post& post : posts) {
      core::NewPost view = AsNewPost(post);
      // One post at a time: the others of this batch are stored already, so the store's
      // count of the author's recent posts includes them.
      ASSIGN_OR_RETURN(const std::vector<storage::AuthorHistory> history,
                       store_.AuthorHistories({&view, 1}, kRepeatContactWindow));
      const analysis::CustomerContext customer{.customer_value = history[0].customer_value,
                                               .recent_contacts = history[0].recent_posts};
      analyses.emplace_back(post.id, analysis::ToClassification(pipeline_.Analyze(view, customer)));
    }
    RETURN_IF_ERROR(store_.UpdateAnalyses(analyses));
    done += static_cast<int64_t>(posts.size());
    after = posts.back().id;
    if (on_batch) on_batch(done);
  }
  return done;
}

absl::StatusOr<storage::InsertResult> Ingestor::Ingest(std::span<core::NewPost> posts) {
  RETURN_IF_ERROR(Analyze(posts));
  auto result = store_.InsertPosts(posts);
  if (result.ok() && result->inserted > 0) {
    events_.Publish(core::PostsIngested{.posts = result->post_ids,
                                        .conversations = result->conversations});
  }
  return result;
}

}  // namespace webcare::ingest
