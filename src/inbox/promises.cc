#include "inbox/promises.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "base/strings.h"

namespace webcare::inbox {
namespace {

using Tokens = std::vector<std::string>;

// Lowercase ASCII with the accents Dutch uses folded ("één" → "een") and the contractions of
// English spelled out ("we'll" → "we will"), so the rules below see one form of each word.
std::string Normalise(std::string_view sentence) {
  std::string out;
  out.reserve(sentence.size());
  for (size_t i = 0; i < sentence.size(); ++i) {
    const auto byte = static_cast<unsigned char>(sentence[i]);
    if (byte == 0xC3 && i + 1 < sentence.size()) {  // Latin-1 supplement: fold the accents.
      const auto next = static_cast<unsigned char>(sentence[i + 1]);
      const char folded = (next >= 0xA8 && next <= 0xAB) || (next >= 0x88 && next <= 0x8B) ? 'e'
                          : (next >= 0xA0 && next <= 0xA5) || (next >= 0x80 && next <= 0x85) ? 'a'
                          : (next >= 0xB2 && next <= 0xB6) || (next >= 0x92 && next <= 0x96) ? 'o'
                          : (next >= 0xB9 && next <= 0xBC) || (next >= 0x99 && next <= 0x9C) ? 'u'
                          : (next >= 0xAC && next <= 0xAF) || (next >= 0x8C && next <= 0x8F) ? 'i'
                                                                                                : ' ';
      out += folded;
      ++i;
    } else if (byte == 0xE2 && i + 2 < sentence.size() && static_cast<unsigned char>(sentence[i + 1]) == 0x80 &&
               static_cast<unsigned char>(sentence[i + 2]) == 0x99) {  // ’
      out += '\'';
      i += 2;
    } else if (byte < 0x80) {
      out += static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte);
    } else {
      out += ' ';
    }
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kContractions{{
      {"won't", "will not"}, {"can't", "can not"}, {"n't", " not"}, {"'ll", " will"},
      {"i'm", "i am"}, {"'re", " are"}, {"'d", " would"}, {"o'clock", "oclock"}, {"'s", " is"}}};
  for (const auto& [from, to] : kContractions) {
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
      out.replace(at, from.size(), to);
    }
  }
  return out;
}

// Words, keeping "10:30", "10.30", "10am" and "e-mail" whole.
Tokens Tokenise(const std::string& text) {
  Tokens tokens;
  std::string word;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool inner_punct = (c == ':' || c == '.' || c == '-') && !word.empty() && i + 1 < text.size() &&
                             std::isalnum(static_cast<unsigned char>(text[i + 1]));
    if (std::isalnum(static_cast<unsigned char>(c)) || inner_punct) {
      word += c;
    } else if (!word.empty()) {
      tokens.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) tokens.push_back(std::move(word));
  return tokens;
}

bool In(std::string_view word, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (word == w) return true;
  }
  return false;
}

bool IsNegation(std::string_view word) { return In(word, {"not", "never", "niet", "geen", "nooit"}); }

// --- Commitments ---

bool IsEnglishSubject(std::string_view word) {
  return In(word, {"i", "we", "colleague", "technician", "someone"});
}
bool IsDutchSubject(std::string_view word) {
  return In(word, {"ik", "we", "wij", "collega", "monteur", "iemand"});
}
bool IsCallVerb(std::string_view word) {
  return In(word, {"call", "ring", "phone", "bel", "bellen", "belt", "terugbellen", "opbellen", "gebeld",
                   "teruggebeld", "telefoontje"});
}
bool IsEnglishVerb(std::string_view word) {
  return In(word, {"call", "ring", "phone", "contact", "email", "e-mail", "mail", "message", "text", "dm",
                   "get", "come", "update", "let", "follow", "check", "look", "send", "reply", "respond",
                   "investigate", "fix", "sort", "arrange", "find"});
}
// Dutch says the future in the present tense ("we bellen u morgen"), so these forms suffice.
bool IsDutchVerb(std::string_view word) {
  return In(word, {"bel", "bellen", "belt", "terugbellen", "opbellen", "neem", "nemen", "neemt", "kom",
                   "komen", "komt", "terugkomen", "laat", "laten", "stuur", "sturen", "stuurt", "mail",
                   "mailen", "mailt", "houd", "hou", "houden", "houdt", "zoek", "zoeken", "uitzoeken",
                   "check", "checken", "kijk", "kijken", "reageer", "reageren", "app", "appen", "regel",
                   "regelen", "informeer", "informeren", "navragen", "vraag"});
}

