// SLA timers of the SQLite store: the refresh every write that touches a conversation runs,
// the conversation's SLA column read back, and the business hours and policies admins edit.
// The rules themselves are the calculator's (inbox/sla.h); this file gathers the facts and
// persists what it answers.

#include <algorithm>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/sla_rows.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

using nlohmann::json;

int64_t Number(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

json TimeOrNull(base::Micros at) { return at != 0 ? json(base::FormatRfc3339(at)) : json(nullptr); }

void BindOptional(Statement& statement, int index, int64_t value) {
  if (value != 0) statement.Bind(index, value); else statement.BindNull(index);
}

absl::StatusOr<std::vector<core::SlaTimer>> StoredTimers(Connection& db, int64_t conversation) {
  ASSIGN_OR_RETURN(auto query, db.Prepare(
      "SELECT kind, target_minutes, started_at, due_at, coalesce(warn_at, 0),"
      " coalesce(stopped_at, 0), coalesce(warned_at, 0), coalesce(breached_at, 0)"
      " FROM sla_timers WHERE conversation_id = ?"));
  query->Bind(1, conversation);
  return CollectRows(*query, [](const Statement& row) {
    return core::SlaTimer{.kind = core::ParseSlaKind(row.Text(0)).value_or(core::SlaKind::kResolution),
                          .target_minutes = static_cast<int>(row.Int(1)),
                          .started_at = row.Int(2),
                          .due_at = row.Int(3),
                          .warn_at = row.Int(4),
                          .stopped_at = row.Int(5),
                          .warned_at = row.Int(6),
                          .breached_at = row.Int(7)};
  });
}

// The policy of `team`, else the default one; nullopt when neither exists.
absl::StatusOr<std::optional<core::SlaPolicy>> PolicyFor(Connection& db, int64_t team) {
  ASSIGN_OR_RETURN(auto find, db.Prepare(
      "SELECT id, coalesce(team_id, 0), warn_percent, warn_minutes_before, updated_at"
      " FROM sla_policies WHERE coalesce(team_id, 0) IN (?1, 0)"
      " ORDER BY coalesce(team_id, 0) DESC LIMIT 1"));
  find->Bind(1, team);
  ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) return std::nullopt;
  const int64_t id = find->Int(0);
  core::SlaPolicy policy{.team = core::TeamId(find->Int(1)),
                         .warn_percent = static_cast<int>(find->Int(2)),
                         .warn_minutes_before = static_cast<int>(find->Int(3)),
                         .updated_at = find->Int(4)};
  ASSIGN_OR_RETURN(auto bands, db.Prepare(
      "SELECT min_priority, first_response_minutes, next_response_minutes, resolution_minutes"
      " FROM sla_targets WHERE policy_id = ? ORDER BY min_priority"));
  bands->Bind(1, id);
  ASSIGN_OR_RETURN(policy.bands, CollectRows(*bands, [](const Statement& row) {
    return core::SlaTargets{.min_priority = static_cast<int>(row.Int(0)),
                            .first_response_minutes = static_cast<int>(row.Int(1)),
                            .next_response_minutes = static_cast<int>(row.Int(2)),
                            .resolution_minutes = static_cast<int>(row.Int(3))};
  }));
  return policy;
}

// The schedule with id `id`.
absl::StatusOr<core::BusinessHours> HoursById(Connection& db, int64_t id) {
  ASSIGN_OR_RETURN(auto find, db.Prepare(
      "SELECT coalesce(team_id, 0), time_zone, always_open, updated_at FROM business_hours WHERE id = ?"));
  find->Bind(1, id);
  ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) return absl::NotFoundError(base::StrCat("business hours ", id, " not found"));
  core::BusinessHours hours{.team = core::TeamId(find->Int(0)),
                            .time_zone = find->Text(1),
                            .always_open = find->Int(2) != 0,
                            .updated_at = find->Int(3)};
  ASSIGN_OR_RETURN(auto intervals, db.Prepare(
      "SELECT weekday, opens, closes FROM business_hours_intervals WHERE hours_id = ?"
      " ORDER BY weekday, opens"));
  intervals->Bind(1, id);
  ASSIGN_OR_RETURN(hours.intervals, CollectRows(*intervals, [](const Statement& row) {
    return core::OpeningInterval{.weekday = static_cast<int>(row.Int(0)),
                                 .opens = static_cast<int>(row.Int(1)),
                                 .closes = static_cast<int>(row.Int(2))};
  }));
  ASSIGN_OR_RETURN(auto closed, db.Prepare(
      "SELECT date, name FROM business_hours_closed WHERE hours_id = ? ORDER BY date"));
  closed->Bind(1, id);
  ASSIGN_OR_RETURN(hours.closed, CollectRows(*closed, [](const Statement& row) {
    return core::ClosedDate{.date = row.Text(0), .name = row.Text(1)};
  }));
  return hours;
}

