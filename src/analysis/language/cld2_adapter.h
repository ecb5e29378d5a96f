#pragma once
// The one place that talks to CLD2 (Debian libcld2). Everything else in the module sees plain
// structs, so the third-party header stays in cld2_adapter.cc.

#include <array>
#include <string_view>

namespace webcare::analysis::language {

// One of CLD2's (at most three) languages for a text.
struct Cld2Language {
  // ISO 639-1 where one exists ("nl", "en", "he" for CLD2's "iw"), otherwise the code CLD2
  // uses (ISO 639-2/3, like "haw"); "und" for an empty slot or an unknown language. Points to
  // static storage.
  std::string_view code = "und";
  int percent = 0;                // Share of the text's letters CLD2 gave to this language.
  double normalized_score = 0.0;  // CLD2's score per 1000 bytes relative to typical text:
                                  // ~1000 is normal, far below means a weak match.
};

struct Cld2Result {
  std::array<Cld2Language, 3> languages;
  bool reliable = false;  // CLD2's own verdict; always false for an empty or unknown result.
  int text_bytes = 0;     // Letters-only bytes CLD2 scored.
};

// Runs CLD2 on plain text. With `best_effort`, CLD2 names a language even for very short text
// (kCLDFlagBestEffort) instead of answering "unknown". `text` should be valid UTF-8; otherwise
// CLD2 refuses it and the result is "und". Thread-safe: CLD2 keeps no mutable global state.
Cld2Result RunCld2(std::string_view text, bool best_effort);

}  // namespace webcare::analysis::language
