#include "analysis/intent/cues.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "analysis/intent/scanner.h"
#include "base/strings.h"

namespace webcare::analysis::intent::internal {
namespace {

struct CueRow {
  std::string_view languages;  // "nl", "en", "*".
  uint32_t roles;
  std::string_view entries;  // '|'-separated.
};

constexpr CueRow kRows[] = {
#include "analysis/intent/cue_lists.inc"
};

// Emoji that carry intent beyond their sentiment: eye-rolling and facepalms are sarcasm and
// exasperation ("Geweldig, alweer vertraging 🙄"); thumbs and hearts are thanks.
struct EmojiRow {
  char32_t code_point;
  uint32_t roles;
  std::string_view name;
};
constexpr EmojiRow kEmojiRows[] = {
    {0x1F644, kFrustration, "🙄"}, {0x1F621, kFrustration, "😡"},
    {0x1F92C, kFrustration, "🤬"}, {0x1F624, kFrustration, "😤"},
    {0x1F926, kFrustration, "🤦"}, {0x1F620, kFrustration, "😠"},
    {0x1F44E, kFrustration, "👎"},    {0x1F4A9, kFrustration, "💩"},
    {0x1F612, kFrustration, "😒"},    {0x1F44D, kPraise, "👍"},
    {0x1F64F, kPraise, "🙏"},         {0x2764, kPraise, "❤"},
    {0x1F60D, kPraise, "😍"},         {0x1F970, kPraise, "🥰"},
    {0x1F44F, kPraise, "👏"},         {0x1F4AA, kPraise, "💪"},
    {0x1F389, kPraise, "🎉"},         {0x1F973, kPraise, "🥳"},
    {0x1F4AF, kPraise, "💯"},         {0x2B50, kPraise, "⭐"},
    {0x1F31F, kPraise, "🌟"},         {0x1F60A, kPraise, "😊"},
    {0x1F499, kPraise, "💙"},         {0x1F49A, kPraise, "💚"},
};

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Keys are short words: hashed eight bytes at a time, read with (overlapping) loads straight
// from the key, which costs a few multiplications per word instead of one per byte.
uint64_t Hash(std::string_view key) {
  const char* p = key.data();
  const size_t n = key.size();
  uint64_t h = (n + 1) * 0x9e3779b97f4a7c15ull;
  auto mix = [&h](uint64_t v) {
    h = (h ^ v) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  };
  if (n >= 8) {
    for (size_t i = 0; i + 8 <= n; i += 8) mix(Load64(p + i));
    if (n % 8 != 0) mix(Load64(p + n - 8));
  } else if (n >= 4) {
    mix(Load32(p) << 32 | Load32(p + n - 4));
  } else if (n > 0) {
    mix(uint64_t{static_cast<unsigned char>(p[0])} << 16 |
        uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 | static_cast<unsigned char>(p[n - 1]));
  }
  return h * 0x94d049bb133111ebull;
}

// The scanner key of `text` when it is exactly one word; empty otherwise.
std::string OneWordKey(std::string_view text) {
  Scanner scanner(text);
  Event event;
  std::string key;
  int words = 0;
  while (scanner.Next(event)) {
    if (event.kind != EventKind::kWord) return "";
    key = std::string(event.key);
    ++words;
  }
  return words == 1 ? key : "";
}

std::string_view CueLabel(int index, bool phrase) {
  switch (index) {
    case 0:
      return "interrogative";
    case 1:
      return "verb first";
    case 2:
      return "question phrase";
    case 3:
      return phrase ? "complaint phrase" : "complaint term";
    case 4:
      return "problem";
    case 5:
      return "problem topic";
    case 6:
      return "praise";
    case 7:
      return "request";
    case 8:
      return "information marker";
    case 9:
      return "duration";
    case 10:
      return "suggestion";
    case 11:
      return "resolved";
    default:
      return "pleasantry";
  }
}

}  // namespace

int CueIndex(uint32_t role) {
  if (role & (kInterrogative | kInterrogativeNoun)) return 0;
  if (role & (kVerbAnySubject | kVerbPronoun | kVerbPast)) return 1;
  if (role & (kAsk | kAnyone)) return 2;
  if (role & kFrustration) return 3;
  if (role & kProblem) return 4;
  if (role & kTopic) return 5;
  if (role & kPraise) return 6;
  if (role & kRequest) return 7;
  if (role & kInfo) return 8;
  if (role & kDuration) return 9;
  if (role & kWish) return 10;
  if (role & kResolved) return 11;
  if (role & kPleasantry) return 12;
  return -1;
}

const WordInfo* CueTables::Table::Find(std::string_view key) const {
  if (slots.empty() || key.empty() || key.size() > 255) return nullptr;
  const size_t mask = slots.size() - 1;
  const size_t inline_bytes = std::min(key.size(), Slot::kInline);
  const uint64_t hash = Hash(key);
  if (((filter[(hash >> 40) & 511] >> ((hash >> 34) & 63)) & 1) == 0) return nullptr;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots[i];
    if (slot.length == 0) return nullptr;
    if (slot.length != key.size()) continue;
    // Short words: a byte loop beats a call to memcmp.
    size_t k = 0;
    while (k < inline_bytes && slot.key[k] == key[k]) ++k;
    if (k < inline_bytes) continue;
    if (key.size() > Slot::kInline && key != keys[slot.index]) continue;
    return &slot.info;
  }
}

