#pragma once
// The outbox: replies written in Webcare leave from here. A worker thread takes the replies
// whose next attempt is due, hands each to the delivery channel, and records the outcome:
// delivered, pending again with a later attempt (backoff), or failed after the last attempt.
// Until the network connectors exist the channel is a webhook (docs/webhooks.md), configured
// by an admin under the setting `webhook`.

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "base/clock.h"
#include "core/event.h"
#include "ingest/webhook/webhook_sender.h"
#include "storage/store.h"

namespace webcare::ingest {

// The settings key of the webhook channel: {"url": "...", "secret": "..."}.
inline constexpr char kWebhookSetting[] = "webhook";

// Reads the configured webhook; NotFound when none is configured.
absl::StatusOr<WebhookTarget> LoadWebhookTarget(storage::Store& store);
// Checks and stores a webhook target: an http(s) URL and a secret of at least 16 bytes.
absl::Status SaveWebhookTarget(storage::Store& store, const WebhookTarget& target);

struct OutboxOptions {
  base::Micros poll_interval = base::kMicrosPerSecond;
  int batch = 50;
};

class Outbox {
 public:
  // All references must outlive the outbox. `events` hears of every recorded attempt.
  Outbox(storage::Store& store, core::EventSink& events, const base::Clock& clock,
         OutboxOptions options = {});
  ~Outbox();

  // Starts the worker thread.
  void Start();
  // Stops it after the delivery in progress. Idempotent.
  void Stop();
  // Asks the worker to look for due replies now (a reply was just queued). Thread-safe.
  void Wake();

  // One round: delivers every due reply once. Returns how many were attempted. The worker
  // calls this; tests call it directly.
  absl::StatusOr<int> DeliverDue();

 private:
  void Run();

  storage::Store& store_;
  core::EventSink& events_;
  const base::Clock& clock_;
  const OutboxOptions options_;
  WebhookSender sender_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ ABSL_GUARDED_BY(mutex_) = false;
  bool woken_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread worker_;
};

// Wakes the outbox when replies may have been queued (any inbox event).
class OutboxWaker final : public core::EventSink {
 public:
  explicit OutboxWaker(Outbox& outbox) : outbox_(outbox) {}
  void Publish(const core::DomainEvent& event) override;

 private:
  Outbox& outbox_;
};

}  // namespace webcare::ingest
