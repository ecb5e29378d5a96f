#include "corpus/corpus.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "absl/status/status.h"
#include "base/strings.h"

namespace webcare::corpus {
namespace {

constexpr std::string_view kDefaultColour = "#6b7280";

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// The lines of a file, with line numbers from 1 and "\r\n" endings tolerated.
struct Line {
  int number;
  std::string_view text;
};
std::vector<Line> Lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (std::string_view line : base::Split(text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({number, line});
  }
  if (!lines.empty() && lines.back().text.empty()) lines.pop_back();
  return lines;
}

bool IsContinuation(std::string_view line) {
  return !line.empty() && (line.front() == ' ' || line.front() == '\t') && !Trim(line).empty();
}

absl::Status Error(std::string_view file, int line, std::string_view message) {
  return absl::InvalidArgumentError(base::ToAbsl(base::StrCat(file, ":", line, ": ", message)));
}

// Splits "key: value" at the first ": " (or a final ':'); false when there is none.
bool SplitKey(std::string_view line, std::string_view& key, std::string_view& value) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  key = Trim(line.substr(0, colon));
  value = Trim(line.substr(colon + 1));
  return !key.empty();
}

bool ParseYesNo(std::string_view value, bool& out) {
  if (value == "yes") {
    out = true;
    return true;
  }
  if (value == "no") {
    out = false;
    return true;
  }
  return false;
}

// "50..80" or "50".
bool ParseRange(std::string_view value, int& low, int& high) {
  const size_t dots = value.find("..");
  if (dots == std::string_view::npos) {
    if (!base::ParseInt(value, low)) return false;
    high = low;
  } else if (!base::ParseInt(Trim(value.substr(0, dots)), low) ||
             !base::ParseInt(Trim(value.substr(dots + 2)), high)) {
    return false;
  }
  return low >= 0 && high <= 100 && low <= high;
}

}  // namespace

std::optional<int64_t> CorpusSetup::TeamId(std::string_view name) const {
  for (const core::Team& team : teams) {
    if (team.name == name) return team.id.value();
  }
  return std::nullopt;
}

std::optional<int64_t> CorpusSetup::StreamId(std::string_view name) const {
  for (const core::Stream& stream : streams) {
    if (stream.name == name) return stream.id.value();
  }
  return std::nullopt;
}

std::string CorpusSetup::TeamName(int64_t id) const {
  for (const core::Team& team : teams) {
    if (team.id.value() == id) return team.name;
  }
  return id == 0 ? "none" : base::StrCat("team ", id);
}

absl::StatusOr<CorpusSetup> ParseSetup(std::string_view text, std::string_view file_name) {
  CorpusSetup setup;
  std::optional<std::string> default_team;
  int default_team_line = 0;
  core::Stream* stream = nullptr;
  int stream_line = 0;
  std::set<std::string> stream_keys;
  std::string* continued = nullptr;  // The query that indented lines extend.

  auto finish_stream = [&]() -> absl::Status {
    if (stream == nullptr) return absl::OkStatus();
    if (stream->query.empty()) return Error(file_name, stream_line, "a stream needs a query");
    stream = nullptr;
    return absl::OkStatus();
  };

  for (const Line& line : Lines(text)) {
    if (IsContinuation(line.text) && continued != nullptr) {
      base::StrAppend(*continued, " ", Trim(line.text));
      continue;
    }
    continued = nullptr;
    const std::string_view content = Trim(line.text);
    if (content.empty() || content.front() == '#') continue;
    if (content.starts_with("==")) {
      if (absl::Status status = finish_stream(); !status.ok()) return status;
      const std::string_view name = Trim(content.substr(2));
      if (name.empty()) return Error(file_name, line.number, "a stream needs a name after ==");
      if (setup.StreamId(name)) {
        return Error(file_name, line.number, base::StrCat("stream \"", name, "\" twice"));
      }
      core::Stream& added = setup.streams.emplace_back();
      added.id = core::StreamId(static_cast<int64_t>(setup.streams.size()));
      added.name = std::string(name);
      added.colour = std::string(kDefaultColour);
      stream = &added;
      stream_line = line.number;
      stream_keys.clear();
      continue;
    }
    std::string_view key;
    std::string_view value;
    if (!SplitKey(content, key, value)) {
      return Error(file_name, line.number, "expected \"key: value\"");
    }
    if (stream == nullptr) {
      if (key == "team") {
        if (value.empty()) return Error(file_name, line.number, "team: needs a name");
        if (setup.TeamId(value)) {
          return Error(file_name, line.number, base::StrCat("team \"", value, "\" twice"));
        }
        setup.teams.push_back(
            {core::TeamId(static_cast<int64_t>(setup.teams.size() + 1)), std::string(value)});
      } else if (key == "default team") {
        default_team = std::string(value);
        default_team_line = line.number;
      } else if (key == "rules") {
        auto rules = analysis::routing::RulesFromJson(value);
        if (!rules.ok())
          return Error(file_name, line.number, base::ToStd(rules.status().message()));
        setup.rules = *rules;
      } else {
        return Error(file_name, line.number,
                     base::StrCat("unknown setting \"", key,
                                  "\" (before the first stream: team, default team, rules)"));
      }
      continue;
    }
    if (!stream_keys.insert(std::string(key)).second) {
      return Error(file_name, line.number, base::StrCat("\"", key, "\" twice in one stream"));
    }
    if (key == "team") {
      if (value != "none") {
        auto team = setup.TeamId(value);
        if (!team) {
          return Error(file_name, line.number,
                       base::StrCat("unknown team \"", value, "\"; declare it with team: first"));
        }
        stream->owner_team = core::TeamId(*team);
      }
    } else if (key == "weight") {
      if (!base::ParseInt(value, stream->priority_weight)) {
        return Error(file_name, line.number, "weight: needs a whole number, -100..100");
      }
    } else if (key == "colour") {
      stream->colour = std::string(value);
    } else if (key == "query") {
      stream->query = std::string(value);
      continued = &stream->query;
    } else {
      return Error(file_name, line.number,
                   base::StrCat("unknown stream key \"", key, "\" (team, weight, colour, query)"));
    }
  }
  if (absl::Status status = finish_stream(); !status.ok()) return status;
  if (default_team) {
    auto team = setup.TeamId(*default_team);
    if (!team) {
      return Error(file_name, default_team_line,
                   base::StrCat("unknown team \"", *default_team, "\""));
    }
    setup.rules.default_team = *team;
  }
  if (setup.streams.empty()) return Error(file_name, 1, "no streams");
  return setup;
}

