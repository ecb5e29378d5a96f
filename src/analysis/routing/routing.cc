#include "analysis/routing/routing.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "absl/status/status.h"
#include "base/strings.h"
#include "nlohmann/json.hpp"

namespace webcare::analysis::routing {
namespace {

constexpr int kMaxPoints = 100;
// An author with this many followers or fewer has no influence points: the log scale starts
// here, so ordinary customers are all equal.
constexpr int64_t kInfluenceFloor = 100;

// The integer keys of RoutingRules, in the order of the struct (and of RulesToJson).
struct IntKey {
  std::string_view name;
  int RoutingRules::*field;
  int min;
  int max;
};
constexpr IntKey kIntKeys[] = {
    {"base", &RoutingRules::base, -kMaxPoints, kMaxPoints},
    {"negative_sentiment", &RoutingRules::negative_sentiment, -kMaxPoints, kMaxPoints},
    {"positive_sentiment", &RoutingRules::positive_sentiment, -kMaxPoints, kMaxPoints},
    {"question", &RoutingRules::question, -kMaxPoints, kMaxPoints},
    {"complaint", &RoutingRules::complaint, -kMaxPoints, kMaxPoints},
    {"influence_max", &RoutingRules::influence_max, -kMaxPoints, kMaxPoints},
    {"customer_value_max", &RoutingRules::customer_value_max, -kMaxPoints, kMaxPoints},
    {"repeat_contact", &RoutingRules::repeat_contact, -kMaxPoints, kMaxPoints},
    // A cap on the size of the repeat-contact points, whatever their sign.
    {"repeat_contact_max", &RoutingRules::repeat_contact_max, 0, kMaxPoints},
    {"private_message", &RoutingRules::private_message, -kMaxPoints, kMaxPoints},
};
constexpr std::string_view kFollowersKey = "influence_max_followers";
constexpr std::string_view kDefaultTeamKey = "default_team";

absl::Status KeyError(std::string_view key, std::string_view problem) {
  return absl::InvalidArgumentError(
      base::ToAbsl(base::StrCat("routing rules: \"", key, "\" ", problem)));
}

// "-0.72", "0.65": scores as people read them.
std::string TwoDecimals(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

// "stream Storingen (+20)". Written into the string in one piece: a post at 10,000 streams
// matches about a dozen, and appending piece by piece cost more than the rest of routing.
std::string StreamReasonText(std::string_view name, int weight) {
  constexpr std::string_view kStart = "stream ";
  char points[16];
  char* end = points;
  if (weight >= 0) *end++ = '+';
  end = std::to_chars(end, points + sizeof points, weight).ptr;
  const size_t points_size = static_cast<size_t>(end - points);
  std::string text(kStart.size() + name.size() + 2 + points_size + 1, ' ');
  char* out = text.data();
  out = std::copy(kStart.begin(), kStart.end(), out);
  out = std::copy(name.begin(), name.end(), out);
  *out++ = ' ';
  *out++ = '(';
  out = std::copy(points, end, out);
  *out = ')';
  return text;
}

}  // namespace

absl::StatusOr<RoutingRules> RulesFromJson(std::string_view json) {
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return absl::InvalidArgumentError("routing rules: not valid JSON");
  }
  if (!doc.is_object()) {
    return absl::InvalidArgumentError("routing rules: expected a JSON object of rule: points");
  }
  RoutingRules rules;
  for (const auto& [key, value] : doc.items()) {
    // Every value is a whole number; is_number_integer() excludes 1.5, true and "10".
    if (!value.is_number_integer()) return KeyError(key, "must be a whole number");
    const bool too_big = value.is_number_unsigned() &&
                         value.get<uint64_t>() > uint64_t{std::numeric_limits<int64_t>::max()};
    const int64_t number = too_big ? std::numeric_limits<int64_t>::max() : value.get<int64_t>();
    if (key == kFollowersKey) {
      if (number <= kInfluenceFloor) {
        return KeyError(
            key, base::StrCat("must be more than ", kInfluenceFloor,
                              " (influence grows from 100 followers to this count), got ", number));
      }
      rules.influence_max_followers = number;
      continue;
    }
    if (key == kDefaultTeamKey) {
      if (number < 0) {
        return KeyError(key, base::StrCat("must be a team id, or 0 for none, got ", number));
      }
      rules.default_team = number;
      continue;
    }
    const IntKey* known = nullptr;
    for (const IntKey& candidate : kIntKeys) {
      if (candidate.name == key) known = &candidate;
    }
    if (known == nullptr) return KeyError(key, "is not a routing rule");
    if (number < known->min || number > known->max) {
      return KeyError(key, base::StrCat("must be from ", known->min, " to ", known->max,
                                        " points, got ", number));
    }
    rules.*(known->field) = static_cast<int>(number);
  }
  return rules;
}

std::string RulesToJson(const RoutingRules& rules) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  for (const IntKey& key : kIntKeys) doc[std::string(key.name)] = rules.*(key.field);
  doc[std::string(kFollowersKey)] = rules.influence_max_followers;
  doc[std::string(kDefaultTeamKey)] = rules.default_team;
  return doc.dump();
}