struct Commitment {
  bool found = false;
  bool call = false;
};

// English needs a future marker after the subject ("we will", "I am going to") and keeps the
// subject first; Dutch may put the verb first ("morgen bellen we u").
Commitment FindCommitment(const Tokens& words) {
  Commitment result;
  for (size_t s = 0; s < words.size(); ++s) {
    const bool english = IsEnglishSubject(words[s]);
    const bool dutch = IsDutchSubject(words[s]);
    if (!english && !dutch) continue;
    const size_t from = s >= 3 ? s - 3 : 0;
    const size_t to = std::min(words.size(), s + 7);
    bool negated = false;
    bool future = false;
    for (size_t i = from; i < to; ++i) {
      if (IsNegation(words[i])) negated = true;
      if (i > s && In(words[i], {"will", "shall", "going"})) future = true;
    }
    if (negated) continue;
    for (size_t i = from; i < to; ++i) {
      if (i == s) continue;
      const bool english_promise = english && future && i > s && IsEnglishVerb(words[i]);
      const bool dutch_promise = dutch && IsDutchVerb(words[i]);
      if (!english_promise && !dutch_promise) continue;
      result.found = true;
      result.call = result.call || IsCallVerb(words[i]);
    }
  }
// Promises said from the customer's side: "you will hear from us", "u hoort morgen van ons",
  // "u wordt teruggebeld", "expect a call".
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string_view w = words[i];
    if ((w == "hear" || w == "hoort" || w == "horen") &&
        std::find(words.begin() + i, words.end(), w == "hear" ? "us" : "ons") != words.end()) {
      result.found = true;
    }
    if (w == "wordt" || w == "word") {
      for (size_t k = i + 1; k < std::min(words.size(), i + 5); ++k) {
        if (In(words[k], {"gebeld", "teruggebeld"})) result = {true, true};
      }
    }
    if (w == "expect" && In(words[i + 1], {"a", "our"})) {
      result.found = true;
      if (i + 2 < words.size() && words[i + 2] == "call") result.call = true;
    }
  }
  for (const auto& w : words) {
    if (result.found && (w == "gebeld" || w == "teruggebeld" || w == "telefoontje")) result.call = true;
  }
  return result;
}

// --- Times ---

std::optional<int> NumberWord(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, int>, 28> kNumbers{{
      {"a", 1}, {"an", 1}, {"one", 1}, {"een", 1}, {"two", 2}, {"twee", 2}, {"couple", 2}, {"paar", 2},
      {"three", 3}, {"drie", 3}, {"few", 3}, {"four", 4}, {"vier", 4}, {"five", 5}, {"vijf", 5},
      {"six", 6}, {"zes", 6}, {"seven", 7}, {"zeven", 7}, {"eight", 8}, {"acht", 8}, {"nine", 9},
      {"negen", 9}, {"ten", 10}, {"tien", 10}, {"eleven", 11}, {"elf", 11}, {"twaalf", 12}}};
  for (const auto& [name, value] : kNumbers) {
    if (word == name) return value;
  }
  int value = 0;
  if (base::ParseInt(word, value) && value >= 0 && value < 1000) return value;
  return std::nullopt;
}

std::optional<absl::Duration> UnitWord(std::string_view word) {
  if (In(word, {"minute", "minutes", "min", "mins", "minuut", "minuten"})) return absl::Minutes(1);
  if (In(word, {"hour", "hours", "hr", "hrs", "uur", "uren", "uurtje"})) return absl::Hours(1);
  if (In(word, {"kwartier"})) return absl::Minutes(15);
  if (In(word, {"day", "days", "dag", "dagen", "werkdag", "werkdagen"})) return absl::Hours(24);
  if (In(word, {"week", "weeks", "weken"})) return absl::Hours(24 * 7);
  return std::nullopt;
}