// The schedule of `team`, else the default one, else every minute in UTC.
absl::StatusOr<core::BusinessHours> HoursFor(Connection& db, int64_t team) {
  ASSIGN_OR_RETURN(auto find, db.Prepare(
      "SELECT id FROM business_hours WHERE coalesce(team_id, 0) IN (?1, 0)"
      " ORDER BY coalesce(team_id, 0) DESC LIMIT 1"));
  find->Bind(1, team);
  ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) return core::BusinessHours{.time_zone = "UTC", .always_open = true};
  return HoursById(db, find->Int(0));
}

absl::StatusOr<bool> AnyPolicy(Connection& db) {
  ASSIGN_OR_RETURN(auto any, db.Prepare("SELECT EXISTS (SELECT 1 FROM sla_policies)"));
  ASSIGN_OR_RETURN(bool row, any->Step());
  return row && any->Int(0) != 0;
}

absl::StatusOr<int64_t> AppendSlaEvent(Connection& db, base::Micros at, core::ConversationId conversation,
                                       std::string_view kind, const json& data) {
  ASSIGN_OR_RETURN(auto insert, db.Prepare(
      "INSERT INTO events (at, kind, conversation_id, actor_id, data) VALUES (?, ?, ?, NULL, ?)"));
  RETURN_IF_ERROR(insert->Bind(1, at).Bind(2, kind).Bind(3, conversation.value()).Bind(4, data.dump()).Run());
  return db.LastInsertRowId();
}

// The open (not resolved) conversations a policy or schedule of `team` governs: the team's,
// or for the default (team 0) those of no team or of a team without its own in `table`.
absl::StatusOr<std::vector<core::ConversationId>> Governed(Connection& db, std::string_view table,
                                                         int64_t team) {
  ASSIGN_OR_RETURN(auto query, db.Prepare(base::StrCat(
      "SELECT id FROM conversations WHERE status <> 'resolved' AND ",
      team != 0 ? "team_id = ?1"
                : base::StrCat("(team_id IS NULL OR team_id NOT IN (SELECT team_id FROM ", table,
                               " WHERE team_id IS NOT NULL))"))));
  if (team != 0) query->Bind(1, team);
  return CollectRows(*query, [](const Statement& row) { return core::ConversationId(row.Int(0)); });
}

struct Config {
  std::map<int64_t, std::optional<core::SlaPolicy>> policies;
  std::map<int64_t, core::BusinessHours> hours;
};

