#include "ingest/outbox/outbox.h"

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "spdlog/spdlog.h"

namespace webcare::ingest {
namespace {

using nlohmann::json;

constexpr size_t kMinSecretBytes = 16;

// What the receiver gets for one reply (docs/webhooks.md).
std::string DeliveryBody(const storage::DueDelivery& due) {
  const core::Post& post = due.post;
  json sent_by = post.sent_by.valid() ? json{{"id", post.sent_by.value()}, {"name", post.sent_by_name}}
                                      : json(nullptr);
  // Files agents attached: what they are and their SHA-256; the receiver fetches the bytes from
  // `url` on Webcare with an API token (docs/webhooks.md, "Attachments").
  json attachments = json::array();
  for (const core::Attachment& attachment : post.attachments) {
    attachments.push_back({{"id", attachment.id.value()},
                           {"name", attachment.name},
                           {"media_type", attachment.media_type},
                           {"size", attachment.size},
                           {"sha256", attachment.sha256},
                           {"url", attachment.url}});
  }
  return json{{"event", "reply.created"},
              {"reply",
               {{"id", post.id.value()},
                {"conversation_id", post.conversation.value()},
                {"network", post.network},
                {"channel", post.channel},
                {"external_id", post.external_id},
                {"in_reply_to", post.in_reply_to.empty() ? json(nullptr) : json(post.in_reply_to)},
                {"private", post.is_private},
                {"text", post.text},
                {"attachments", std::move(attachments)},
                {"author", {{"handle", post.author.handle}, {"name", post.author.name}}},
                {"sent_by", std::move(sent_by)},
                {"created_at", base::FormatRfc3339(post.created_at)}}}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

absl::StatusOr<WebhookTarget> LoadWebhookTarget(storage::Store& store) {
  ASSIGN_OR_RETURN(std::string text, store.GetSetting(kWebhookSetting));
  const json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object() || !value.contains("url") || !value["url"].is_string() ||
      !value.contains("secret") || !value["secret"].is_string()) {
    return absl::InternalError("the stored webhook setting is not {\"url\", \"secret\"}");
  }
  return WebhookTarget{.url = value["url"].get<std::string>(), .secret = value["secret"].get<std::string>()};
}

absl::Status SaveWebhookTarget(storage::Store& store, const WebhookTarget& target) {
  if (!base::StartsWithAsciiLower(target.url, "http://") && !base::StartsWithAsciiLower(target.url, "https://")) {
    return absl::InvalidArgumentError("url must start with http:// or https://");
  }
  if (target.url.size() > 2000 || target.url.find_first_of(" \r\n\t") != std::string::npos) {
    return absl::InvalidArgumentError("url must be one address of at most 2000 bytes without spaces");
  }
  if (target.secret.size() < kMinSecretBytes) {
    return absl::InvalidArgumentError(
        base::StrCat("secret must be at least ", kMinSecretBytes, " bytes, so signatures cannot be guessed"));
  }
  return store.PutSetting(kWebhookSetting, json{{"url", target.url}, {"secret", target.secret}}.dump());
}

Outbox::Outbox(storage::Store& store, core::EventSink& events, const base::Clock& clock,
               OutboxOptions options)
    : store_(store), events_(events), clock_(clock), options_(options), sender_(clock) {}

Outbox::~Outbox() { Stop(); }

void Outbox::Start() {
  std::lock_guard lock(mutex_);
  if (worker_.joinable()) return;
  stop_ = false;
  worker_ = std::thread([this] { Run(); });
}

void Outbox::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Outbox::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void Outbox::Run() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::microseconds(options_.poll_interval),
                     [this] { return stop_ || woken_; });
      if (stop_) return;
      woken_ = false;
    }
    auto attempted = DeliverDue();
    if (!attempted.ok()) spdlog::warn("outbox: {}", base::ToStd(attempted.status().message()));
  }
}

absl::StatusOr<int> Outbox::DeliverDue() {
  ASSIGN_OR_RETURN(std::vector<storage::DueDelivery> due,
                   store_.ListDueDeliveries(clock_.NowMicros(), options_.batch));
  if (due.empty()) return 0;
  auto target = LoadWebhookTarget(store_);
  if (!target.ok() && !absl::IsNotFound(target.status())) return target.status();
  for (const storage::DueDelivery& item : due) {
    storage::DeliveryAttempt attempt;
    const int attempts = item.attempts + 1;
    if (!target.ok()) {
      attempt.state = core::DeliveryState::kFailed;
      attempt.error = base::StrCat("no delivery channel for ", item.post.network,
                                   ": an admin sets a webhook (PUT /api/v1/settings/webhook)");
    } else {
      const DeliveryResult result =
          // The same delivery id on every attempt, so a receiver can drop a repeat.
          sender_.Send(*target, "reply.created", base::StrCat(item.id.value()), DeliveryBody(item));
      attempt.error = result.error;
      if (result.outcome == DeliveryOutcome::kDelivered) {
        attempt.state = core::DeliveryState::kDelivered;
      } else if (result.outcome == DeliveryOutcome::kRetry && attempts < kMaxWebhookAttempts) {
        attempt.state = core::DeliveryState::kPending;
        attempt.next_attempt_at = clock_.NowMicros() + RetryDelay(attempts);
      } else {
        attempt.state = core::DeliveryState::kFailed;
        if (result.outcome == DeliveryOutcome::kRetry) {
          attempt.error = base::StrCat(result.error, " (gave up after ", attempts, " attempts)");
        }
      }
    }
    ASSIGN_OR_RETURN(int64_t seq, store_.RecordDeliveryAttempt(item.id, attempt));
    events_.Publish(core::EventsRecorded{.up_to = seq});
  }
  return static_cast<int>(due.size());
}

void OutboxWaker::Publish(const core::DomainEvent& event) {
  if (std::holds_alternative<core::EventsRecorded>(event)) outbox_.Wake();
}

}  // namespace webcare::ingest
