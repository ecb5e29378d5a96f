// The SLA sweep (warnings and breaches, each once per timer) and the SLA report of the
// SQLite store (docs/sla.md).

#include <set>

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

// "First response", for the notification's text.
std::string KindLabel(core::SlaKind kind) {
  switch (kind) {
    case core::SlaKind::kFirstResponse: return "First response";
    case core::SlaKind::kNextResponse: return "Next response";
    case core::SlaKind::kResolution: return "Resolution";
  }
  return "SLA";
}

struct Due {
  core::ConversationId conversation;
  core::SlaTimer timer;
};

absl::StatusOr<std::vector<Due>> Candidates(Connection& db, std::string_view where, base::Micros now,
                                            int limit) {
  ASSIGN_OR_RETURN(auto query, db.Prepare(base::StrCat(
      "SELECT conversation_id, kind, target_minutes, started_at, due_at, coalesce(warn_at, 0),"
      " coalesce(stopped_at, 0), coalesce(warned_at, 0) FROM sla_timers"
      // A deleted conversation neither warns nor breaches during its undo window; a restored
      // one catches up in the next round (sqlite_bulk.cc). `where` is a conjunction and its
      // order, so this term goes first.
      " WHERE conversation_id NOT IN (SELECT id FROM conversations WHERE deleted_at IS NOT NULL)"
      " AND ", where, " LIMIT ?2")));
  query->Bind(1, now).Bind(2, limit);
  return CollectRows(*query, [](const Statement& row) {
    return Due{.conversation = core::ConversationId(row.Int(0)),
               .timer = {.kind = core::ParseSlaKind(row.Text(1)).value_or(core::SlaKind::kResolution),
                         .target_minutes = static_cast<int>(row.Int(2)),
                         .started_at = row.Int(3),
                         .due_at = row.Int(4),
                         .warn_at = row.Int(5),
                         .stopped_at = row.Int(6),
                         .warned_at = row.Int(7)}};
  });
}

// Tells who answers for a conversation's timer: its assignee; unassigned, its leads
// (LeadsFor).
absl::Status Notify(Connection& db, core::ConversationId conversation, core::NotificationKind kind,
                    const std::string& text, base::Micros now) {
  ASSIGN_OR_RETURN(auto holder,
                   db.Prepare("SELECT coalesce(assignee_id, 0) FROM conversations WHERE id = ?"));
  holder->Bind(1, conversation.value());
  ASSIGN_OR_RETURN(const bool found, holder->Step());
  if (!found) return absl::OkStatus();
  std::vector<core::UserId> users{core::UserId(holder->Int(0))};
  if (!users.front().valid()) {
    ASSIGN_OR_RETURN(users, LeadsFor(db, conversation));
  }
  for (const core::UserId user : users) {
    RETURN_IF_ERROR(InsertNotification(
        db, {.user = user, .kind = kind, .conversation = conversation, .text = text, .at = now}));
  }
  return absl::OkStatus();
}

// The team condition of the report's queries on conversations `c` (team id bound to ?4).
std::string TeamClause(const SlaReportQuery& query, std::string_view column) {
  return query.team.valid() ? base::StrCat(" AND ", column, " = ?4") : std::string();
}

}  // namespace

absl::StatusOr<SlaSweep> SqliteStore::RecordSlaAlerts(base::Micros now, base::Micros notify_after,
                                                      int limit) {
  SlaSweep sweep;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    std::set<int64_t> touched;
    {
      // Re-check first: a write that did not recompute the timers (an approved reply, say)
      // may have answered or moved them since.
      ASSIGN_OR_RETURN(std::vector<Due> due, Candidates(db,
          "stopped_at IS NULL AND breached_at IS NULL AND (due_at <= ?1 OR warn_at <= ?1)"
          " ORDER BY due_at", now, limit));
      std::vector<core::ConversationId> ids;
      for (const Due& timer : due) ids.push_back(timer.conversation);
      RETURN_IF_ERROR(RefreshSla(db, options_.sla_calculator, ids, now));
    }
    // The terms match the partial indexes' conditions (0006_sla.sql) so SQLite uses them.
    ASSIGN_OR_RETURN(std::vector<Due> warnings, Candidates(db,
        "stopped_at IS NULL AND warned_at IS NULL AND breached_at IS NULL AND warn_at IS NOT NULL"
        " AND warn_at <= ?1 AND due_at > ?1 ORDER BY warn_at", now, limit));
    for (const Due& due : warnings) {
      ASSIGN_OR_RETURN(auto mark, db.Prepare(
          "UPDATE sla_timers SET warned_at = ? WHERE conversation_id = ? AND kind = ?"));
      RETURN_IF_ERROR(mark->Bind(1, now).Bind(2, due.conversation.value())
                          .Bind(3, core::SlaKindName(due.timer.kind)).Run());
      ASSIGN_OR_RETURN(auto event, db.Prepare(
          "INSERT INTO events (at, kind, conversation_id, actor_id, data) VALUES (?, 'sla.warning', ?, NULL, ?)"));
      RETURN_IF_ERROR(event->Bind(1, now).Bind(2, due.conversation.value())
                          .Bind(3, json{{"kind", core::SlaKindName(due.timer.kind)},
                                        {"target_minutes", due.timer.target_minutes},
                                        {"started_at", base::FormatRfc3339(due.timer.started_at)},
                                        {"warn_at", base::FormatRfc3339(due.timer.warn_at)},
                                        {"due_at", base::FormatRfc3339(due.timer.due_at)}}.dump())
                          .Run());
      sweep.last_seq = db.LastInsertRowId();
      if (due.timer.warn_at >= notify_after) {
        RETURN_IF_ERROR(Notify(db, due.conversation, core::NotificationKind::kSlaWarning,
                               base::StrCat(KindLabel(due.timer.kind), " is due soon"), now));
      }
      touched.insert(due.conversation.value());
      ++sweep.warnings;
    }
    ASSIGN_OR_RETURN(std::vector<Due> breaches, Candidates(db,
        "breached_at IS NULL AND (stopped_at IS NULL OR stopped_at > due_at) AND due_at <= ?1"
        " ORDER BY due_at", now, limit));
    for (const Due& due : breaches) {
      ASSIGN_OR_RETURN(auto mark, db.Prepare(
          "UPDATE sla_timers SET breached_at = ? WHERE conversation_id = ? AND kind = ?"));
      RETURN_IF_ERROR(mark->Bind(1, now).Bind(2, due.conversation.value())
                          .Bind(3, core::SlaKindName(due.timer.kind)).Run());
      RETURN_IF_ERROR(RecordSlaBreach(db, due.conversation, due.timer, now));
      sweep.last_seq = std::max(sweep.last_seq, db.LastInsertRowId());
      // A late answer needs nobody's attention any more; a timer that warned was announced.
      if (due.timer.running() && due.timer.warned_at == 0 && due.timer.due_at >= notify_after) {
        RETURN_IF_ERROR(Notify(db, due.conversation, core::NotificationKind::kSlaBreached,
                               base::StrCat(KindLabel(due.timer.kind), " is overdue"), now));
      }
      touched.insert(due.conversation.value());
      ++sweep.breaches;
    }
    for (const int64_t conversation : touched) {
      RETURN_IF_ERROR(UpdateSlaSummary(db, core::ConversationId(conversation), now));
    }
    if (sweep.warnings + sweep.breaches > 0) {
      ASSIGN_OR_RETURN(auto last, db.Prepare("SELECT coalesce(max(seq), 0) FROM events"));
      ASSIGN_OR_RETURN(bool row, last->Step());
      if (row) sweep.last_seq = last->Int(0);
    }
    return absl::OkStatus();
  }));
  return sweep;
}

