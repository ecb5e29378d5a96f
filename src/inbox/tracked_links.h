#pragma once
// Tracked links: when a reply is sent, each http:// or https:// link in it is replaced by a
// short link <public URL>/l/<code> that Webcare serves. Following it counts one click for that
// link in that conversation and redirects to the original address. Nothing else is recorded:
// no address, browser, cookie or identity of whoever clicked (docs/canned-answers.md).
//
// Why the measured length stays true: X and Mastodon count every http(s) link as 23 characters,
// whatever its length, so a short link counts exactly as the link it replaces. The other
// networks count characters, and a short link may be longer or shorter than the original; so
// InboxService measures and checks the text with its short links in place (Plan), and sends
// exactly that text. Codes have a fixed length, so a measure made before sending counts the
// same as the reply that is sent, even though a new link gets its code only then.

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "core/canned.h"
#include "core/event.h"
#include "storage/store.h"

namespace webcare::inbox {

// Random bytes per code: 96 bits, which nobody guesses, in 16 URL-safe characters.
inline constexpr size_t kLinkCodeBytes = 12;
inline constexpr size_t kLinkCodeLength = 16;
// Longer links are left as they are rather than stored.
inline constexpr size_t kMaxTrackedUrlBytes = 2048;

// A reply's text with its links replaced, and the short links new to the conversation.
struct LinkPlan {
  std::string text;
  std::vector<storage::NewTrackedLink> new_links;
};

// "<public_base>/l/<code>".
std::string ShortLink(std::string_view public_base, std::string_view code);

// Replaces every http(s) link of `text` (as FindLinkSpans finds them: trailing punctuation
// and an unmatched ")" stay outside) by its short link. A link the conversation already has
// (`existing`), or that occurs twice, keeps one code; links that are already short links of
// `public_base`, and links longer than kMaxTrackedUrlBytes, stay as they are. `new_code`
// draws the code of each new link. Pure.
LinkPlan RewriteLinks(std::string_view text, std::string_view public_base,
                      const std::vector<core::TrackedLink>& existing,
                      const std::function<std::string()>& new_code);

// True when `code` has the form of a code; anything else is not looked up.
bool IsLinkCode(std::string_view code);

// The public URL as the short links start with it: "https://care.example.com/" becomes
// "https://care.example.com". InvalidArgument unless it is an http(s) URL without query,
// fragment, spaces or user info.
absl::StatusOr<std::string> NormalisePublicUrl(std::string_view url);

// The stored address as a Location header value: bytes outside printable ASCII are
// percent-encoded.
std::string RedirectTarget(std::string_view url);

// Makes short links for replies and follows them. Thread-safe.
class LinkTracker {
 public:
  // `store` must outlive the tracker. `public_base` is the normalised public URL; empty: links
  // are not tracked (and the log says why, see serve).
  LinkTracker(storage::Store& store, core::EventSink& events, std::string public_base);

  // serve knows its own address only after it listens (port 0 picks one).
  void SetPublicBase(std::string public_base);
  std::string public_base() const;

  // The text as it will be sent. Links are replaced when `track` (the reply's own choice),
  // the company setting allows it and a public URL is known; otherwise the text comes back
  // unchanged. Stores nothing: the reply stores `new_links` with itself (NewReply), so a
  // reply that is refused leaves no links behind.
  absl::StatusOr<LinkPlan> Plan(core::ConversationId conversation, std::string_view text, bool track);

  // Counts one click on `code`, announces it to open screens, and returns the address to send
  // the visitor to. NotFound for a code that does not exist or has not the form of one.
  absl::StatusOr<std::string> Follow(std::string_view code);

  // The conversation's links with their clicks, oldest first.
  absl::StatusOr<std::vector<core::TrackedLink>> List(core::ConversationId conversation);

 private:
  storage::Store& store_;
  core::EventSink& events_;
  mutable std::mutex mutex_;
  std::string public_base_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace webcare::inbox