void CueTables::Table::Rehash() {
  size_t size = 16;
  while (size < keys.size() * 2) size *= 2;  // At most half full: short probes.
  slots.assign(size, Slot());
  for (size_t index = 0; index < keys.size(); ++index) {
    const std::string& key = keys[index];
    const uint64_t hash = Hash(key);
    filter[(hash >> 40) & 511] |= uint64_t{1} << ((hash >> 34) & 63);
    size_t i = hash & (size - 1);
    while (slots[i].length != 0) i = (i + 1) & (size - 1);
    Slot& slot = slots[i];
    std::memcpy(slot.key, key.data(), std::min(key.size(), Slot::kInline));
    slot.length = static_cast<uint8_t>(key.size());  // Keys are words: well under 256 bytes.
    slot.info = entries[index];
    slot.index = static_cast<uint32_t>(index);
  }
}

WordInfo& CueTables::Table::Insert(std::string_view key) {
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return entries[i];
  }
  keys.emplace_back(key);
  entries.emplace_back();
  if (key.size() < 32) lengths |= 1u << key.size();
  return entries.back();
}

const std::string* CueTables::Describe(uint32_t role, std::string_view text) {
  const int index = CueIndex(role);
  if (index < 0) return nullptr;
  const bool phrase = text.find(' ') != std::string_view::npos;
  descriptions_.push_back(
      std::make_unique<std::string>(base::StrCat(CueLabel(index, phrase), " '", text, "'")));
  return descriptions_.back().get();
}

uint16_t CueTables::WordId(std::string_view word) {
  for (size_t i = 0; i < words_.keys.size(); ++i) {
    if (words_.keys[i] == word) return words_.entries[i].id;
  }
  WordInfo& info = words_.Insert(word);
  info.id = static_cast<uint16_t>(words_.keys.size());  // Ids start at 1.
  return info.id;
}

void CueTables::Add(uint8_t language_mask, uint32_t roles, std::string_view text) {
  auto add_roles = [&](WordInfo& info, std::string_view description_text) {
    for (int language = 0; language < 2; ++language) {
      if (language_mask & (1 << language)) info.roles[language] |= roles;
    }
    for (uint32_t rest = roles; rest != 0; rest &= rest - 1) {
      const uint32_t bit = rest & (~rest + 1);
      const int index = CueIndex(bit);
      if (index < 0) continue;
      if (info.cues == 0) {
        info.cues = static_cast<uint16_t>(cue_sets_.size());
        cue_sets_.emplace_back();
        cue_sets_.back().fill(nullptr);
      }
      if (cue_sets_[info.cues][index] == nullptr) {
        cue_sets_[info.cues][index] = Describe(bit, description_text);
      }
    }
  };

  const std::vector<std::string_view> parts = base::Split(text, ' ');
  if (parts.size() == 1) {
    const bool prefix = text.size() > 1 && text.back() == '*';
    const bool suffix = text.size() > 1 && text.front() == '*';
    const std::string key = OneWordKey(prefix   ? text.substr(0, text.size() - 1)
                                       : suffix ? text.substr(1)
                                                : text);
    if (key.empty()) {
      errors_.push_back(base::StrCat("\"", text, "\" is not one word"));
      return;
    }
    if (prefix || suffix) {
      if (key.size() < 3) errors_.push_back(base::StrCat("\"", text, "\" is too short"));
      Table& table = prefix ? prefixes_ : suffixes_;
      add_roles(table.Insert(key), text);
      const unsigned char b0 = key[prefix ? 0 : key.size() - 2];
      const unsigned char b1 = key[prefix ? 1 : key.size() - 1];
      const unsigned pair = b0 << 8 | b1;
      table.pairs[pair >> 6] |= uint64_t{1} << (pair & 63);
    }
    WordId(key);
    add_roles(words_.Insert(key), key);
    return;
  }

  Phrase phrase;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (part.size() >= 2 && part[0] == '~') {
      int gap = 0;
      if (i != 1 || parts.size() != 3 || !base::ParseInt(part.substr(1), gap) || gap < 1 ||
          gap > 6) {
        errors_.push_back(base::StrCat("\"", text, "\": a gap goes between two words, 1..6"));
        return;
      }
      phrase.gap = static_cast<uint8_t>(gap);
      continue;
    }
    if (part == "*") {
      if (i + 1 != parts.size()) {
        errors_.push_back(base::StrCat("\"", text, "\": '*' only ends a phrase"));
        return;
      }
      if (phrase.size < Phrase::kMaxWords) phrase.words[phrase.size] = kAnyWord;
      ++phrase.size;
      continue;
    }
    const std::string key = OneWordKey(part);
    if (key.empty()) {
      errors_.push_back(base::StrCat("\"", text, "\": \"", part, "\" is not one word"));
      return;
    }
    if (phrase.size < Phrase::kMaxWords) phrase.words[phrase.size] = WordId(key);
    ++phrase.size;
  }
  if (phrase.size > Phrase::kMaxWords) {
    errors_.push_back(base::StrCat("\"", text, "\" is longer than six words"));
    return;
  }
  for (int language = 0; language < 2; ++language) {
    if (language_mask & (1 << language)) phrase.roles[language] = roles;
  }
  const int index = CueIndex(roles);
  phrase.cue = static_cast<uint16_t>(phrase_cues_.size());
  phrase_cues_.push_back(index < 0 ? std::string(text)
                                   : base::StrCat(CueLabel(index, true), " '", text, "'"));
  phrases_.push_back(phrase);
}

