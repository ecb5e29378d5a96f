#pragma once
// The corpus formats (README.md): `streams.def` with the teams, streams and routing rules of
// the fictional OV-Pas webcare team, `*.case` files with a post and what a webcare agent
// expects of it, and `floors` with the lowest accuracy each field may fall to. Parsing only;
// corpus_runner.cc runs the cases through the pipeline.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/routing/routing.h"
#include "core/people.h"

namespace webcare::corpus {

struct CorpusSetup {
  std::vector<core::Team> teams;      // Ids 1, 2, ... in the order written.
  std::vector<core::Stream> streams;  // Ids 1, 2, ... in the order written.
  analysis::routing::RoutingRules rules;

  // The id of a team or stream by name (case-sensitive), or nullopt.
  std::optional<int64_t> TeamId(std::string_view name) const;
  std::optional<int64_t> StreamId(std::string_view name) const;
  std::string TeamName(int64_t id) const;  // "none" for 0.
};

// Parses streams.def. Errors read "streams.def:12: ...". Stream queries are checked by the
// runner with analysis::CheckStream, which knows the query language.
absl::StatusOr<CorpusSetup> ParseSetup(std::string_view text, std::string_view file_name);

struct Case {
  std::string file;  // File name without folder: "storingen.case".
  int line = 0;      // Of the "==" line.
  std::string title;

  // The post.
  std::string network = "x";
  std::string channel;  // Default: "<network>:@ovpas".
  std::string author;   // Handle; default "@klant<line>".
  std::string author_name;
  int64_t followers = -1;  // -1: unknown.
  bool is_private = false;
  bool outbound = false;
  bool reply = false;
  int customer_value = 0;
  int64_t recent_contacts = 0;
  std::string text;

  // What a webcare agent expects.
  std::string language;
  std::string sentiment;  // negative, neutral, positive
  std::string intent;     // question, complaint, praise, information
  bool question = false;
  std::vector<std::string> streams;  // Sorted by name; empty for "none".
  std::string team;                  // A team name or "none".
  int priority_min = 0;
  int priority_max = 100;
};

// Parses one .case file; `setup` validates stream and team names. Errors name file and line.
absl::StatusOr<std::vector<Case>> ParseCases(std::string_view text, std::string_view file_name,
                                             const CorpusSetup& setup);

// The fields the runner scores, in report order.
inline constexpr std::string_view kFields[] = {"language", "sentiment", "intent",  "question",
                                               "streams",  "team",      "priority"};

struct Floor {
  std::string field;
  double percent = 0;
};

// Parses `floors`: one "field percent" per line ("intent 85.0"), '#' comments. Every field of
// kFields must have exactly one floor.
absl::StatusOr<std::vector<Floor>> ParseFloors(std::string_view text, std::string_view file_name);

}  // namespace webcare::corpus