std::optional<absl::Weekday> WeekdayWord(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, absl::Weekday>, 14> kDays{{
      {"monday", absl::Weekday::monday}, {"maandag", absl::Weekday::monday},
      {"tuesday", absl::Weekday::tuesday}, {"dinsdag", absl::Weekday::tuesday},
      {"wednesday", absl::Weekday::wednesday}, {"woensdag", absl::Weekday::wednesday},
      {"thursday", absl::Weekday::thursday}, {"donderdag", absl::Weekday::thursday},
      {"friday", absl::Weekday::friday}, {"vrijdag", absl::Weekday::friday},
      {"saturday", absl::Weekday::saturday}, {"zaterdag", absl::Weekday::saturday},
      {"sunday", absl::Weekday::sunday}, {"zondag", absl::Weekday::sunday}}};
  for (const auto& [name, day] : kDays) {
    if (word == name) return day;
  }
  return std::nullopt;
}

// What a sentence says about when, before it is turned into an instant.
struct When {
  std::optional<absl::Duration> after;  // "within an hour": from now.
  std::optional<int> day_offset;        // 0 today, 1 tomorrow.
  std::optional<absl::Weekday> weekday;
  bool next_week = false;
  bool this_week = false;
  std::optional<int> hour;  // Of day, from a part of the day or a clock time.
  int minute = 0;
  bool clock_time = false;  // The hour is a stated clock time, not a part of the day.
  bool deadline = false;    // "by Friday", "uiterlijk vrijdag": the end of that day.
  std::vector<std::string> words;  // What was read, for showing.
};

// "10:30", "10.30", "10am", "3pm", "10u", or a bare hour after "at"/"om".
bool ReadClock(const Tokens& words, size_t& i, When& when) {
  std::string_view w = words[i];
  int hour = -1;
  int minute = 0;
  bool pm = false;
  bool am = false;
  const size_t sep = w.find_first_of(":.");
  if (sep != std::string_view::npos) {
    if (!base::ParseInt(w.substr(0, sep), hour) || !base::ParseInt(w.substr(sep + 1), minute)) return false;
  } else {
    std::string_view digits = w;
    if (digits.ends_with("am")) { am = true; digits.remove_suffix(2); }
    else if (digits.ends_with("pm")) { pm = true; digits.remove_suffix(2); }
    else if (digits.ends_with("u")) { digits.remove_suffix(1); }
    if (!base::ParseInt(digits, hour)) return false;
    const bool introduced = i > 0 && In(words[i - 1], {"at", "om", "rond", "around", "voor", "before"});
    const bool unit_follows = i + 1 < words.size() && In(words[i + 1], {"uur", "am", "pm", "oclock"});
    if (!am && !pm && digits.size() == w.size() && !introduced && !unit_follows) return false;
  }
  if (i + 1 < words.size() && words[i + 1] == "pm") { pm = true; ++i; }
  else if (i + 1 < words.size() && words[i + 1] == "am") { am = true; ++i; }
  else if (i + 1 < words.size() && In(words[i + 1], {"uur", "oclock"})) ++i;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  if (pm && hour < 12) hour += 12;
  // Office hours: "om 3 uur" is three in the afternoon.
  if (!am && !pm && hour >= 1 && hour <= 7) hour += 12;
  when.hour = hour;
  when.minute = minute;
  when.clock_time = true;
  return true;
}