absl::StatusOr<std::vector<Case>> ParseCases(std::string_view text, std::string_view file_name,
                                             const CorpusSetup& setup) {
  std::vector<Case> cases;
  Case* current = nullptr;
  std::set<std::string> keys;
  bool in_post = false;

  auto finish = [&]() -> absl::Status {
    if (current == nullptr) return absl::OkStatus();
    for (std::string_view required :
         {"post", "expect language", "expect sentiment", "expect intent", "expect question",
          "expect streams", "expect team", "expect priority"}) {
      if (!keys.contains(std::string(required))) {
        return Error(file_name, current->line,
                     base::StrCat("case \"", current->title, "\" has no \"", required, ":\""));
      }
    }
    if (current->channel.empty()) current->channel = base::StrCat(current->network, ":@ovpas");
    if (current->author.empty()) current->author = base::StrCat("@klant", current->line);
    return absl::OkStatus();
  };

  int blank_lines = 0;  // Blank lines inside a post so far, kept if an indented line follows.
  for (const Line& line : Lines(text)) {
    if (in_post && Trim(line.text).empty()) {
      ++blank_lines;
      continue;
    }
    if (in_post && IsContinuation(line.text)) {
      // A post of several lines (an e-mail, a forum post): indented lines go on, joined by
      // line breaks, without the indentation; blank lines between them are paragraph breaks.
      current->text.append(blank_lines + 1, '\n');
      current->text.append(Trim(line.text));
      blank_lines = 0;
      continue;
    }
    in_post = false;
    blank_lines = 0;
    const std::string_view content = Trim(line.text);
    if (content.empty() || content.front() == '#') continue;
    if (content.starts_with("==")) {
      if (absl::Status status = finish(); !status.ok()) return status;
      const std::string_view title = Trim(content.substr(2));
      if (title.empty()) return Error(file_name, line.number, "a case needs a title after ==");
      current = &cases.emplace_back();
      current->file = std::string(file_name);
      current->line = line.number;
      current->title = std::string(title);
      keys.clear();
      continue;
    }
    if (current == nullptr) {
      return Error(file_name, line.number, "text before the first case (start one with == title)");
    }
    std::string_view key;
    std::string_view value;
    if (!SplitKey(content, key, value)) {
      return Error(file_name, line.number, "expected \"key: value\"");
    }
    if (!keys.insert(std::string(key)).second) {
      return Error(file_name, line.number, base::StrCat("\"", key, ":\" twice in one case"));
    }
    auto bad = [&](std::string_view what) {
      return Error(file_name, line.number,
                   base::StrCat("bad value \"", value, "\" for ", key, ": ", what));
    };
    Case& c = *current;
    if (key == "post") {
      // The post starts after "post: " exactly, so leading spaces of the text do not matter
      // and a colon in it is kept ("post: Vraag: hoe ...").
      const size_t colon = content.find(':');
      c.text = std::string(Trim(content.substr(colon + 1)));
      in_post = true;
    } else if (key == "network") {
      if (value.empty()) return bad("a network name such as x, mastodon, facebook, email");
      c.network = std::string(value);
    } else if (key == "channel") {
      c.channel = std::string(value);
    } else if (key == "author") {
      c.author = std::string(value);
    } else if (key == "name") {
      c.author_name = std::string(value);
    } else if (key == "followers") {
      if (!base::ParseInt(value, c.followers) || c.followers < 0) return bad("a count such as 120");
    } else if (key == "private") {
      if (!ParseYesNo(value, c.is_private)) return bad("yes or no");
    } else if (key == "reply") {
      if (!ParseYesNo(value, c.reply)) return bad("yes or no");
    } else if (key == "direction") {
      if (value != "inbound" && value != "outbound") return bad("inbound or outbound");
      c.outbound = value == "outbound";
    } else if (key == "customer value") {
      if (!base::ParseInt(value, c.customer_value) || c.customer_value < 0 ||
          c.customer_value > 100) {
        return bad("0..100");
      }
    } else if (key == "recent contacts") {
      if (!base::ParseInt(value, c.recent_contacts) || c.recent_contacts < 0) {
        return bad("a count of earlier posts in the last 7 days");
      }
    } else if (key == "expect language") {
      const bool letters = !value.empty() && std::all_of(value.begin(), value.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || ch == '-';
      });
      if (!letters || value.size() > 8) return bad("a language code such as nl, en or und");
      c.language = std::string(value);
    } else if (key == "expect sentiment") {
      if (value != "negative" && value != "neutral" && value != "positive") {
        return bad("negative, neutral or positive");
      }
      c.sentiment = std::string(value);
    } else if (key == "expect intent") {
      if (value != "question" && value != "complaint" && value != "praise" &&
          value != "information") {
        return bad("question, complaint, praise or information");
      }
      c.intent = std::string(value);
    } else if (key == "expect question") {
      if (!ParseYesNo(value, c.question)) return bad("yes or no");
    } else if (key == "expect streams") {
      if (value != "none") {
        for (std::string_view name : base::Split(value, ',')) {
          name = Trim(name);
          if (!setup.StreamId(name)) {
            return bad(base::StrCat("unknown stream \"", name, "\" (see streams.def), or none"));
          }
          c.streams.emplace_back(name);
        }
        std::sort(c.streams.begin(), c.streams.end());
        if (std::adjacent_find(c.streams.begin(), c.streams.end()) != c.streams.end()) {
          return bad("a stream named twice");
        }
      }
    } else if (key == "expect team") {
      if (value != "none" && !setup.TeamId(value)) {
        return bad("a team from streams.def, or none");
      }
      c.team = std::string(value);
    } else if (key == "expect priority") {
      if (!ParseRange(value, c.priority_min, c.priority_max)) {
        return bad("a range such as 40..70 within 0..100, or one number");
      }
    } else {
      return Error(file_name, line.number,
                   base::StrCat("unknown key \"", key, ":\" (see README.md for the keys)"));
    }
  }
  if (absl::Status status = finish(); !status.ok()) return status;
  if (cases.empty()) return Error(file_name, 1, "no cases");
  for (const Case& c : cases) {
    if (c.text.empty()) return Error(file_name, c.line, "post: is empty");
  }
  return cases;
}

