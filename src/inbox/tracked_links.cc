#include "inbox/tracked_links.h"

#include <algorithm>
#include <map>

#include "base/crypto.h"
#include "base/status.h"
#include "base/strings.h"
#include "inbox/company_settings.h"
#include "inbox/reply_length.h"

namespace webcare::inbox {
namespace {

bool IsCodeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string ShortLink(std::string_view public_base, std::string_view code) {
  return base::StrCat(public_base, "/l/", code);
}

LinkPlan RewriteLinks(std::string_view text, std::string_view public_base,
                      const std::vector<core::TrackedLink>& existing,
                      const std::function<std::string()>& new_code) {
  std::map<std::string, std::string, std::less<>> codes;  // url -> code
  for (const core::TrackedLink& link : existing) codes.emplace(link.url, link.code);
  // Links that already point here: rewriting them would only chain one redirect to another.
  const std::string own_prefix = base::AsciiLower(ShortLink(public_base, ""));

  LinkPlan plan;
  plan.text.reserve(text.size());
  size_t copied = 0;
  for (const LinkSpan& span : FindLinkSpans(text, /*require_scheme=*/true)) {
    const std::string_view url = text.substr(span.offset, span.size);
    if (url.size() > kMaxTrackedUrlBytes || base::StartsWithAsciiLower(url, own_prefix)) continue;
    auto code = codes.find(url);
    if (code == codes.end()) {
      code = codes.emplace(std::string(url), new_code()).first;
      plan.new_links.push_back({.code = code->second, .url = std::string(url)});
    }
    plan.text.append(text.substr(copied, span.offset - copied));
    plan.text.append(ShortLink(public_base, code->second));
    copied = span.offset + span.size;
  }
  plan.text.append(text.substr(copied));
  return plan;
}

bool IsLinkCode(std::string_view code) {
  return code.size() == kLinkCodeLength && std::all_of(code.begin(), code.end(), IsCodeChar);
}

absl::StatusOr<std::string> NormalisePublicUrl(std::string_view url) {
  const auto invalid = [&] {
    return absl::InvalidArgumentError(base::StrCat(
        "the public URL must be an http:// or https:// address such as https://care.example.com, "
        "without query or fragment; got \"", url, "\""));
  };
  size_t host = 0;
  if (base::StartsWithAsciiLower(url, "https://")) {
    host = 8;
  } else if (base::StartsWithAsciiLower(url, "http://")) {
    host = 7;
  } else {
    return invalid();
  }
  std::string_view rest = url.substr(host);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const std::string_view host_part = rest.substr(0, rest.find('/'));
  if (host_part.empty() || url.size() > 500 ||
      rest.find_first_of("?#@ \t\r\n\\\"<>`{}|^") != std::string_view::npos ||
      std::any_of(rest.begin(), rest.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    return invalid();
  }
  return base::StrCat(base::AsciiLower(url.substr(0, host)), rest);
}

std::string RedirectTarget(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

LinkTracker::LinkTracker(storage::Store& store, core::EventSink& events, std::string public_base)
    : store_(store), events_(events), public_base_(std::move(public_base)) {}

void LinkTracker::SetPublicBase(std::string public_base) {
  std::lock_guard lock(mutex_);
  public_base_ = std::move(public_base);
}

std::string LinkTracker::public_base() const {
  std::lock_guard lock(mutex_);
  return public_base_;
}

absl::StatusOr<LinkPlan> LinkTracker::Plan(core::ConversationId conversation, std::string_view text,
                                           bool track) {
  const std::string base = public_base();
  if (!track || base.empty()) return LinkPlan{.text = std::string(text)};
  ASSIGN_OR_RETURN(CompanySettings settings, LoadCompanySettings(store_));
  if (!settings.track_links) return LinkPlan{.text = std::string(text)};
  // Most replies have no link: skip the read of the conversation's links for them.
  if (FindLinkSpans(text, /*require_scheme=*/true).empty()) return LinkPlan{.text = std::string(text)};
  ASSIGN_OR_RETURN(std::vector<core::TrackedLink> existing, store_.ListTrackedLinks(conversation));
  return RewriteLinks(text, base, existing, [] { return base::RandomUrlToken(kLinkCodeBytes); });
}

absl::StatusOr<std::string> LinkTracker::Follow(std::string_view code) {
  if (!IsLinkCode(code)) return absl::NotFoundError("no tracked link has this code");
  ASSIGN_OR_RETURN(core::TrackedLink link, store_.ClickTrackedLink(std::string(code)));
  events_.Publish(core::EventsRecorded{});
  return RedirectTarget(link.url);
}

absl::StatusOr<std::vector<core::TrackedLink>> LinkTracker::List(core::ConversationId conversation) {
  return store_.ListTrackedLinks(conversation);
}

}  // namespace webcare::inbox
