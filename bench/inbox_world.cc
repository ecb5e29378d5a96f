#include "bench/inbox_world.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "analysis/routing/routing.h"
#include "app/data_dir.h"
#include "base/clock.h"
#include "base/status.h"
#include "base/strings.h"
#include "bench/bench_util.h"
#include "bench/raw_sqlite.h"
#include "core/event.h"
#include "ingest/demo/demo_streams.h"
#include "ingest/demo/demo_world.h"
#include "ingest/ingestor.h"
#include "server/auth_service.h"

namespace webcare::bench {
namespace {

using nlohmann::json;

constexpr char kManifest[] = "bench-world.json";
// Besides the demo teams (Binnendienst, Support, PR), which the demo streams route to.
constexpr const char* kExtraTeams[] = {"Zakelijk", "Reizen", "Webshop"};
// The demo team that gets what no stream routes elsewhere (RoutingRules::default_team).
constexpr char kFrontOffice[] = "Binnendienst";
// Labels agents put on conversations, the common ones first.
constexpr const char* kLabels[] = {"klacht",   "terugbetaling", "storing", "app",
                                   "follow-up", "vip",          "pers",    "feedback"};
constexpr const char* kNetworks[] = {"x", "facebook", "instagram", "mastodon",
                                     "forum", "email", "phone"};
// The demo world has about 2.14 posts per conversation; generation stops at the target.
constexpr int64_t kPostsPerConversationBound = 24;  // Tenths.

std::string ManifestPath(const std::string& data_dir) { return data_dir + "/" + kManifest; }

json ToManifest(const World& world, const WorldOptions& options) {
  json users = json::array();
  for (const BenchUser& user : world.users) {
    users.push_back(
        {{"id", user.id}, {"lead", user.lead}, {"token", user.token}, {"teams", user.teams}});
  }
  json teams = json::array();
  for (const BenchTeam& team : world.teams) teams.push_back({{"id", team.id}, {"name", team.name}});
  return {{"requested_conversations", options.conversations},
          {"agents", options.agents},
          {"leads", options.leads},
          {"seed", options.seed},
          {"conversations", world.conversations},
          {"posts", world.posts},
          {"teams", teams},
          {"users", users},
          {"labels", world.labels},
          {"networks", world.networks},
          {"prepare_seconds", world.prepare_seconds}};
}

absl::StatusOr<World> FromManifest(const std::string& data_dir, const WorldOptions& options) {
  std::ifstream in(ManifestPath(data_dir));
  const json manifest = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!manifest.is_object() || !manifest.contains("users")) {
    return absl::DataLossError(base::StrCat("cannot read ", ManifestPath(data_dir)));
  }
  if (manifest.value("requested_conversations", int64_t{0}) != options.conversations ||
      manifest.value("agents", 0) != options.agents || manifest.value("leads", 0) != options.leads ||
      manifest.value("seed", uint64_t{0}) != options.seed) {
    return absl::FailedPreconditionError(
        base::StrCat(data_dir, " was prepared with other --conversations, --agents, --leads or "
                               "--seed; pass another --data folder"));
  }
  World world;
  world.data_dir = data_dir;
  world.db_path = app::DatabasePath(data_dir);
  world.reused = true;
  // nlohmann::json throws on a missing key or a wrong type; the manifest is ours, but a file
  // edited by hand must give a message, not a crash.
  try {
    world.conversations = manifest.at("conversations").get<int64_t>();
    world.posts = manifest.at("posts").get<int64_t>();
    world.prepare_seconds = manifest.at("prepare_seconds").get<double>();
    for (const json& team : manifest.at("teams")) {
      world.teams.push_back({team.at("id").get<int64_t>(), team.at("name").get<std::string>()});
    }
    for (const json& user : manifest.at("users")) {
      world.users.push_back({.id = user.at("id").get<int64_t>(),
                             .lead = user.at("lead").get<bool>(),
                             .token = user.at("token").get<std::string>(),
                             .teams = user.at("teams").get<std::vector<int64_t>>()});
    }
    world.labels = manifest.at("labels").get<std::vector<std::string>>();
    world.networks = manifest.at("networks").get<std::vector<std::string>>();
  } catch (const json::exception& error) {
    return absl::DataLossError(
        base::StrCat("cannot read ", ManifestPath(data_dir), ": ", error.what()));
  }
  world.db_bytes = FileBytes(world.db_path);
  return world;
}

// The demo configuration, three more teams, agents in one or two teams each and leads in all,
// each with an API token.
absl::Status CreatePeople(storage::Store& store, const WorldOptions& options, World& world) {
  RETURN_IF_ERROR(ingest::demo::SeedDemoConfiguration(store));
  for (const char* name : kExtraTeams) RETURN_IF_ERROR(store.CreateTeam(name).status());
  ASSIGN_OR_RETURN(const std::vector<core::Team> teams, store.ListTeams());
  for (const core::Team& team : teams) world.teams.push_back({team.id.value(), team.name});
  const size_t team_count = world.teams.size();
  // What a team this size sets up (analysis/routing/README.md): posts no stream claims go
  // to the front office instead of the unassigned queue that every agent sees.
  analysis::routing::RoutingRules rules;
  for (const core::Team& team : teams) {
    if (team.name == kFrontOffice) rules.default_team = team.id.value();
  }
  RETURN_IF_ERROR(store.PutSetting(std::string(ingest::kRoutingRulesKey),
                                   analysis::routing::RulesToJson(rules)));

  // One Argon2id hash for everyone: the benchmark authenticates with API tokens only, and
  // hashing a password per user would cost a second each for nothing measured.
  ASSIGN_OR_RETURN(const std::string password_hash, server::HashPassword("inbox-bench-unused"));
  server::AuthService auth(store, base::SystemClock::Instance());
  const int people = options.agents + options.leads;
  for (int i = 0; i < people; ++i) {
    const bool lead = i >= options.agents;
    const int number = lead ? i - options.agents + 1 : i + 1;
    const std::string kind = lead ? "lead" : "agent";
    ASSIGN_OR_RETURN(const core::User user,
                     store.CreateUser({.email = base::StrCat(kind, number, "@inbox-bench.example"),
                                       .name = base::StrCat("Bench ", lead ? "Lead " : "Agent ",
                                                            number),
                                       .role = lead ? core::Role::kLead : core::Role::kAgent},
                                      password_hash));
    BenchUser bench_user{.id = user.id.value(), .lead = lead};
    if (lead) {
      for (const BenchTeam& team : world.teams) bench_user.teams.push_back(team.id);
    } else {
      bench_user.teams.push_back(world.teams[i % team_count].id);
      // About a third also help out in a second team.
      if (i % 3 == 0) bench_user.teams.push_back(world.teams[(i / 3 + 1 + i) % team_count].id);
      std::sort(bench_user.teams.begin(), bench_user.teams.end());
      bench_user.teams.erase(std::unique(bench_user.teams.begin(), bench_user.teams.end()),
                             bench_user.teams.end());
    }
    for (const int64_t team : bench_user.teams) {
      RETURN_IF_ERROR(store.SetTeamMember(core::TeamId(team), user.id, true));
    }
    ASSIGN_OR_RETURN(auto token, auth.CreateApiToken(user.id, "inbox benchmark"));
    bench_user.token = std::move(token.second);
    world.users.push_back(std::move(bench_user));
  }
  return absl::OkStatus();
}

// Demo posts through the Ingestor until the store holds `options.conversations`.
absl::Status IngestPosts(storage::Store& store, const WorldOptions& options, World& world) {
  core::NullEventSink events;
  ASSIGN_OR_RETURN(auto stack, app::OpenIngest(store, events));
  const int64_t hour = 3600 * base::kMicrosPerSecond;
  const base::Micros end_time = base::SystemClock::Instance().NowMicros() / hour * hour;
  // Small inboxes get small batches, so the count stops close to the target.
  const size_t batch_size = std::clamp<size_t>(options.conversations / 10, 100, options.batch);
  std::vector<core::NewPost> batch;
  batch.reserve(batch_size);
  int64_t conversations = 0;
  int64_t next_progress = 100'000;
  Stopwatch watch;
  const auto flush = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(const storage::InsertResult result, stack->ingestor.Ingest(batch));
    world.posts += result.inserted;
    // Conversation ids are rowids handed out in order and never deleted here, so the
    // highest id touched is the number of conversations.
    for (const core::ConversationId id : result.conversations) {
      conversations = std::max(conversations, id.value());
    }
    batch.clear();
    if (world.posts >= next_progress) {
      next_progress += 100'000;
      Progress(base::StrCat("prepare: ", base::WithThousands(world.posts), " posts, ",
                            base::WithThousands(conversations), " conversations, ",
                            static_cast<int64_t>(world.posts / std::max(0.001, watch.Seconds())),
                            " posts/s"));
    }
    return absl::OkStatus();
  };
  const absl::Status generated = ingest::demo::GenerateDemoWorld(
      {.posts = options.conversations * kPostsPerConversationBound / 10 + 1000,
       .seed = options.seed,
       .end_time = end_time},
      [&](core::NewPost&& post) -> absl::Status {
        if (conversations >= options.conversations) return absl::CancelledError("enough");
        batch.push_back(std::move(post));
        if (batch.size() >= batch_size) return flush();
        return absl::OkStatus();
      });
  if (!generated.ok() && !absl::IsCancelled(generated)) return generated;
  if (!batch.empty()) RETURN_IF_ERROR(flush());
  world.conversations = conversations;
  return absl::OkStatus();
}

