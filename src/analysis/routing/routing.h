#pragma once
// Routing: which team a post goes to and how urgent it is (priority 0-100), with the reasons,
// from its analysis and what is known of the customer (PRODUCT.md R2). The weights are rules
// an admin edits (RoutingRules, stored as JSON); README.md explains the scale.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/intent/intent.h"
#include "analysis/sentiment/sentiment.h"

namespace webcare::analysis::routing {

// Admin-editable weights. Points add up and are clamped to 0..100.
struct RoutingRules {
  int base = 10;                // Every inbound post.
  int negative_sentiment = 25;  // Scaled by how negative (score -1 gives the full points).
  // Praise can wait a little. Not given to complaints: positive words in a complaint are
  // mostly sarcasm ("Top service hoor, 40 minuten in de wacht").
  int positive_sentiment = -5;
  int question = 15;
  // A complaint is urgent even when its words are not negative (sarcasm, plain reports such as
  // "de app crasht bij het openen"); negative sentiment adds to it.
  int complaint = 20;
  int influence_max = 25;  // At max_followers (log-scaled from 100 followers).
  int64_t influence_max_followers = 1'000'000;
  int customer_value_max = 15;  // customer_value 100 gives the full points.
  int repeat_contact = 10;      // Per earlier contact in the window, up to repeat_contact_max.
  int repeat_contact_max = 20;
  int private_message = 5;
  // Team when no matched stream has an owner team; 0 for none (the unassigned queue).
  int64_t default_team = 0;

  friend bool operator==(const RoutingRules&, const RoutingRules&) = default;
};

// JSON as the API and the database keep it: {"base":10,"negative_sentiment":25,...}. Unknown
// keys and out-of-range values (|points| > 100, negative followers) are InvalidArgument naming
// the key; missing keys keep their defaults.
absl::StatusOr<RoutingRules> RulesFromJson(std::string_view json);
std::string RulesToJson(const RoutingRules& rules);

struct MatchedStream {
  int64_t id = 0;
  std::string_view name;  // Must outlive the Route() call (the pipeline's stream table).
  int64_t owner_team = 0;   // 0: none.
  int priority_weight = 0;  // Added to the priority, -100..100.
};

struct RoutingInput {
  const sentiment::SentimentResult* sentiment = nullptr;
  intent::IntentResult intent;
  int64_t followers = -1;  // -1: unknown.
  bool is_private = false;
  bool inbound = true;          // Outbound posts (the team's own) get priority 0 and no team.
  int customer_value = 0;       // 0..100, from the contact record; 0 when unknown.
  int64_t recent_contacts = 0;  // Earlier posts by the same author in the last 7 days.
  std::vector<MatchedStream> streams;
};

struct Reason {
  std::string code;  // Stable: "base", "negative-sentiment", "question", "influence", "stream"...
  std::string text;  // For people: "negative sentiment (-0.72)", "stream Storingen (+20)".
  int points = 0;
};

struct RoutingDecision {
  int64_t team = 0;             // 0: unassigned.
  int priority = 0;             // 0..100.
  std::vector<Reason> reasons;  // The points before clamping sum to the priority.
};

// The influence score 0..1 of an author with `followers` (log10 scale between 100 and
// rules.influence_max_followers); 0 when unknown.
double Influence(int64_t followers, const RoutingRules& rules);

RoutingDecision Route(const RoutingInput& input, const RoutingRules& rules);

}  // namespace webcare::analysis::routing
