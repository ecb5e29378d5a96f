#include "server/metrics.h"

#include "base/strings.h"

namespace webcare::server {

void Metrics::RecordRequest(const std::string& method, const std::string& route, int status,
                            double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  request_durations_.Record(seconds);
}

void Metrics::RecordHandlerWait(double seconds) {
  std::lock_guard lock(mutex_);
  handler_waits_.Record(seconds);
}

namespace {

void AppendHistogram(std::string& out, std::string_view name, std::string_view help,
                     const base::DurationHistogram& histogram) {
  base::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " histogram\n");
  for (size_t i = 0; i < histogram.kBounds.size(); ++i) {
    base::StrAppend(out, name, "_bucket{le=\"", histogram.kBounds[i], "\"} ", histogram.buckets[i], "\n");
  }
  base::StrAppend(out, name, "_bucket{le=\"+Inf\"} ", histogram.count, "\n", name, "_sum ", histogram.sum,
                  "\n", name, "_count ", histogram.count, "\n");
}

}  // namespace

void Metrics::Publish(const core::DomainEvent& event) {
  if (const auto* ingested = std::get_if<core::PostsIngested>(&event)) {
    posts_ingested_ += static_cast<int64_t>(ingested->posts.size());
  }
}

std::string Metrics::Render(const storage::StoreStats& stats) const {
  std::string out;
  base::StrAppend(out,
                  "# HELP webcare_http_requests_total HTTP requests by method, route and status.\n"
                  "# TYPE webcare_http_requests_total counter\n");
  std::lock_guard lock(mutex_);
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    base::StrAppend(out, "webcare_http_requests_total{method=\"", method, "\",route=\"", route,
                    "\",status=\"", status, "\"} ", count, "\n");
  }
  AppendHistogram(out, "webcare_http_request_duration_seconds", "Time to handle a request.",
                  request_durations_);
  AppendHistogram(out, "webcare_http_handler_wait_seconds",
                  "Time a request waited, once read, for a free handler thread (serve --threads).",
                  handler_waits_);
  base::StrAppend(out,
                  "# HELP webcare_posts_ingested_total Posts stored by this process.\n"
                  "# TYPE webcare_posts_ingested_total counter\n"
                  "webcare_posts_ingested_total ", posts_ingested_.load(), "\n",
                  "# HELP webcare_login_failures_total Failed log-in attempts.\n"
                  "# TYPE webcare_login_failures_total counter\n"
                  "webcare_login_failures_total ", login_failures_.load(), "\n",
                  "# HELP webcare_posts Posts in the store.\n# TYPE webcare_posts gauge\n"
                  "webcare_posts ", stats.posts, "\n",
                  "# HELP webcare_conversations Conversations in the store.\n"
                  "# TYPE webcare_conversations gauge\nwebcare_conversations ", stats.conversations, "\n",
                  "# HELP webcare_authors Author identities in the store.\n"
                  "# TYPE webcare_authors gauge\nwebcare_authors ", stats.authors, "\n",
                  "# HELP webcare_users Users.\n# TYPE webcare_users gauge\nwebcare_users ", stats.users, "\n",
                  "# HELP webcare_store_commits_total Write transactions committed by this process.\n"
                  "# TYPE webcare_store_commits_total counter\nwebcare_store_commits_total ", stats.commits, "\n",
                  "# HELP webcare_store_writes_total Writes committed by this process; writes that arrive"
                  " together share a commit.\n"
                  "# TYPE webcare_store_writes_total counter\nwebcare_store_writes_total ",
                  stats.committed_writes, "\n",
                  "# HELP webcare_store_checkpoint_passes_total Passes that copied the write-ahead log"
                  " back into the database.\n"
                  "# TYPE webcare_store_checkpoint_passes_total counter\n"
                  "webcare_store_checkpoint_passes_total ", stats.checkpoint_passes, "\n",
                  "# HELP webcare_store_full_checkpoints_total Checkpoints that copied the whole"
                  " write-ahead log, after which it starts again.\n"
                  "# TYPE webcare_store_full_checkpoints_total counter\n"
                  "webcare_store_full_checkpoints_total ", stats.full_checkpoints, "\n");
  AppendHistogram(out, "webcare_store_transaction_duration_seconds",
                  "Time each write transaction held the writer, from BEGIN to the end of its COMMIT"
                  " (with the checkpoint's last step, when the commit runs it).",
                  stats.transaction_durations);
  return out;
}

}  // namespace webcare::server