double Influence(int64_t followers, const RoutingRules& rules) {
  if (followers <= kInfluenceFloor) return 0;
  if (followers >= rules.influence_max_followers) return 1;
  const double span = std::log10(static_cast<double>(rules.influence_max_followers) /
                                 static_cast<double>(kInfluenceFloor));
  if (span <= 0) return 1;
  const double value =
      std::log10(static_cast<double>(followers) / static_cast<double>(kInfluenceFloor)) / span;
  return std::clamp(value, 0.0, 1.0);
}

RoutingDecision Route(const RoutingInput& input, const RoutingRules& rules) {
  RoutingDecision decision;
  if (!input.inbound) {
    // The team's own posts need no one's attention.
    decision.reasons.push_back({"outbound", "outbound post: the team's own", 0});
    return decision;
  }
  auto add = [&](std::string_view code, std::string text, int points) {
    decision.reasons.push_back({std::string(code), std::move(text), points});
  };

  // The fixed reasons and one per stream, so that the list grows once: a post matches about
  // a dozen streams at 10,000 of them.
  decision.reasons.reserve(9 + input.streams.size());
  add("base", "inbound post", rules.base);

  if (input.sentiment != nullptr) {
    const sentiment::SentimentResult& s = *input.sentiment;
    if (s.label == sentiment::SentimentLabel::kNegative) {
      const double strength = std::clamp(-s.score, 0.0, 1.0);
      add("negative-sentiment", base::StrCat("negative sentiment (", TwoDecimals(s.score), ")"),
          static_cast<int>(std::lround(rules.negative_sentiment * strength)));
    } else if (s.label == sentiment::SentimentLabel::kPositive &&
               input.intent.intent != intent::Intent::kComplaint) {
      add("positive-sentiment", base::StrCat("positive sentiment (", TwoDecimals(s.score), ")"),
          rules.positive_sentiment);
    }
  }
  if (input.intent.is_question) add("question", "asks a question", rules.question);
  if (input.intent.intent == intent::Intent::kComplaint) {
    add("complaint",
        input.intent.cue.empty() ? std::string("complaint")
                                 : base::StrCat("complaint (", input.intent.cue, ")"),
        rules.complaint);
  }

  // Influence and value only when they earn points: "influence (120 followers) +0" is noise.
  const int influence =
      static_cast<int>(std::lround(rules.influence_max * Influence(input.followers, rules)));
  if (influence != 0) {
    add("influence",
        base::StrCat("influence (", base::WithThousands(input.followers), " followers)"),
        influence);
  }
  const int value = std::clamp(input.customer_value, 0, 100);
  const int value_points = static_cast<int>(std::lround(rules.customer_value_max * value / 100.0));
  if (value_points != 0) {
    add("customer-value", base::StrCat("customer value (", value, " of 100)"), value_points);
  }
  if (input.recent_contacts > 0) {
    const int64_t contacts = std::min<int64_t>(input.recent_contacts, kMaxPoints);
    const int64_t points = std::clamp<int64_t>(contacts * rules.repeat_contact,
                                               -rules.repeat_contact_max, rules.repeat_contact_max);
    add("repeat-contact",
        base::StrCat("repeat contact (", input.recent_contacts,
                     input.recent_contacts == 1 ? " earlier post" : " earlier posts",
                     " in 7 days)"),
        static_cast<int>(points));
  }
  if (input.is_private) add("private-message", "private message", rules.private_message);

  const MatchedStream* owner = nullptr;
  for (const MatchedStream& stream : input.streams) {
    const int weight = std::clamp(stream.priority_weight, -kMaxPoints, kMaxPoints);
    add("stream", StreamReasonText(stream.name, weight), weight);
    if (stream.owner_team == 0) continue;
    if (owner == nullptr || stream.priority_weight > owner->priority_weight ||
        (stream.priority_weight == owner->priority_weight && stream.id < owner->id)) {
      owner = &stream;
    }
  }
  decision.team = owner != nullptr ? owner->owner_team : rules.default_team;

  int sum = 0;
  for (const Reason& reason : decision.reasons) sum += reason.points;
  decision.priority = std::clamp(sum, 0, kMaxPoints);
  return decision;
}

}  // namespace webcare::analysis::routing