When ReadWhen(const Tokens& words) {
  When when;
  auto note = [&](size_t from, size_t to) {
    for (size_t k = from; k <= to && k < words.size(); ++k) when.words.push_back(words[k]);
  };
  auto part_of_day = [&](std::string_view w) -> std::optional<int> {
    if (In(w, {"morning", "ochtend", "morgens"})) return 9;
    if (In(w, {"afternoon", "middag"})) return 14;
    if (In(w, {"evening", "avond", "tonight"})) return 19;
    return std::nullopt;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    // Durations: "within an hour", "binnen 2 werkdagen", "in half an hour", "over een kwartier".
    if (In(w, {"within", "in", "binnen", "over"}) && i + 1 < words.size()) {
      size_t j = i + 1;
      if (In(words[j], {"the", "het"}) && j + 1 < words.size() && UnitWord(words[j + 1])) {
        when.after = *UnitWord(words[j + 1]);
        note(i, j + 1);
        i = j + 1;
        continue;
      }
      double amount = 0;
      if (words[j] == "half" || (words[j] == "een" && j + 1 < words.size() && words[j + 1] == "half")) {
        if (words[j] == "een") ++j;
        amount = 0.5;
        if (j + 1 < words.size() && In(words[j + 1], {"an", "a"})) ++j;
      } else if (words[j] == "anderhalf") {
        amount = 1.5;
      } else if (auto number = NumberWord(words[j])) {
        amount = *number;
        if (j + 1 < words.size() && In(words[j + 1], {"of", "business", "working"})) ++j;
        if (j + 1 < words.size() && In(words[j + 1], {"of", "business", "working"})) ++j;
      } else {
        continue;
      }
      if (j + 1 < words.size()) {
        if (auto unit = UnitWord(words[j + 1])) {
          when.after = *unit * amount;
          note(i, j + 1);
          i = j + 1;
        }
      }
      continue;
    }
    if (In(w, {"asap", "zsm", "z.s.m", "straks", "shortly"})) {
      when.after = absl::Hours(1);
      note(i, i);
      continue;
    }
    if ((w == "as" || w == "zo") && i + 2 < words.size() && In(words[i + 1], {"soon", "snel"})) {
      when.after = absl::Hours(1);
      note(i, i + 3);
      i += 3;
      continue;
    }
    if (In(w, {"today", "vandaag"})) { when.day_offset = 0; note(i, i); continue; }
    if (In(w, {"vanmiddag", "vanochtend", "vanmorgen", "vanavond", "tonight"})) {
      when.day_offset = 0;
      when.hour = w == "vanmiddag" ? 14 : w == "vanavond" || w == "tonight" ? 19 : 11;
      note(i, i);
      continue;
    }
    if (w == "this" && i + 1 < words.size() && part_of_day(words[i + 1])) {
      when.day_offset = 0;
      when.hour = words[i + 1] == "morning" ? 11 : *part_of_day(words[i + 1]);
      note(i, i + 1);
      ++i;
      continue;
    }
    if (In(w, {"tomorrow", "morgen", "morgenochtend", "morgenmiddag", "morgenavond"})) {
      // "morgen" after "van"/"'s" is "in the morning" ("vanmorgen" split), not "tomorrow".
      if (w == "morgen" && i > 0 && In(words[i - 1], {"van", "s"})) { when.hour = 9; note(i, i); continue; }
      when.day_offset = 1;
      if (w != "tomorrow" && w != "morgen") when.hour = *part_of_day(w.substr(6));
      if (i + 1 < words.size() && part_of_day(words[i + 1])) {
        when.hour = *part_of_day(words[i + 1]);
        note(i, i + 1);
        ++i;
      } else {
        note(i, i);
      }
      continue;
    }
    if (In(w, {"overmorgen"})) { when.day_offset = 2; note(i, i); continue; }
    if (w == "day" && i + 2 < words.size() && words[i + 1] == "after" && words[i + 2] == "tomorrow") {
      when.day_offset = 2;
      note(i, i + 2);
      i += 2;
      continue;
    }
    if ((w == "next" || w == "volgende") && i + 1 < words.size() && In(words[i + 1], {"week"})) {
      when.next_week = true;
      note(i, i + 1);
      ++i;
      continue;
    }
    if ((w == "this" || w == "deze") && i + 1 < words.size() && words[i + 1] == "week") {
      when.this_week = true;
      when.deadline = true;
      note(i, i + 1);
      ++i;
      continue;
    }
    if (In(w, {"eod"}) || ((w == "end" || w == "einde" || w == "eind") && i + 3 < words.size() &&
                           In(words[i + 3], {"day", "dag"}))) {
      if (!when.day_offset && !when.weekday) when.day_offset = 0;
      when.deadline = true;
      note(i, w == "eod" ? i : i + 3);
      if (w != "eod") i += 3;
      continue;
    }
    if (auto day = WeekdayWord(w)) {
      when.weekday = day;
      if (i > 0 && In(words[i - 1], {"by", "uiterlijk", "before", "voor"})) {
        when.deadline = true;
        note(i - 1, i);
      } else {
        note(i, i);
      }
      continue;
    }
    if (part_of_day(w) && i > 0 && In(words[i - 1], {"in", "s", "the", "de"}) && !when.hour) {
      when.hour = *part_of_day(w);
      note(i, i);
      continue;
    }
    // "om half 3" is half past two.
    if (w == "half" && i > 0 && words[i - 1] == "om" && i + 1 < words.size()) {
      if (auto number = NumberWord(words[i + 1]); number && *number >= 1 && *number <= 12) {
        int hour = *number - 1;
        if (hour >= 1 && hour <= 7) hour += 12;
        when.hour = hour;
        when.minute = 30;
        when.clock_time = true;
        note(i - 1, i + 1);
        ++i;
        continue;
      }
    }
    if (std::isdigit(static_cast<unsigned char>(w[0]))) {
      const size_t start = i;
      if (ReadClock(words, i, when)) note(start > 0 && In(words[start - 1], {"at", "om"}) ? start - 1 : start, i);
    }
  }
  return when;
}