absl::StatusOr<SlaReport> SqliteStore::ReportSla(const SlaReportQuery& query) {
  if (query.until <= query.since) return absl::InvalidArgumentError("until must lie after since");
  SlaReport report;
  ASSIGN_OR_RETURN(auto db, Read());
  // ?1 since, ?2 until, ?3 the threshold in seconds, ?4 the team.
  const std::string responded_where = base::StrCat(
      " FROM conversations c WHERE c.sla_first_response_at >= ?1 AND c.sla_first_response_at < ?2"
      " AND c.sla_first_response_seconds IS NOT NULL", TeamClause(query, "c.team_id"));
  const auto bind = [&](Statement& statement) {
    statement.Bind(1, query.since).Bind(2, query.until);
    if (query.team.valid()) statement.Bind(4, query.team.value());
  };
  {
    ASSIGN_OR_RETURN(auto counts, db->Prepare(base::StrCat(
        "SELECT count(*), coalesce(sum(c.sla_first_response_seconds <= ?3), 0)", responded_where)));
    bind(*counts);
    counts->Bind(3, static_cast<int64_t>(query.within_minutes) * 60);
    ASSIGN_OR_RETURN(bool row, counts->Step());
    if (row) {
      report.responded = counts->Int(0);
      report.responded_within = counts->Int(1);
    }
  }
  // Nearest rank: the value at position ceil(p * n) of the sorted waits.
  const auto percentile = [&](int percent) -> absl::StatusOr<double> {
    if (report.responded == 0) return 0.0;
    const int64_t rank = (report.responded * percent + 99) / 100;
    ASSIGN_OR_RETURN(auto nth, db->Prepare(base::StrCat(
        "SELECT c.sla_first_response_seconds", responded_where,
        " ORDER BY c.sla_first_response_seconds LIMIT 1 OFFSET ?5")));
    bind(*nth);
    nth->Bind(5, std::max<int64_t>(0, rank - 1));
    ASSIGN_OR_RETURN(bool row, nth->Step());
    return row ? static_cast<double>(nth->Int(0)) / 60.0 : 0.0;
  };
  ASSIGN_OR_RETURN(report.median_minutes, percentile(50));
  ASSIGN_OR_RETURN(report.p90_minutes, percentile(90));
  {
    ASSIGN_OR_RETURN(auto awaiting, db->Prepare(base::StrCat(
        "SELECT count(*) FROM sla_timers t JOIN conversations c ON c.id = t.conversation_id"
        " WHERE t.kind = 'first_response' AND t.stopped_at IS NULL AND t.started_at >= ?1"
        " AND t.started_at < ?2", TeamClause(query, "c.team_id"))));
    bind(*awaiting);
    ASSIGN_OR_RETURN(bool row, awaiting->Step());
    if (row) report.awaiting = awaiting->Int(0);
  }
  for (const core::SlaKind kind : core::kSlaKinds) report.breaches.emplace_back(kind, 0);
  ASSIGN_OR_RETURN(auto breaches, db->Prepare(base::StrCat(
      "SELECT b.kind, count(*) FROM sla_breaches b WHERE b.due_at >= ?1 AND b.due_at < ?2",
      TeamClause(query, "b.team_id"), " GROUP BY b.kind")));
  bind(*breaches);
  ASSIGN_OR_RETURN(auto rows, CollectRows(*breaches, [](const Statement& row) {
    return std::pair{row.Text(0), row.Int(1)};
  }));
  for (const auto& [name, count] : rows) {
    const auto kind = core::ParseSlaKind(name);
    for (auto& [known, total] : report.breaches) {
      if (kind && known == *kind) total = count;
    }
  }
  return report;
}

}  // namespace webcare::storage::sqlite
