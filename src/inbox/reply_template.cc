#include "inbox/reply_template.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::inbox {
namespace {

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimAsciiSpace(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Dutch, German and French name particles, lower case. They are not part of the surname for
// initials ("Marieke van den Berg" is "MB"), and a name that starts with one has no first name.
constexpr std::array<std::string_view, 29> kParticles = {
    "van", "von", "vom", "de",  "der", "den", "het", "ter",   "ten",  "te",
    "in",  "'t",  "'s",  "op",  "aan", "bij", "uit", "onder", "over", "voor",
    "tot", "zu",  "zum", "zur", "du",  "la",  "le",  "d'",    "l'"};

bool IsParticle(std::string_view word) {
  // A typographic apostrophe (’t) is the same particle as a typewriter one ('t).
  const std::string lower = base::ReplaceAll(base::AsciiLower(word), "\u2019", "'");
  return std::find(kParticles.begin(), kParticles.end(), lower) != kParticles.end();
}

bool IsSpace(char32_t c) {
  return c < 0x80 ? IsAsciiSpace(static_cast<char>(c)) : static_cast<bool>(u_isUWhiteSpace(c));
}

// The words of `name`, split at white space (including no-break spaces).
std::vector<std::string_view> Words(std::string_view name) {
  std::vector<std::string_view> words;
  size_t start = 0;
  size_t i = 0;
  while (i < name.size()) {
    char32_t c = 0;
    const size_t length = base::DecodeUtf8(name, i, c);
    if (length > 0 && IsSpace(c)) {
      if (i > start) words.push_back(name.substr(start, i - start));
      start = i + length;
    }
    i += length > 0 ? length : 1;  // An ill-formed byte is part of the word, never a separator.
  }
  if (start < name.size()) words.push_back(name.substr(start));
  return words;
}

// The first letter or digit of `word` in upper case, as UTF-8, or "" when it has none.
std::string FirstLetterUpper(std::string_view word) {
  for (size_t i = 0; i < word.size();) {
    char32_t c = 0;
    const size_t length = base::DecodeUtf8(word, i, c);
    if (length == 0) {
      ++i;
      continue;
    }
    if (u_isalnum(static_cast<UChar32>(c))) {
      uint8_t buffer[U8_MAX_LENGTH];
      int32_t size = 0;
      U8_APPEND_UNSAFE(buffer, size, u_toupper(static_cast<UChar32>(c)));
      return std::string(reinterpret_cast<const char*>(buffer), size);
    }
    i += length;
  }
  return "";
}

// Walks `text`: on_literal(part) for the text between variables, on_variable(name) (trimmed)
// for each "{{ name }}", stopping at the first error of either.
template <typename OnLiteral, typename OnVariable>
absl::Status ScanTemplate(std::string_view text, OnLiteral on_literal, OnVariable on_variable) {
  size_t position = 0;
  while (true) {
    const size_t open = text.find(kOpen, position);
    if (open == std::string_view::npos) break;
    on_literal(text.substr(position, open - position));
    const size_t close = text.find(kClose, open + kOpen.size());
    // A second "{{" before the "}}" means the first one was never closed; reporting it rather
    // than an odd variable name points the writer at the real mistake.
    const size_t next_open = text.find(kOpen, open + kOpen.size());
    if (close == std::string_view::npos || next_open < close) {
      return absl::InvalidArgumentError(
          base::StrCat("\"{{\" at byte ", open, " is not closed by \"}}\""));
    }
    const std::string_view name =
        TrimAsciiSpace(text.substr(open + kOpen.size(), close - open - kOpen.size()));
    if (name.empty()) {
      return absl::InvalidArgumentError(
          base::StrCat("empty variable name in \"{{ }}\" at byte ", open));
    }
    RETURN_IF_ERROR(on_variable(name));
    position = close + kClose.size();
  }
  on_literal(text.substr(position));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> RenderTemplate(std::string_view text,
                                           const TemplateVariables& variables) {
  std::string out;
  out.reserve(text.size());
  RETURN_IF_ERROR(ScanTemplate(
      text, [&](std::string_view literal) { out.append(literal); },
      [&](std::string_view name) -> absl::Status {
        const auto it = variables.find(name);
        if (it == variables.end()) {
          std::vector<std::string_view> known;
          for (const auto& [key, value] : variables) known.push_back(key);
          return absl::InvalidArgumentError(
              base::StrCat("unknown template variable \"", name, "\"",
                           known.empty() ? "" : "; known: ", base::StrJoin(known, ", ")));
        }
        out.append(it->second);
        return absl::OkStatus();
      }));
  return out;
}

absl::StatusOr<std::vector<std::string>> TemplateVariableNames(std::string_view text) {
  std::vector<std::string> names;
  RETURN_IF_ERROR(ScanTemplate(
      text, [](std::string_view) {},
      [&](std::string_view name) -> absl::Status {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
        return absl::OkStatus();
      }));
  return names;
}

std::string Initials(std::string_view name) {
  std::vector<std::string> letters;
  std::vector<std::string> with_particles;
  for (std::string_view word : Words(name)) {
    std::string letter = FirstLetterUpper(word);
    if (letter.empty()) continue;
    with_particles.push_back(letter);
    if (!IsParticle(word)) letters.push_back(std::move(letter));
  }
  if (letters.empty()) letters = std::move(with_particles);
  if (letters.size() > 3) {
    // Keep the surname: first names come first, the family name last.
    letters = {letters[0], letters[1], letters.back()};
  }
  return base::StrJoin(letters, "");
}

std::string FirstName(std::string_view name) {
  const std::string_view trimmed = TrimAsciiSpace(name);
  const std::vector<std::string_view> words = Words(trimmed);
  if (words.empty()) return "";
  if (IsParticle(words.front())) return std::string(trimmed);
  return std::string(words.front());
}

}  // namespace webcare::inbox
