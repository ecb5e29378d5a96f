#pragma once
// The data folder of the inbox benchmark: a large inbox as a busy webcare team would have it
// after a few years, made with the product's own code, plus the people who work in it.
//
// Posts come from the demo world (`GenerateDemoWorld`) through the real `Ingestor` (analysis,
// routing, storage: what `webcare import` does) until the database holds the requested number
// of conversations. Teams, streams and routing are the demo configuration plus three more
// teams; agents (in one or two teams each) and leads get API tokens through `AuthService`.
// Finally the state that years of work leave behind (most conversations resolved, recent ones
// new, open, waiting or snoozed; assignees; a team for most; labels; a few experts) is written
// in one bulk SQL transaction, because replaying a million `UpdateConversation` calls, one
// fsynced transaction each, would take longer than everything else together. A manifest
// (bench-world.json) lets a later run reuse the folder.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace webcare::bench {

struct WorldOptions {
  int64_t conversations = 1'000'000;
  int agents = 200;
  int leads = 20;
  uint64_t seed = 1;
  size_t batch = 5000;  // Posts per Ingest call.
};

struct BenchUser {
  int64_t id = 0;
  bool lead = false;  // Lead (sees every conversation) or agent.
  std::string token;  // API token, for `Authorization: Bearer`.
  std::vector<int64_t> teams;
};

struct BenchTeam {
  int64_t id = 0;
  std::string name;
};

struct World {
  std::string data_dir;
  std::string db_path;
  int64_t conversations = 0;
  int64_t posts = 0;
  std::vector<BenchTeam> teams;
  std::vector<BenchUser> users;  // Agents first, then leads.
  std::vector<std::string> labels;
  std::vector<std::string> networks;
  bool reused = false;  // Read from an earlier run's manifest: nothing was prepared now.
  // Seconds: users and tokens, posts through the Ingestor, the bulk inbox state, in total.
  double users_seconds = 0;
  double ingest_seconds = 0;
  double state_seconds = 0;
  double prepare_seconds = 0;
  int64_t db_bytes = 0;

  std::vector<const BenchUser*> Agents() const;
  std::vector<const BenchUser*> Leads() const;
};

// Prepares `data_dir` (which must be empty or missing), or reuses it when it holds the
// manifest of a run with the same options.
absl::StatusOr<World> PrepareWorld(const std::string& data_dir, const WorldOptions& options);

}  // namespace webcare::bench