// What a conversation looks like after the team has worked on it.
struct InboxState {
  const char* status = "resolved";
  int64_t assignee = 0;  // 0: nobody.
  int64_t team = 0;      // 0: keep the routed one (or none).
  int64_t snoozed_until = 0;
};

// Writes statuses, assignees, teams, labels and experts for every conversation in one
// transaction: the newest 2% (at least 2,000) are the open work, the rest resolved but for
// half a percent.
absl::Status ApplyInboxState(const WorldOptions& options, World& world) {
  ASSIGN_OR_RETURN(RawDb db, OpenRaw(world.db_path, /*read_only=*/false));
  RETURN_IF_ERROR(ExecRaw(db.get(), kStoreWriterPragmas));
  std::map<int64_t, std::vector<int64_t>> agents_by_team;
  std::vector<int64_t> all_agents;
  for (const BenchUser* agent : world.Agents()) {
    all_agents.push_back(agent->id);
    for (const int64_t team : agent->teams) agents_by_team[team].push_back(agent->id);
  }
  int64_t front_office = 0;
  std::vector<int64_t> handed_on;
  for (const BenchTeam& team : world.teams) {
    if (team.name == kFrontOffice) front_office = team.id;
    for (const char* extra : kExtraTeams) {
      if (team.name == extra) handed_on.push_back(team.id);
    }
  }
  std::vector<std::pair<int64_t, int64_t>> rows;  // (id, team or 0), newest activity first.
  {
    ASSIGN_OR_RETURN(RawStmt read, PrepareRaw(db.get(),
                                              "SELECT id, coalesce(team_id, 0) FROM conversations"
                                              " ORDER BY last_post_at DESC, id DESC"));
    while (sqlite3_step(read.get()) == SQLITE_ROW) {
      rows.emplace_back(sqlite3_column_int64(read.get(), 0), sqlite3_column_int64(read.get(), 1));
    }
  }
  const size_t recent = std::max<size_t>(2000, rows.size() / 50);
  const int64_t now = base::SystemClock::Instance().NowMicros();
  std::mt19937_64 random(options.seed * 7919 + 17);
  const auto chance = [&](double p) { return std::uniform_real_distribution<>(0, 1)(random) < p; };
  const auto pick = [&](const std::vector<int64_t>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
  };
  // Label weights fall off: the first label is on about eight times as many as the last.
  std::discrete_distribution<size_t> label_pick({8, 6, 5, 4, 3, 2, 1.5, 1});

  RETURN_IF_ERROR(ExecRaw(db.get(), "BEGIN IMMEDIATE"));
  ASSIGN_OR_RETURN(RawStmt update,
                   PrepareRaw(db.get(), "UPDATE conversations SET status = ?1, assignee_id = ?2,"
                                        " team_id = coalesce(?3, team_id), snoozed_until = ?4"
                                        " WHERE id = ?5"));
  ASSIGN_OR_RETURN(RawStmt label, PrepareRaw(db.get(), "INSERT OR IGNORE INTO conversation_labels"
                                                       " (conversation_id, label) VALUES (?, ?)"));
  ASSIGN_OR_RETURN(RawStmt expert,
                   PrepareRaw(db.get(), "INSERT OR IGNORE INTO conversation_experts"
                                        " (conversation_id, user_id) VALUES (?, ?)"));
  const auto run = [&](sqlite3_stmt* stmt) -> absl::Status {
    const int code = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (code != SQLITE_DONE) return RawError(db.get(), code, "inbox state");
    return absl::OkStatus();
  };
  for (size_t rank = 0; rank < rows.size(); ++rank) {
    const auto [id, routed_team] = rows[rank];
    InboxState state;
    // Most routed conversations keep their team; 95% of the others got one by hand, and the
    // front office handed half of what routing gave it on to the teams no stream feeds.
    int64_t team = routed_team;
    if (team == 0 && chance(0.95)) {
      team = world.teams[std::uniform_int_distribution<size_t>(0, world.teams.size() - 1)(random)]
                 .id;
      state.team = team;
    } else if (team == front_office && !handed_on.empty() && chance(0.5)) {
      team = pick(handed_on);
      state.team = team;
    }
    const double roll = std::uniform_real_distribution<>(0, 1)(random);
    if (rank < recent) {
      state.status = roll < 0.25 ? "new" : roll < 0.55 ? "open" : roll < 0.80 ? "waiting"
                                         : roll < 0.85 ? "snoozed" : "resolved";
    } else {
      // Old conversations left open: a customer who never answered, a case parked.
      state.status = roll < 0.995 ? "resolved" : roll < 0.999 ? "waiting" : "open";
    }
    if (std::string_view(state.status) == "snoozed") {
      state.snoozed_until = now + (1 + static_cast<int64_t>(roll * 1000) % 72) * 3600 *
                                      base::kMicrosPerSecond;
    }
    const bool assigned = std::string_view(state.status) != "new" && chance(0.9);
    if (assigned) {
      const auto members = agents_by_team.find(team);
      state.assignee =
          members != agents_by_team.end() && !members->second.empty() ? pick(members->second)
                                                                       : pick(all_agents);
    }
    sqlite3_bind_text(update.get(), 1, state.status, -1, SQLITE_STATIC);
    state.assignee ? sqlite3_bind_int64(update.get(), 2, state.assignee)
                   : sqlite3_bind_null(update.get(), 2);
    state.team ? sqlite3_bind_int64(update.get(), 3, state.team) : sqlite3_bind_null(update.get(), 3);
    state.snoozed_until ? sqlite3_bind_int64(update.get(), 4, state.snoozed_until)
                        : sqlite3_bind_null(update.get(), 4);
    sqlite3_bind_int64(update.get(), 5, id);
    RETURN_IF_ERROR(run(update.get()));
    const int labels = chance(0.25) ? (chance(0.3) ? 2 : 1) : 0;
    for (int l = 0; l < labels; ++l) {
      sqlite3_bind_int64(label.get(), 1, id);
      sqlite3_bind_text(label.get(), 2, kLabels[label_pick(random)], -1, SQLITE_STATIC);
      RETURN_IF_ERROR(run(label.get()));
    }
    if (chance(0.003)) {
      sqlite3_bind_int64(expert.get(), 1, id);
      sqlite3_bind_int64(expert.get(), 2, pick(all_agents));
      RETURN_IF_ERROR(run(expert.get()));
    }
  }
  RETURN_IF_ERROR(ExecRaw(db.get(), "COMMIT"));
  return ExecRaw(db.get(), "PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace

std::vector<const BenchUser*> World::Agents() const {
  std::vector<const BenchUser*> out;
  for (const BenchUser& user : users) {
    if (!user.lead) out.push_back(&user);
  }
  return out;
}

std::vector<const BenchUser*> World::Leads() const {
  std::vector<const BenchUser*> out;
  for (const BenchUser& user : users) {
    if (user.lead) out.push_back(&user);
  }
  return out;
}

absl::StatusOr<World> PrepareWorld(const std::string& data_dir, const WorldOptions& options) {
  if (options.agents < 1 || options.leads < 1) {
    return absl::InvalidArgumentError("the benchmark needs at least one agent and one lead");
  }
  std::error_code error;
  if (std::filesystem::exists(ManifestPath(data_dir), error)) return FromManifest(data_dir, options);
  if (std::filesystem::exists(app::DatabasePath(data_dir), error)) {
    return absl::FailedPreconditionError(base::StrCat(
        data_dir, " holds a database the benchmark did not prepare; pass an empty folder"));
  }
  World world;
  world.data_dir = data_dir;
  world.db_path = app::DatabasePath(data_dir);
  for (const char* label : kLabels) world.labels.emplace_back(label);
  for (const char* network : kNetworks) world.networks.emplace_back(network);
  Stopwatch total;
  {
    ASSIGN_OR_RETURN(auto store, app::OpenDataDir(data_dir, base::SystemClock::Instance()));
    Stopwatch step;
    RETURN_IF_ERROR(CreatePeople(*store, options, world));
    world.users_seconds = step.Seconds();
    step.Restart();
    RETURN_IF_ERROR(IngestPosts(*store, options, world));
    world.ingest_seconds = step.Seconds();
  }  // Closing the store folds the WAL back into the database.
  Progress(base::StrCat("prepare: ", base::WithThousands(world.posts), " posts, ",
                        base::WithThousands(world.conversations), " conversations in ",
                        static_cast<int64_t>(world.ingest_seconds), " s; writing inbox state"));
  Stopwatch step;
  RETURN_IF_ERROR(ApplyInboxState(options, world));
  world.state_seconds = step.Seconds();
  world.prepare_seconds = total.Seconds();
  world.db_bytes = FileBytes(world.db_path);
  std::ofstream out(ManifestPath(data_dir), std::ios::trunc);
  out << ToManifest(world, options).dump(1) << "\n";
  out.close();
  if (!out) return absl::DataLossError(base::StrCat("cannot write ", ManifestPath(data_dir)));
  return world;
}

}  // namespace webcare::bench
