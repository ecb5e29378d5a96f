#include "analysis/language/cld2_adapter.h"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <cstdio>
#include <limits>

namespace webcare::analysis::language {
namespace {

// CLD2 kept a few codes that ISO 639-1 has since replaced, and marks Traditional Chinese with a
// script suffix; callers expect plain ISO 639-1.
std::string_view NormalizeCode(CLD2::Language language) {
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  const std::string_view code = CLD2::LanguageCode(language);
  if (code.empty() || code == "un" || code.starts_with("xx")) return "und";
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code == "zh-Hant") return "zh";
  return code;
}

}  // namespace

Cld2Result RunCld2(std::string_view text, bool best_effort) {
  Cld2Result result;
  if (text.empty() || text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return result;
  }
  CLD2::Language languages[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE,
                                 CLD2::UNKNOWN_LANGUAGE};
  int percents[3] = {0, 0, 0};
  double scores[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix_bytes = 0;
  const CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  const int flags = best_effort ? CLD2::kCLDFlagBestEffort : 0;
  CLD2::ExtDetectLanguageSummaryCheckUTF8(text.data(), static_cast<int>(text.size()),
                                          /*is_plain_text=*/true, &hints, flags, languages,
                                          percents, scores, /*resultchunkvector=*/nullptr,
                                          &text_bytes, &reliable, &valid_prefix_bytes);
  if (valid_prefix_bytes < static_cast<int>(text.size())) return result;
  for (int i = 0; i < 3; ++i) {
    result.languages[i] = {NormalizeCode(languages[i]), percents[i], scores[i]};
  }
  result.text_bytes = text_bytes;
  result.reliable = reliable && result.languages[0].code != "und";
  return result;
}

}  // namespace webcare::analysis::language
