#include "ingest/demo/demo_streams.h"

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "base/status.h"

namespace webcare::ingest::demo {
namespace {

constexpr std::string_view kTeams[] = {"Binnendienst", "Support", "PR"};

struct DemoStream {
  std::string_view name;
  std::string_view team;
  std::string_view colour;
  int priority_weight;
  std::string_view query;
};

// Written the way a webcare lead would: synonyms in both languages, prefixes for Dutch
// inflections, hashtags, and filters for reach and intent.
constexpr DemoStream kStreams[] = {
    {"Storingen", "Binnendienst", "#dc2626", 20,
     "storing* OR #storing OR outage OR \"poortjes werken niet\" OR \"poortjes blijven dicht\""
     " OR \"gates not working\" OR \"gates stuck closed\""},
    {"Betalingen", "Support", "#d97706", 10,
     "afgeschreven OR afschrijving* OR restitutie OR terugbetal* OR refund* OR \"double charged\""
     " OR charged OR saldo OR opwaarderen OR top-up*"},
    {"App", "Support", "#2563eb", 5,
     "app (crash* OR hangen OR inloggen OR update OR \"log in\" OR login OR \"blijft hangen\")"},
    {"Wachttijd", "Binnendienst", "#7c3aed", 10,
     "wachtmuziek OR wachttijd OR \"nog steeds geen antwoord\" OR \"still waiting\" OR \"no answer\""
     " OR \"geen reactie\""},
    {"Invloedrijk", "PR", "#db2777", 15, "followers:>=10000 -is:private"},
    {"Complimenten", "PR", "#16a34a", -5,
     "sentiment:positive (bedankt OR complimenten OR top OR thanks OR \"thank you\" OR great)"},
};

}  // namespace

std::vector<core::Stream> DemoStreams() {
  std::vector<core::Stream> streams;
  for (const DemoStream& stream : kStreams) {
    streams.push_back({.name = std::string(stream.name),
                       .query = std::string(stream.query),
                       .colour = std::string(stream.colour),
                       .priority_weight = stream.priority_weight});
  }
  return streams;
}

absl::Status SeedDemoConfiguration(storage::Store& store) {
  ASSIGN_OR_RETURN(const std::vector<core::Stream> existing, store.ListStreams());
  if (!existing.empty()) return absl::OkStatus();
  absl::flat_hash_map<std::string, core::TeamId> teams;
  ASSIGN_OR_RETURN(const std::vector<core::Team> known, store.ListTeams());
  for (const core::Team& team : known) teams[team.name] = team.id;
  for (const std::string_view name : kTeams) {
    if (teams.contains(std::string(name))) continue;
    ASSIGN_OR_RETURN(const core::Team team, store.CreateTeam(std::string(name)));
    teams[team.name] = team.id;
  }
  for (const DemoStream& stream : kStreams) {
    RETURN_IF_ERROR(store.CreateStream({.name = std::string(stream.name),
                                        .query = std::string(stream.query),
                                        .owner_team = teams[std::string(stream.team)],
                                        .colour = std::string(stream.colour),
                                        .priority_weight = stream.priority_weight})
                        .status());
  }
  return absl::OkStatus();
}

}  // namespace webcare::ingest::demo