absl::Status RefreshOne(Connection& db, const core::SlaCalculator& calculator, Config& config,
                        core::ConversationId id, base::Micros now) {
  ASSIGN_OR_RETURN(auto read, db.Prepare(
      "SELECT status, priority, coalesce(team_id, 0), coalesce(sla_cycle_start, 0),"
      " coalesce(sla_resolved_at, 0) FROM conversations WHERE id = ?"));
  read->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool found, read->Step());
  if (!found) return absl::OkStatus();
  const int64_t team = read->Int(2);
  core::SlaFacts facts{.priority = static_cast<int>(read->Int(1)),
                       .resolved = read->Text(0) == "resolved",
                       .cycle_start = read->Int(3),
                       .resolved_at = read->Int(4)};
  ASSIGN_OR_RETURN(facts.timers, StoredTimers(db, id.value()));
  base::Micros next_start = kNoSlaDue;
  for (const core::SlaTimer& timer : facts.timers) {
    if (timer.kind == core::SlaKind::kNextResponse && timer.running()) next_start = timer.started_at;
  }
  // Index ranges of posts_by_conversation; conversations hold few posts. A reply answers
  // when it leaves: one held for a lead's approval (reply_reviews, 0008) only once approved.
  ASSIGN_OR_RETURN(auto posts, db.Prepare(
      "WITH responses AS (SELECT CASE WHEN r.post_id IS NULL THEN p.created_at"
      "   WHEN r.state = 'approved' THEN max(p.created_at, coalesce(r.reviewed_at, 0)) END AS at"
      "   FROM posts p LEFT JOIN reply_reviews r ON r.post_id = p.id"
      "   WHERE p.conversation_id = ?1 AND p.direction = 'outbound'),"
      " f AS (SELECT"
      "   (SELECT min(created_at) FROM posts WHERE conversation_id = ?1 AND direction = 'inbound') AS first_in,"
      "   (SELECT max(at) FROM responses) AS last_out)"
      " SELECT coalesce(f.first_in, 0),"
      " coalesce((SELECT min(at) FROM responses WHERE at >= f.first_in), 0),"
      " coalesce((SELECT min(created_at) FROM posts WHERE conversation_id = ?1"
      "   AND direction = 'inbound' AND created_at > max(coalesce(f.last_out, 0), ?2)), 0),"
      " coalesce((SELECT min(created_at) FROM posts WHERE conversation_id = ?1"
      "   AND direction = 'inbound' AND created_at > ?2), 0),"
      " coalesce((SELECT min(at) FROM responses WHERE at >= ?3), 0)"
      " FROM f"));
  posts->Bind(1, id.value()).Bind(2, facts.resolved_at).Bind(3, next_start);
  ASSIGN_OR_RETURN(bool row, posts->Step());
  if (row) {
    facts.first_inbound_at = posts->Int(0);
    facts.first_response_at = posts->Int(1);
    facts.unanswered_since = posts->Int(2);
    facts.first_inbound_after_resolution = posts->Int(3);
    facts.answered_at = posts->Int(4);
  }
  if (!config.policies.contains(team)) {
    ASSIGN_OR_RETURN(config.policies[team], PolicyFor(db, team));
  }
  if (!config.hours.contains(team)) {
    ASSIGN_OR_RETURN(config.hours[team], HoursFor(db, team));
  }
  const std::optional<core::SlaPolicy>& policy = config.policies[team];
  const core::SlaPlan plan =
      calculator.Plan(facts, policy ? &*policy : nullptr, config.hours[team], now);

  // A timer this change finishes for good, breached before the sweep saw it: record it now.
  for (const core::SlaTimer& old : facts.timers) {
    const auto kept = std::find_if(plan.timers.begin(), plan.timers.end(), [&](const core::SlaTimer& t) {
      return t.kind == old.kind && t.started_at == old.started_at;
    });
    if (kept == plan.timers.end() && old.breached_at == 0 && old.Breached(now)) {
      RETURN_IF_ERROR(RecordSlaBreach(db, id, old, now));
    }
  }
  ASSIGN_OR_RETURN(auto clear, db.Prepare("DELETE FROM sla_timers WHERE conversation_id = ?"));
  RETURN_IF_ERROR(clear->Bind(1, id.value()).Run());
  for (const core::SlaTimer& timer : plan.timers) {
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO sla_timers (conversation_id, kind, target_minutes, started_at, due_at, warn_at,"
        " stopped_at, warned_at, breached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert->Bind(1, id.value()).Bind(2, core::SlaKindName(timer.kind)).Bind(3, timer.target_minutes)
        .Bind(4, timer.started_at).Bind(5, timer.due_at);
    BindOptional(*insert, 6, timer.warn_at);
    BindOptional(*insert, 7, timer.stopped_at);
    BindOptional(*insert, 8, timer.warned_at);
    BindOptional(*insert, 9, timer.breached_at);
    RETURN_IF_ERROR(insert->Run());
  }
  ASSIGN_OR_RETURN(auto keep, db.Prepare(
      "UPDATE conversations SET sla_cycle_start = ?, sla_resolved_at = ?, sla_first_response_at = ?,"
      " sla_first_response_seconds = ? WHERE id = ?"));
  BindOptional(*keep, 1, plan.cycle_start);
  BindOptional(*keep, 2, plan.resolved_at);
  BindOptional(*keep, 3, plan.first_response_at);
  if (plan.first_response_business_seconds >= 0) {
    keep->Bind(4, plan.first_response_business_seconds);
  } else {
    keep->BindNull(4);
  }
  RETURN_IF_ERROR(keep->Bind(5, id.value()).Run());
  return UpdateSlaSummary(db, id, now);
}