// The instant `when` names, counted from `now` in `zone`; nullopt when it names nothing.
std::optional<absl::Time> Resolve(const When& when, absl::Time now, absl::TimeZone zone) {
  if (when.after) return now + *when.after;
  const absl::CivilSecond local = absl::ToCivilSecond(now, zone);
  const absl::CivilDay today(local);
  std::optional<absl::CivilDay> day;
  if (when.day_offset) day = today + *when.day_offset;
  if (when.weekday) {
    absl::CivilDay candidate = today + 1;
    while (absl::GetWeekday(candidate) != *when.weekday) candidate += 1;
    if (when.next_week && candidate - today < 7) candidate += 7;
    day = candidate;
  } else if (when.next_week) {
    absl::CivilDay candidate = today + 1;
    while (absl::GetWeekday(candidate) != absl::Weekday::monday) candidate += 1;
    day = candidate;
  } else if (when.this_week) {
    absl::CivilDay friday = today;
    while (absl::GetWeekday(friday) != absl::Weekday::friday) friday += 1;
    day = friday;
  }
  if (!day && !when.hour) return std::nullopt;
  const bool stated_day = day.has_value();
  if (!day) day = today;
  int hour = when.hour.value_or(when.deadline || *day == today ? 17 : 9);
  absl::Time at = absl::FromCivil(absl::CivilSecond(day->year(), day->month(), day->day(), hour, when.minute, 0), zone);
  if (at <= now) {
    // "om 10 uur" said at eleven means tomorrow; "today" said after five means soon.
    if (!stated_day) at = absl::FromCivil(absl::CivilSecond(today.year(), today.month(), today.day() + 1, hour, when.minute, 0), zone);
    else at = now + absl::Hours(1);
  }
  return at;
}

std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool decimal = c == '.' && i > 0 && i + 1 < text.size() &&
                         std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                         std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if ((c == '.' && !decimal) || c == '!' || c == '?' || c == '\n' || c == ';') {
      const size_t end = c == '?' ? i + 1 : i;  // Keep the question mark: questions promise nothing.
      if (end > start) sentences.push_back(text.substr(start, end - start));
      start = i + 1;
    }
  }
  if (start < text.size()) sentences.push_back(text.substr(start));
  return sentences;
}

}  // namespace

std::vector<Promise> DetectPromises(std::string_view text, base::Micros now, absl::TimeZone zone) {
  std::vector<Promise> promises;
  const absl::Time now_time = absl::FromUnixMicros(now);
  for (std::string_view raw : Sentences(text)) {
    const std::string_view sentence = base::Trim(raw);
    if (sentence.empty() || sentence.back() == '?') continue;
    const Tokens words = Tokenise(Normalise(sentence));
    const Commitment commitment = FindCommitment(words);
    if (!commitment.found) continue;
    const When when = ReadWhen(words);
    Promise promise{.sentence = std::string(sentence),
                    .kind = commitment.call ? core::FollowUpKind::kCall : core::FollowUpKind::kFollowUp};
    if (auto due = Resolve(when, now_time, zone)) {
      promise.due_at = absl::ToUnixMicros(*due);
      promise.time_stated = true;
      for (const std::string& word : when.words) {
        if (!promise.when.empty()) promise.when += ' ';
        promise.when += word;
      }
    } else {
      // No time named: remind the next morning, and let the agent set the real time.
      const absl::CivilDay tomorrow = absl::CivilDay(absl::ToCivilSecond(now_time, zone)) + 1;
      promise.due_at = absl::ToUnixMicros(absl::FromCivil(absl::CivilSecond(tomorrow.year(), tomorrow.month(), tomorrow.day(), 9, 0, 0), zone));
    }
    promises.push_back(std::move(promise));
  }
  return promises;
}

}  // namespace webcare::inbox
