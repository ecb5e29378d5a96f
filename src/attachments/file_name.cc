#include "attachments/file_name.h"

#include <cctype>

#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::attachments {
namespace {

// Characters that are folder separators, reserved on Windows, or that break a quoted header
// value.
bool Reserved(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
         c == '<' || c == '>' || c == '|' || c == ';' || c == '%';
}

bool HasExtension(std::string_view name, std::string_view extension) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string have = base::AsciiLower(name.substr(dot + 1));
  return have == extension || (extension == "jpg" && have == "jpeg");
}

// Drops ill-formed UTF-8 (the store and the JSON API hold only valid text).
std::string ValidUtf8(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const size_t length = base::DecodeUtf8(text, i, c);
    if (length == 0) {
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace

std::string SanitiseFileName(std::string_view name, const ContentType& type) {
  // Only the last part of a path: browsers on Windows send "C:\Users\...\photo.png".
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  for (const char c : ValidUtf8(name)) {
    const bool blank = c == ' ' || Reserved(c);
    if (blank) {
      if (!clean.empty() && clean.back() != ' ' && clean.back() != '_') clean.push_back(Reserved(c) ? '_' : ' ');
    } else {
      clean.push_back(c);
    }
  }
  // No leading dots (hidden files, ".."), no trailing dots or spaces (Windows drops them).
  const size_t first = clean.find_first_not_of(". _");
  clean = first == std::string::npos ? std::string() : clean.substr(first);
  while (!clean.empty() && (clean.back() == '.' || clean.back() == ' ' || clean.back() == '_')) clean.pop_back();
  if (clean.empty()) clean = "attachment";
  const std::string suffix = HasExtension(clean, type.extension) ? "" : base::StrCat(".", type.extension);
  const size_t room = kMaxFileNameBytes - suffix.size();
  if (clean.size() > room) {
    // Keep the name's own extension when it is the right one: cut before it.
    const size_t dot = suffix.empty() ? clean.rfind('.') : std::string::npos;
    const std::string extension = dot == std::string::npos ? "" : clean.substr(dot);
    const std::string stem = clean.substr(0, dot == std::string::npos ? clean.size() : dot);
    clean = base::StrCat(base::TruncateUtf8(stem, room - extension.size()), extension);
  }
  return clean + suffix;
}

std::string ContentDisposition(std::string_view name, bool show_inline) {
  std::string ascii;
  std::string encoded;
  for (const char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    ascii.push_back(u < 0x20 || u >= 0x7F || c == '"' || c == '\\' ? '_' : c);
    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
    if (std::isalnum(u) || std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos) {
      encoded.push_back(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[u >> 4];
      encoded += kHex[u & 0xF];
    }
  }
  return base::StrCat(show_inline ? "inline" : "attachment", "; filename=\"", ascii, "\"; filename*=UTF-8''",
                      encoded);
}

}  // namespace webcare::attachments