absl::Status Refresh(Connection& db, const core::SlaCalculator* calculator,
                     std::span<const core::ConversationId> conversations, base::Micros now,
                     bool always) {
  if (calculator == nullptr || conversations.empty()) return absl::OkStatus();
  if (!always) {
    ASSIGN_OR_RETURN(bool any, AnyPolicy(db));
    if (!any) return absl::OkStatus();
  }
  Config config;
  for (const core::ConversationId id : conversations) {
    RETURN_IF_ERROR(RefreshOne(db, *calculator, config, id, now));
  }
  return absl::OkStatus();
}

}  // namespace

core::ConversationSla ReadConversationSla(const Statement& row, int column) {
  core::ConversationSla sla;
  if (row.IsNull(column)) return sla;
  const json object = json::parse(row.Text(column), nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return sla;
  sla.state = core::ParseSlaState(object.value("state", "none")).value_or(core::SlaState::kNone);
  sla.due_at = Number(object, "due_at");
  sla.warn_at = Number(object, "warn_at");
  sla.first_response_at = Number(object, "first_response_at");
  const auto seconds = object.find("first_response_seconds");
  if (seconds != object.end() && seconds->is_number_integer()) {
    sla.first_response_business_seconds = seconds->get<int64_t>();
  }
  const auto timers = object.find("timers");
  if (timers == object.end() || !timers->is_array()) return sla;
  for (const json& timer : *timers) {
    if (!timer.is_object()) continue;
    const auto kind = core::ParseSlaKind(timer.value("kind", ""));
    if (!kind) continue;
    sla.timers.push_back({.kind = *kind,
                          .target_minutes = static_cast<int>(Number(timer, "target_minutes")),
                          .started_at = Number(timer, "started_at"),
                          .due_at = Number(timer, "due_at"),
                          .warn_at = Number(timer, "warn_at"),
                          .stopped_at = Number(timer, "stopped_at"),
                          .warned_at = Number(timer, "warned_at"),
                          .breached_at = Number(timer, "breached_at")});
  }
  // Always in the same order: first response, next response, resolution.
  std::sort(sla.timers.begin(), sla.timers.end(),
            [](const core::SlaTimer& a, const core::SlaTimer& b) { return a.kind < b.kind; });
  return sla;
}

absl::Status RefreshSla(Connection& db, const core::SlaCalculator* calculator,
                        std::span<const core::ConversationId> conversations, base::Micros now) {
  return Refresh(db, calculator, conversations, now, /*always=*/false);
}

absl::Status RefreshSlaAlways(Connection& db, const core::SlaCalculator* calculator,
                              std::span<const core::ConversationId> conversations,
                              base::Micros now) {
  return Refresh(db, calculator, conversations, now, /*always=*/true);
}

absl::Status RecordSlaBreach(Connection& db, core::ConversationId conversation,
                             const core::SlaTimer& timer, base::Micros now) {
  ASSIGN_OR_RETURN(auto insert, db.Prepare(
      "INSERT OR IGNORE INTO sla_breaches (conversation_id, kind, team_id, priority, started_at,"
      " due_at, stopped_at, recorded_at)"
      " SELECT id, ?2, team_id, priority, ?3, ?4, ?5, ?6 FROM conversations WHERE id = ?1"));
  insert->Bind(1, conversation.value()).Bind(2, core::SlaKindName(timer.kind))
      .Bind(3, timer.started_at).Bind(4, timer.due_at).Bind(6, now);
  BindOptional(*insert, 5, timer.stopped_at);
  RETURN_IF_ERROR(insert->Run());
  if (db.Changes() == 0) return absl::OkStatus();
  return AppendSlaEvent(db, now, conversation, "sla.breached",
                        {{"kind", core::SlaKindName(timer.kind)},
                         {"target_minutes", timer.target_minutes},
                         {"started_at", base::FormatRfc3339(timer.started_at)},
                         {"due_at", base::FormatRfc3339(timer.due_at)},
                         {"stopped_at", TimeOrNull(timer.stopped_at)},
                         {"running", timer.running()}})
      .status();
}

absl::Status UpdateSlaSummary(Connection& db, core::ConversationId conversation, base::Micros now) {
  ASSIGN_OR_RETURN(std::vector<core::SlaTimer> timers, StoredTimers(db, conversation.value()));
  base::Micros due = 0, warn = 0;
  for (const core::SlaTimer& timer : timers) {
    if (!timer.running()) continue;
    if (due == 0 || timer.due_at < due) due = timer.due_at;
    if (timer.warn_at != 0 && (warn == 0 || timer.warn_at < warn)) warn = timer.warn_at;
  }
  ASSIGN_OR_RETURN(auto update, db.Prepare(
      "UPDATE conversations SET sla_state = ?, sla_due_at = ?, sla_warn_at = ? WHERE id = ?"));
  update->Bind(1, core::SlaStateName(core::SlaStateAt(timers, now))).Bind(4, conversation.value());
  BindOptional(*update, 2, due);
  BindOptional(*update, 3, warn);
  return update->Run();
}

absl::Status SqliteStore::RecomputeSla(std::span<const core::ConversationId> conversations) {
  if (conversations.empty()) return absl::OkStatus();
  const base::Micros now = clock_.NowMicros();
  return Write([&](Connection& db) -> absl::Status {
    return RefreshSla(db, options_.sla_calculator, conversations, now);
  });
}

// --- Business hours and policies ---

absl::StatusOr<std::vector<core::BusinessHours>> SqliteStore::ListBusinessHours() {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto ids, db->Prepare(
      "SELECT id FROM business_hours ORDER BY coalesce(team_id, 0)"));
  ASSIGN_OR_RETURN(std::vector<int64_t> found, CollectRows(*ids, [](const Statement& row) { return row.Int(0); }));
  std::vector<core::BusinessHours> all;
  for (const int64_t id : found) {
    ASSIGN_OR_RETURN(core::BusinessHours hours, HoursById(*db, id));
    all.push_back(std::move(hours));
  }
  return all;
}

