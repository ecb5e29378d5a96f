#include "ingest/webhook/webhook_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <mutex>
#include <system_error>

#include "base/crypto.h"
#include "base/strings.h"

namespace webcare::ingest {
namespace {

constexpr base::Micros kDefaultTimeout = 10 * base::kMicrosPerSecond;

// curl_global_init() is not thread-safe in every libcurl build and must run before the first
// easy handle; doing it once here keeps that detail out of the composition root.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

// Receivers may answer with a page of HTML; nobody reads it, so it is not kept.
size_t DiscardBody(char*, size_t size, size_t count, void*) { return size * count; }

bool IsHttpUrl(std::string_view url) {
  return base::StartsWithAsciiLower(url, "http://") || base::StartsWithAsciiLower(url, "https://");
}

// Header values are written verbatim into the request, so CR or LF would start a header of the
// caller's choosing.
bool IsPrintableAscii(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

std::string DescribeDuration(base::Micros duration) {
  if (duration % base::kMicrosPerSecond == 0) {
    return base::StrCat(duration / base::kMicrosPerSecond, " s");
  }
  return base::StrCat(std::max<base::Micros>(duration / 1000, 1), " ms");
}

DeliveryResult FromHttpStatus(int status) {
  const std::string error = base::StrCat("HTTP ", status, " from receiver");
  if (status >= 200 && status < 300) return {DeliveryOutcome::kDelivered, status, ""};
  // 408 and 429 say "not now"; 5xx is the receiver's own trouble. All may pass.
  if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
    return {DeliveryOutcome::kRetry, status, error};
  }
  if (status >= 300 && status < 400) {
    return {DeliveryOutcome::kFailed, status,
            base::StrCat(error, "; redirects are not followed, update the webhook URL")};
  }
  return {DeliveryOutcome::kFailed, status, error};
}

DeliveryResult FromCurlError(CURLcode code, const char* details, long os_error,
                             base::Micros timeout) {
  const std::string_view detail = details[0] != '\0' ? details : curl_easy_strerror(code);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return {DeliveryOutcome::kRetry, 0,
              base::StrCat("timed out after ", DescribeDuration(timeout))};
    case CURLE_COULDNT_CONNECT:
      // curl's own text ("Failed to connect to host port N after 0 ms: Couldn't connect to
      // server") does not say why; the socket's errno does.
      if (os_error == ECONNREFUSED) return {DeliveryOutcome::kRetry, 0, "connection refused"};
      if (os_error != 0) {
        return {DeliveryOutcome::kRetry, 0,
                base::StrCat("could not connect: ",
                             std::system_category().message(static_cast<int>(os_error)))};
      }
      return {DeliveryOutcome::kRetry, 0, base::StrCat("could not connect: ", detail)};
    case CURLE_COULDNT_RESOLVE_HOST:
      return {DeliveryOutcome::kRetry, 0, base::StrCat("could not resolve host: ", detail)};
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      // The same URL will never work; an admin has to change it.
      return {DeliveryOutcome::kFailed, 0, base::StrCat("invalid webhook URL: ", detail)};
    default:
      return {DeliveryOutcome::kRetry, 0, std::string(detail)};
  }
}

}  // namespace

WebhookSender::WebhookSender(const base::Clock& clock) : clock_(clock) { InitCurlOnce(); }

DeliveryResult WebhookSender::Send(const WebhookTarget& target, std::string_view event,
                                   std::string_view delivery_id, std::string_view body) {
  if (!IsHttpUrl(target.url)) {
    return {DeliveryOutcome::kFailed, 0, "webhook URL must start with http:// or https://"};
  }
  if (!IsPrintableAscii(event) || !IsPrintableAscii(delivery_id)) {
    return {DeliveryOutcome::kFailed, 0, "event and delivery id must be printable ASCII"};
  }
  const base::Micros timeout = target.timeout > 0 ? target.timeout : kDefaultTimeout;
  const std::string timestamp = base::StrCat(clock_.NowMicros() / base::kMicrosPerSecond);

  Easy curl(curl_easy_init());
  if (curl == nullptr) return {DeliveryOutcome::kRetry, 0, "could not start an HTTP request"};

  const std::array<std::string, 7> header_lines = {
      "Content-Type: application/json",
      "User-Agent: Webcare-Webhook/1",
      base::StrCat("X-Webcare-Event: ", event),
      base::StrCat("X-Webcare-Delivery: ", delivery_id),
      base::StrCat("X-Webcare-Timestamp: ", timestamp),
      base::StrCat("X-Webcare-Signature: sha256=",
                   WebhookSignature(target.secret, timestamp, body)),
      // Without this curl sends "Expect: 100-continue" for bodies over 1 MiB and waits for a
      // reply some receivers never give.
      "Expect:",
  };
  // curl_slist_append copies each string and returns the head, or null when out of memory.
  curl_slist* list = nullptr;
  for (const std::string& line : header_lines) {
    curl_slist* appended = curl_slist_append(list, line.c_str());
    if (appended == nullptr) {
      curl_slist_free_all(list);
      return {DeliveryOutcome::kRetry, 0, "out of memory"};
    }
    list = appended;
  }
  const HeaderList headers(list);

  char error_buffer[CURL_ERROR_SIZE] = {};
  const std::string url(target.url);
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0 replaced the bit mask by a list.
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  // libcurl would read http_proxy and friends from the environment otherwise.
  curl_easy_setopt(handle, CURLOPT_PROXY, "");
  // Signals are process-wide; timeouts without them are what make curl usable from threads.
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max<base::Micros>(timeout / 1000, 1)));
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  // A null POSTFIELDS would make curl read the body from standard input.
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.empty() ? "" : body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, DiscardBody);

  const CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    long os_error = 0;
    curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_error);
    return FromCurlError(code, error_buffer, os_error, timeout);
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  return FromHttpStatus(static_cast<int>(status));
}

base::Micros RetryDelay(int attempts_made) {
  constexpr std::array<base::Micros, kMaxWebhookAttempts - 1> kDelays = {
      10 * base::kMicrosPerSecond, 30 * base::kMicrosPerSecond, 2 * 60 * base::kMicrosPerSecond,
      10 * 60 * base::kMicrosPerSecond, 30 * 60 * base::kMicrosPerSecond};
  const int index = std::clamp(attempts_made, 1, kMaxWebhookAttempts - 1) - 1;
  return kDelays[index];
}

std::string WebhookSignature(std::string_view secret, std::string_view timestamp,
                             std::string_view body) {
  std::string signed_text;
  signed_text.reserve(timestamp.size() + 1 + body.size());
  base::StrAppend(signed_text, timestamp, '.', body);
  return base::HmacSha256Hex(secret, signed_text);
}

}  // namespace webcare::ingest
