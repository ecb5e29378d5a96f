#pragma once
// How long a reply is in the eyes of the network it goes to, so the composer can warn before
// the network refuses the message. Each network counts differently: X weighs characters and
// counts every link as 23, Mastodon counts links as 23 and remote mentions without their
// domain, the rest count Unicode code points.

#include <string>
#include <string_view>
#include <vector>

namespace webcare::inbox {

struct ReplyLength {
  int count = 0;         // Characters as the network counts them.
  int limit = 0;         // The network's maximum for this kind of message.
  std::string counting;  // How it was counted, for the UI: "X weighted characters, links count 23"
  bool fits() const { return count <= limit; }
};

// The length every link counts as on X and Mastodon, whatever its own length: both networks
// replace links by a shortened form of this size.
inline constexpr int kLinkLength = 23;

// Counts `text` the way `network` counts it ("x", "mastodon", "facebook", "instagram", "email",
// "forum", anything else; ASCII case is ignored, "twitter" is "x" and "e-mail" is "email") for
// a public reply or a private message (DM). The text is NFC-normalised first; ill-formed UTF-8
// counts as U+FFFD replacement characters. Never fails. Thread-safe.
//
//   network     public                                   private
//   x           280 weighted (see below), links 23       10,000 code points
//   mastodon    500 code points, links 23, @user@host counts as @user (public and direct)
//   facebook    8,000 code points                        2,000 code points
//   instagram   2,200 code points                        1,000 code points
//   email       100,000 code points
//   forum       20,000 code points
//   other       5,000 code points
//
// X weights: code points in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F and U+2032-U+2037
// weigh 1, any other code point 2, and a whole emoji (with its skin tone, ZWJ sequence, flag or
// keycap) 2. X counts links with or without a scheme ("bol.com/x"); Mastodon only links that
// start with http:// or https://, so for Mastodon "bol.com/x" is 9 characters.
ReplyLength CountReply(std::string_view network, bool is_private, std::string_view text);

// The links CountReply finds in `text`, in order, as they appear after NFC normalisation.
// `require_scheme` limits them to links that start with http:// or https:// (Mastodon's rule).
// For the composer's link preview and for tests.
std::vector<std::string> FindLinks(std::string_view text, bool require_scheme);

// Where a link lies in a text: `size` bytes from byte `offset`.
struct LinkSpan {
  size_t offset = 0;
  size_t size = 0;
};

// The links FindLinks finds, as byte ranges of `text` as it is (not normalised), for code that
// replaces them (tracked links). Ill-formed UTF-8 is never part of a link. Thread-safe.
std::vector<LinkSpan> FindLinkSpans(std::string_view text, bool require_scheme);

}  // namespace webcare::inbox