absl::StatusOr<core::BusinessHours> SqliteStore::PutBusinessHours(const core::BusinessHours& hours) {
  const base::Micros now = clock_.NowMicros();
  core::BusinessHours stored;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(CheckTeam(db, hours.team));
    ASSIGN_OR_RETURN(auto remove, db.Prepare("DELETE FROM business_hours WHERE coalesce(team_id, 0) = ?"));
    RETURN_IF_ERROR(remove->Bind(1, hours.team.value()).Run());
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO business_hours (team_id, time_zone, always_open, updated_at) VALUES (?, ?, ?, ?)"));
    insert->Bind(2, hours.time_zone).Bind(3, hours.always_open ? 1 : 0).Bind(4, now);
    BindOptional(*insert, 1, hours.team.value());
    RETURN_IF_ERROR(insert->Run());
    const int64_t id = db.LastInsertRowId();
    for (const core::OpeningInterval& interval : hours.intervals) {
      ASSIGN_OR_RETURN(auto add, db.Prepare(
          "INSERT INTO business_hours_intervals (hours_id, weekday, opens, closes) VALUES (?, ?, ?, ?)"));
      RETURN_IF_ERROR(add->Bind(1, id).Bind(2, interval.weekday).Bind(3, interval.opens)
                          .Bind(4, interval.closes).Run());
    }
    for (const core::ClosedDate& closed : hours.closed) {
      ASSIGN_OR_RETURN(auto add, db.Prepare(
          "INSERT INTO business_hours_closed (hours_id, date, name) VALUES (?, ?, ?)"));
      RETURN_IF_ERROR(add->Bind(1, id).Bind(2, closed.date).Bind(3, closed.name).Run());
    }
    ASSIGN_OR_RETURN(std::vector<core::ConversationId> governed, Governed(db, "business_hours", hours.team.value()));
    RETURN_IF_ERROR(RefreshSla(db, options_.sla_calculator, governed, now));
    ASSIGN_OR_RETURN(stored, HoursById(db, id));
    return absl::OkStatus();
  }));
  return stored;
}