CueTables::CueTables() {
  cue_sets_.emplace_back();
  cue_sets_.back().fill(nullptr);
  for (const CueRow& row : kRows) {
    const uint8_t mask = row.languages == "nl" ? 1 : row.languages == "en" ? 2 : 3;
    for (std::string_view entry : base::Split(row.entries, '|')) {
      if (entry.empty()) {
        errors_.push_back(base::StrCat("an empty entry in \"", row.entries.substr(0, 40), "\""));
        continue;
      }
      Add(mask, row.roles, entry);
    }
  }
  words_.Rehash();
  prefixes_.Rehash();
  suffixes_.Rehash();
  const auto last = [](const Phrase& p) { return p.words[p.size - 1]; };
  std::stable_sort(phrases_.begin(), phrases_.end(),
                   [&](const Phrase& a, const Phrase& b) { return last(a) < last(b); });
  // first_phrase_[id] .. first_phrase_[id + 1]: the phrases ending with word `id`; the range
  // after the last id holds those ending with any word.
  first_phrase_.assign(words_.keys.size() + 3, 0);
  for (const Phrase& p : phrases_) {
    const size_t slot = last(p) == kAnyWord ? words_.keys.size() + 1 : last(p);
    ++first_phrase_[slot + 1];
  }
  for (size_t i = 1; i < first_phrase_.size(); ++i) first_phrase_[i] += first_phrase_[i - 1];
  for (const EmojiRow& row : kEmojiRows) {
    emoji_.push_back({row.code_point, row.roles, Describe(row.roles, row.name)});
  }
}

const CueTables& CueTables::Get() {
  static const CueTables* const tables = new CueTables();
  return *tables;
}

void CueTables::LookUp(std::string_view key, bool truncated, Match& match) const {
  match = Match();
  auto merge = [&](const WordInfo* info) {
    if (info == nullptr) return;
    match.roles[0] |= info->roles[0];
    match.roles[1] |= info->roles[1];
    if (info->cues != 0 && match.sets < std::size(match.cues)) {
      match.cues[match.sets++] = info->cues;
    }
  };
  if (!truncated) {
    const WordInfo* exact = words_.Find(key);
    if (exact != nullptr) match.id = exact->id;
    merge(exact);
  }
  if (key.size() < 4) return;  // Affixes have three bytes or more, and are shorter.
  // Prefixes and suffixes strictly shorter than the word: the word itself is an exact entry.
  const uint32_t shorter = key.size() >= 32 ? ~0u : (1u << key.size()) - 1;
  const auto b = [&](size_t i) { return static_cast<unsigned char>(key[i]); };
  if (prefixes_.MayHave(b(0), b(1))) {
    for (uint32_t lengths = prefixes_.lengths & shorter; lengths != 0; lengths &= lengths - 1) {
      merge(prefixes_.Find(key.substr(0, std::countr_zero(lengths))));
    }
  }
  if (!truncated && suffixes_.MayHave(b(key.size() - 2), b(key.size() - 1))) {
    for (uint32_t lengths = suffixes_.lengths & shorter; lengths != 0; lengths &= lengths - 1) {
      const size_t n = std::countr_zero(lengths);
      merge(suffixes_.Find(key.substr(key.size() - n)));
    }
  }
}

const std::string* CueTables::Cue(const Match& match, int kind) const {
  if (kind < 0 || kind >= kCueKinds) return nullptr;
  for (int i = 0; i < match.sets; ++i) {
    if (const std::string* cue = cue_sets_[match.cues[i]][kind]; cue != nullptr) return cue;
  }
  return nullptr;
}

uint32_t CueTables::EmojiRoles(char32_t code_point, const std::string** cue) const {
  for (const EmojiCue& e : emoji_) {
    if (e.code_point == code_point) {
      *cue = e.cue;
      return e.roles;
    }
  }
  return 0;
}

std::span<const Phrase> CueTables::PhrasesEndingWith(uint16_t id) const {
  if (id == 0 || id > words_.keys.size()) return {};
  return std::span<const Phrase>(phrases_.data() + first_phrase_[id],
                                 first_phrase_[id + 1] - first_phrase_[id]);
}

std::span<const Phrase> CueTables::PhrasesEndingWithAnyWord() const {
  const size_t any = words_.keys.size() + 1;
  return std::span<const Phrase>(phrases_.data() + first_phrase_[any],
                                 first_phrase_[any + 1] - first_phrase_[any]);
}

}  // namespace webcare::analysis::intent::internal
