#pragma once
// Outgoing webhooks: one signed HTTP POST of a JSON event to a customer's receiver, and the
// retry schedule for failed deliveries. The caller (the webhook outbox) stores deliveries and
// decides when to call Send again; this file does the HTTP and the signing. The format for
// receivers is documented in docs/webhooks.md.

#include <string>
#include <string_view>

#include "base/clock.h"

namespace webcare::ingest {

struct WebhookTarget {
  std::string url;                                     // http:// or https://
  std::string secret;                                  // HMAC key
  base::Micros timeout = 10 * base::kMicrosPerSecond;  // Whole request; <= 0 means 10 s.
};

enum class DeliveryOutcome { kDelivered, kRetry, kFailed };  // kFailed: permanent, do not retry

struct DeliveryResult {
  DeliveryOutcome outcome;
  int http_status = 0;  // 0 when no response
  // Human-readable, for the UI: "HTTP 503 from receiver", "timed out after 10 s",
  // "connection refused". Empty when delivered.
  std::string error;
};

// Signs and POSTs one JSON body. Headers: Content-Type: application/json,
// User-Agent: Webcare-Webhook/1, X-Webcare-Event: <event>, X-Webcare-Delivery: <delivery_id>,
// X-Webcare-Timestamp: <unix seconds>,
// X-Webcare-Signature: sha256=<HmacSha256Hex(secret, timestamp + "." + body)>.
// 2xx -> delivered; 408, 429, 5xx, timeouts and connection errors -> retry; other 4xx -> failed.
// Thread-safe (one curl easy handle per call is fine). Never follows redirects. Does not throw.
//
// Also failed, without sending: a URL that is not http:// or https://, and an event or delivery
// id with characters other than printable ASCII (they would break the header). A 3xx answer is
// failed too: the receiver's URL has moved and an admin must enter the new one. Transport errors
// other than a malformed URL (DNS, TLS, reset connections) are retried. Proxy settings in the
// environment are ignored, like everything else in the environment. The response body is read
// and discarded. `clock` supplies the timestamp and must outlive the sender.
class WebhookSender {
 public:
  explicit WebhookSender(const base::Clock& clock);
  DeliveryResult Send(const WebhookTarget& target, std::string_view event,
                      std::string_view delivery_id, std::string_view body);

 private:
  const base::Clock& clock_;
};

inline constexpr int kMaxWebhookAttempts = 6;

// Backoff before attempt number `attempt` (1-based count of attempts already made):
// 10 s, 30 s, 2 min, 10 min, 30 min, then give up after `kMaxWebhookAttempts` (= 6) attempts.
// Values outside 1..kMaxWebhookAttempts-1 are clamped into it; ask MayRetry first.
base::Micros RetryDelay(int attempts_made);

// True while another attempt is allowed after `attempts_made` attempts that asked for a retry.
inline constexpr bool MayRetry(int attempts_made) { return attempts_made < kMaxWebhookAttempts; }

// The signature a receiver should compute; documented for users in docs/webhooks.md.
// HmacSha256Hex(secret, timestamp + "." + body): 64 lowercase hex digits, without "sha256=".
std::string WebhookSignature(std::string_view secret, std::string_view timestamp,
                             std::string_view body);

}  // namespace webcare::ingest
