#include "analysis/query/fields.h"

#include <algorithm>
#include <array>
#include <vector>

#include "analysis/query/syntax.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::analysis::query::fields {
namespace {

constexpr size_t kMaxTextValueBytes = 512;  // As long as a channel or handle may be.
constexpr int64_t kMaxFollowers = 1'000'000'000'000;

constexpr std::array<std::string_view, 9> kFieldNames = {
    "lang", "network", "channel", "author", "followers", "sentiment", "has", "is", "stream"};

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

absl::Status BadValue(std::string_view field, std::string_view value, std::string_view hint) {
  return absl::InvalidArgumentError(
      base::StrCat("bad value \"", value, "\" for ", field, ": ", hint));
}

// lang: an ISO 639 code with optional subtags, as language detection reports it (nl, en,
// zh-Hant).
bool IsLanguageCode(std::string_view value) {
  size_t i = 0;
  while (i < value.size() && syntax::IsAsciiLetter(value[i])) ++i;
  if (i < 2 || i > 3) return false;
  while (i < value.size()) {
    if (value[i] != '-') return false;
    const size_t start = ++i;
    while (i < value.size() &&
           (syntax::IsAsciiLetter(value[i]) || syntax::IsAsciiDigit(value[i]))) {
      ++i;
    }
    if (i == start || i - start > 8) return false;
  }
  return true;
}

bool IsNetworkName(std::string_view value) {
  if (value.empty() || value.size() > 64) return false;
  return std::all_of(value.begin(), value.end(), [](char c) {
    return syntax::IsAsciiLetter(c) || syntax::IsAsciiDigit(c) || c == '_' || c == '-';
  });
}

// A count: digits, optionally followed by k (thousand) or m (million).
bool ParseCount(std::string_view text, int64_t& out) {
  int64_t scale = 1;
  if (!text.empty() && (text.back() == 'k' || text.back() == 'K')) scale = 1000;
  if (!text.empty() && (text.back() == 'm' || text.back() == 'M')) scale = 1'000'000;
  if (scale > 1) text.remove_suffix(1);
  if (text.empty() || !std::all_of(text.begin(), text.end(), syntax::IsAsciiDigit)) return false;
  int64_t value = 0;
  if (!base::ParseInt(text, value) || value > kMaxFollowers / scale) return false;
  out = value * scale;
  return true;
}

absl::StatusOr<NumberTest> ParseNumberTest(std::string_view value) {
  const auto bad = [&] {
    return BadValue("followers", value, "use a count such as >10000, <=500, 2k or 1000..5000");
  };
  NumberTest test;
  if (const size_t dots = value.find(".."); dots != std::string_view::npos) {
    test.op = Comparison::kRange;
    if (!ParseCount(value.substr(0, dots), test.value) ||
        !ParseCount(value.substr(dots + 2), test.upper)) {
      return bad();
    }
    if (test.value > test.upper) {
      return BadValue("followers", value, "the range must go from low to high");
    }
    return test;
  }
  std::string_view number = value;
  struct Operator {
    std::string_view text;
    Comparison op;
  };
  for (const Operator& candidate :
       {Operator{">=", Comparison::kGe}, Operator{"<=", Comparison::kLe},
        Operator{">", Comparison::kGt}, Operator{"<", Comparison::kLt},
        Operator{"=", Comparison::kEq}}) {
    if (number.starts_with(candidate.text)) {
      test.op = candidate.op;
      number.remove_prefix(candidate.text.size());
      break;
    }
  }
  if (!ParseCount(number, test.value)) return bad();
  return test;
}

// The index of `value` (any letter case) among `names`, or an error that lists them or
// suggests the closest.
absl::StatusOr<int> PickValue(std::string_view field, std::string_view value,
                              std::vector<std::string_view> names) {
  const std::string lower = base::AsciiLower(value);
  for (size_t i = 0; i < names.size(); ++i) {
    if (lower == names[i]) return static_cast<int>(i);
  }
  const std::string suggestion = Suggest(value, names);
  return BadValue(field, value,
                  suggestion.empty() ? base::StrCat("use ", base::StrJoin(names, ", "))
                                     : base::StrCat("did you mean ", suggestion, "?"));
}

}  // namespace

std::string Suggest(std::string_view word, std::span<const std::string_view> candidates) {
  const std::string lower = base::AsciiLower(word);
  std::string best;
  size_t best_distance = 3;
  for (std::string_view candidate : candidates) {
    // A longer or shorter spelling of a name ("language", "attachments") is a typo too.
    if (lower.size() >= 2 && (lower.starts_with(candidate) || candidate.starts_with(lower))) {
      return std::string(candidate);
    }
    const size_t limit = candidate.size() <= 3 ? 1 : 2;
    const size_t distance = EditDistance(lower, candidate);
    if (distance <= limit && distance < best_distance) {
      best = std::string(candidate);
      best_distance = distance;
    }
  }
  return best;
}

std::optional<Field> FieldByName(std::string_view name) {
  const std::string lower = base::AsciiLower(name);
  for (int i = 0; i <= static_cast<int>(Field::kStream); ++i) {
    const auto field = static_cast<Field>(i);
    if (lower == FieldName(field)) return field;
  }
  return std::nullopt;
}

std::string UnknownFieldMessage(std::string_view name) {
  const std::string suggestion = Suggest(name, kFieldNames);
  if (!suggestion.empty()) {
    return base::StrCat("unknown field \"", name, "\" (did you mean ", suggestion, "?)");
  }
  return base::StrCat("unknown field \"", name, "\" (fields are ", base::StrJoin(kFieldNames, ", "),
                      "; put text with a colon in quotes)");
}

absl::StatusOr<FieldFilter> MakeFilter(Field field, std::string_view value) {
  FieldFilter filter;
  filter.field = field;
  const char* name = FieldName(field);
  switch (field) {
    case Field::kLang:
      if (!IsLanguageCode(value)) {
        return BadValue(name, value, "use a language code such as nl or en");
      }
      filter.text = base::AsciiLower(value);
      return filter;
    case Field::kNetwork:
      if (!IsNetworkName(value)) {
        return BadValue(name, value, "use a network such as x or mastodon");
      }
      filter.text = base::AsciiLower(value);
      return filter;
    case Field::kChannel:
    case Field::kAuthor:
    case Field::kStream:
      if (value.size() > kMaxTextValueBytes) {
        return BadValue(name, base::TruncateUtf8(value, 20), "longer than 512 bytes");
      }
      filter.text = std::string(value);
      return filter;
    case Field::kFollowers: {
      auto test = ParseNumberTest(value);
      if (!test.ok()) return test.status();
      filter.number = *test;
      return filter;
    }
    case Field::kSentiment: {
      auto index = PickValue(name, value, {"negative", "neutral", "positive"});
      if (!index.ok()) return index.status();
      filter.sentiment = static_cast<Sentiment>(*index);
      return filter;
    }
    case Field::kHas: {
      auto index = PickValue(name, value, {"link", "attachment"});
      if (!index.ok()) return index.status();
      filter.flag = *index == 0 ? Flag::kLink : Flag::kAttachment;
      return filter;
    }
    case Field::kIs: {
      auto index = PickValue(name, value, {"question", "reply", "private"});
      if (!index.ok()) return index.status();
      constexpr Flag kFlags[] = {Flag::kQuestion, Flag::kReply, Flag::kPrivate};
      filter.flag = kFlags[*index];
      return filter;
    }
  }
  return absl::InternalError("unknown field");
}

}  // namespace webcare::analysis::query::fields