absl::Status SqliteStore::DeleteBusinessHours(core::TeamId team) {
  const base::Micros now = clock_.NowMicros();
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto remove, db.Prepare("DELETE FROM business_hours WHERE coalesce(team_id, 0) = ?"));
    RETURN_IF_ERROR(remove->Bind(1, team.value()).Run());
    if (db.Changes() == 0) {
      return absl::NotFoundError(team.valid() ? base::StrCat("team ", team.value(), " has no business hours of its own")
                                              : "there are no default business hours");
    }
    ASSIGN_OR_RETURN(std::vector<core::ConversationId> governed, Governed(db, "business_hours", team.value()));
    return RefreshSla(db, options_.sla_calculator, governed, now);
  });
}

absl::StatusOr<std::vector<core::SlaPolicy>> SqliteStore::ListSlaPolicies() {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto teams, db->Prepare(
      "SELECT coalesce(team_id, 0) FROM sla_policies ORDER BY coalesce(team_id, 0)"));
  ASSIGN_OR_RETURN(std::vector<int64_t> found, CollectRows(*teams, [](const Statement& row) { return row.Int(0); }));
  std::vector<core::SlaPolicy> all;
  for (const int64_t team : found) {
    ASSIGN_OR_RETURN(std::optional<core::SlaPolicy> policy, PolicyFor(*db, team));
    if (policy) all.push_back(*std::move(policy));
  }
  return all;
}

absl::StatusOr<core::SlaPolicy> SqliteStore::PutSlaPolicy(const core::SlaPolicy& policy) {
  const base::Micros now = clock_.NowMicros();
  core::SlaPolicy stored;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(CheckTeam(db, policy.team));
    ASSIGN_OR_RETURN(auto remove, db.Prepare("DELETE FROM sla_policies WHERE coalesce(team_id, 0) = ?"));
    RETURN_IF_ERROR(remove->Bind(1, policy.team.value()).Run());
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO sla_policies (team_id, warn_percent, warn_minutes_before, updated_at)"
        " VALUES (?, ?, ?, ?)"));
    insert->Bind(2, policy.warn_percent).Bind(3, policy.warn_minutes_before).Bind(4, now);
    BindOptional(*insert, 1, policy.team.value());
    RETURN_IF_ERROR(insert->Run());
    const int64_t id = db.LastInsertRowId();
    for (const core::SlaTargets& band : policy.bands) {
      ASSIGN_OR_RETURN(auto add, db.Prepare(
          "INSERT INTO sla_targets (policy_id, min_priority, first_response_minutes,"
          " next_response_minutes, resolution_minutes) VALUES (?, ?, ?, ?, ?)"));
      RETURN_IF_ERROR(add->Bind(1, id).Bind(2, band.min_priority).Bind(3, band.first_response_minutes)
                          .Bind(4, band.next_response_minutes).Bind(5, band.resolution_minutes).Run());
    }
    ASSIGN_OR_RETURN(std::vector<core::ConversationId> governed, Governed(db, "sla_policies", policy.team.value()));
    RETURN_IF_ERROR(RefreshSlaAlways(db, options_.sla_calculator, governed, now));
    ASSIGN_OR_RETURN(std::optional<core::SlaPolicy> read, PolicyFor(db, policy.team.value()));
    if (read) stored = *std::move(read);
    return absl::OkStatus();
  }));
  return stored;
}

absl::Status SqliteStore::DeleteSlaPolicy(core::TeamId team) {
  const base::Micros now = clock_.NowMicros();
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto remove, db.Prepare("DELETE FROM sla_policies WHERE coalesce(team_id, 0) = ?"));
    RETURN_IF_ERROR(remove->Bind(1, team.value()).Run());
    if (db.Changes() == 0) {
      return absl::NotFoundError(team.valid() ? base::StrCat("team ", team.value(), " has no SLA policy of its own")
                                              : "there is no default SLA policy");
    }
    ASSIGN_OR_RETURN(std::vector<core::ConversationId> governed, Governed(db, "sla_policies", team.value()));
    return RefreshSlaAlways(db, options_.sla_calculator, governed, now);
  });
}

}  // namespace webcare::storage::sqlite
