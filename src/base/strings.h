#pragma once
// String building and number parsing on std::string_view. Debian's Abseil is built with its own
// absl::string_view, which does not convert from std::string_view, so absl::StrCat and friends
// are not used in this code base; these helpers take the place of the few we need.

#include <charconv>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"

namespace webcare::base {

namespace internal {
inline void AppendPiece(std::string& out, std::string_view piece) { out.append(piece); }
inline void AppendPiece(std::string& out, const char* piece) { out.append(piece); }
inline void AppendPiece(std::string& out, const std::string& piece) { out.append(piece); }
inline void AppendPiece(std::string& out, absl::string_view piece) { out.append(piece.data(), piece.size()); }
inline void AppendPiece(std::string& out, char c) { out.push_back(c); }
inline void AppendPiece(std::string& out, bool value) { out.append(value ? "true" : "false"); }
template <std::integral T>
  requires(!std::same_as<T, char> && !std::same_as<T, bool>)
void AppendPiece(std::string& out, T value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}
void AppendPiece(std::string& out, double value);
}  // namespace internal

// Concatenates strings, characters and numbers.
template <typename... Pieces>
std::string StrCat(const Pieces&... pieces) {
  std::string out;
  (internal::AppendPiece(out, pieces), ...);
  return out;
}

template <typename... Pieces>
void StrAppend(std::string& out, const Pieces&... pieces) {
  (internal::AppendPiece(out, pieces), ...);
}

template <typename Range>
std::string StrJoin(const Range& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& part : parts) {
    if (!first) out.append(separator);
    internal::AppendPiece(out, part);
    first = false;
  }
  return out;
}

// Parses the whole of `text` as a base-10 integer; false on anything else (no partial parse).
template <std::integral T>
bool ParseInt(std::string_view text, T& out) {
  if (text.empty()) return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

std::vector<std::string_view> Split(std::string_view text, char separator);
std::string ReplaceAll(std::string_view text, std::string_view from, std::string_view to);
std::string AsciiLower(std::string_view text);
// `text` without ASCII white space at either end.
std::string_view Trim(std::string_view text);
// True when `text` starts with `prefix` ignoring the case of A to Z; `prefix` is lower case.
bool StartsWithAsciiLower(std::string_view text, std::string_view prefix);
// True when `text` starts with a web address: "http://", "https://" or "www.", any case.
bool StartsWithWebAddress(std::string_view text);
// 1234567 => "1,234,567", for figures people read.
std::string WithThousands(int64_t value);

inline std::string_view ToStd(absl::string_view text) { return {text.data(), text.size()}; }
inline absl::string_view ToAbsl(std::string_view text) { return {text.data(), text.size()}; }

}  // namespace webcare::base