absl::StatusOr<std::vector<Floor>> ParseFloors(std::string_view text, std::string_view file_name) {
  std::vector<Floor> floors;
  for (const Line& line : Lines(text)) {
    const std::string_view content = Trim(line.text);
    if (content.empty() || content.front() == '#') continue;
    const size_t space = content.find(' ');
    if (space == std::string_view::npos) {
      return Error(file_name, line.number, "expected \"field percent\", e.g. \"intent 85.0\"");
    }
    const std::string_view field = content.substr(0, space);
    const std::string value(Trim(content.substr(space + 1)));
    if (std::find(std::begin(kFields), std::end(kFields), field) == std::end(kFields)) {
      return Error(file_name, line.number, base::StrCat("unknown field \"", field, "\""));
    }
    for (const Floor& floor : floors) {
      if (floor.field == field) {
        return Error(file_name, line.number, base::StrCat("\"", field, "\" twice"));
      }
    }
    char* end = nullptr;
    const double percent = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || percent < 0 || percent > 100) {
      return Error(file_name, line.number, "the floor is a percentage, 0 to 100");
    }
    floors.push_back({std::string(field), percent});
  }
  for (std::string_view field : kFields) {
    const bool found = std::any_of(floors.begin(), floors.end(),
                                   [&](const Floor& floor) { return floor.field == field; });
    if (!found) return Error(file_name, 1, base::StrCat("no floor for \"", field, "\""));
  }
  return floors;
}

}  // namespace webcare::corpus
