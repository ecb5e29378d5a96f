// Follow-ups and escalations in the SQLite store: tasks with a due time, the chore round that
// reminds owners and reports overdue tasks to leads, and escalations with what comes with
// them (a call task, an expert, another team).

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

using nlohmann::json;

constexpr std::string_view kFollowUpColumns =
    "f.id, f.conversation_id, f.kind, f.owner_id, u.name, f.created_by, f.text, f.phone, f.source,"
    " f.due_at, f.state, f.created_at, f.reminded_at, f.escalated_at, f.closed_at, f.closed_by"
    " FROM follow_ups f JOIN users u ON u.id = f.owner_id"
    // A deleted conversation's follow-ups are gone with it until undone: not listed, not
    // reminded or escalated during the undo window (sqlite_bulk.cc).
    " JOIN conversations fc ON fc.id = f.conversation_id AND fc.deleted_at IS NULL";

// A chore round handles at most this many follow-ups of each kind; the rest wait for the next.
constexpr int kAlertsPerRound = 500;

core::FollowUp ReadFollowUp(const Statement& row) {
  return core::FollowUp{
      .id = core::FollowUpId(row.Int(0)),
      .conversation = core::ConversationId(row.Int(1)),
      .kind = core::ParseFollowUpKind(row.Text(2)).value_or(core::FollowUpKind::kFollowUp),
      .owner = core::UserId(row.Int(3)),
      .owner_name = row.Text(4),
      .created_by = core::UserId(row.Int(5)),
      .text = row.Text(6),
      .phone = row.Text(7),
      .source = core::ParseFollowUpSource(row.Text(8)).value_or(core::FollowUpSource::kManual),
      .due_at = row.Int(9),
      .state = core::ParseFollowUpState(row.Text(10)).value_or(core::FollowUpState::kOpen),
      .created_at = row.Int(11),
      .reminded_at = row.Int(12),
      .escalated_at = row.Int(13),
      .closed_at = row.Int(14),
      .closed_by = core::UserId(row.Int(15))};
}

absl::StatusOr<core::FollowUp> FollowUpOn(Connection& db, core::FollowUpId id) {
  ASSIGN_OR_RETURN(auto query, db.Prepare(base::StrCat("SELECT ", kFollowUpColumns, " WHERE f.id = ?")));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool found, query->Step());
  if (!found) return absl::NotFoundError(base::StrCat("follow-up ", id.value(), " not found"));
  return ReadFollowUp(*query);
}

// The number to call for a call task: the one given, else the phone of the contact behind the
// conversation's author. InvalidArgument when neither is known.
absl::StatusOr<std::string> PhoneToCall(Connection& db, core::ConversationId conversation,
                                        const std::string& given) {
  if (!given.empty()) return given;
  ASSIGN_OR_RETURN(auto query, db.Prepare(
      "SELECT k.phone FROM conversations c JOIN authors a ON a.id = c.author_id"
      " JOIN contacts k ON k.id = a.contact_id WHERE c.id = ? AND coalesce(k.phone, '') <> ''"));
  query->Bind(1, conversation.value());
  ASSIGN_OR_RETURN(bool found, query->Step());
  if (!found) return absl::InvalidArgumentError("no phone number is known for this customer; enter one");
  return query->Text(0);
}

json FollowUpData(const core::FollowUp& follow_up) {
  return json{{"follow_up_id", follow_up.id.value()},
              {"kind", core::FollowUpKindName(follow_up.kind)},
              {"owner", follow_up.owner.value()},
              {"due_at", follow_up.due_at}};
}

}  // namespace

absl::StatusOr<std::pair<core::FollowUp, int64_t>> SqliteStore::AddFollowUp(const core::FollowUp& follow_up) {
  if (!base::IsValidUtf8(follow_up.text) || !base::IsValidUtf8(follow_up.phone)) {
    return absl::InvalidArgumentError("the follow-up is not valid UTF-8");
  }
  const base::Micros now = clock_.NowMicros();
  std::pair<core::FollowUp, int64_t> result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(ConversationOn(db, follow_up.conversation).status());
    if (absl::Status owner = CheckActiveUser(db, follow_up.owner); !owner.ok()) {
      return absl::InvalidArgumentError(owner.message());
    }
    std::string phone = follow_up.phone;
    if (follow_up.kind == core::FollowUpKind::kCall) {
      ASSIGN_OR_RETURN(phone, PhoneToCall(db, follow_up.conversation, phone));
    }
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO follow_ups (conversation_id, kind, owner_id, created_by, text, phone, source,"
        " due_at, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)"));
    RETURN_IF_ERROR(insert->Bind(1, follow_up.conversation.value())
                        .Bind(2, core::FollowUpKindName(follow_up.kind))
                        .Bind(3, follow_up.owner.value()).Bind(4, follow_up.created_by.value())
                        .Bind(5, follow_up.text).Bind(6, phone)
                        .Bind(7, core::FollowUpSourceName(follow_up.source))
                        .Bind(8, follow_up.due_at).Bind(9, now).Run());
    ASSIGN_OR_RETURN(result.first, FollowUpOn(db, core::FollowUpId(db.LastInsertRowId())));
    if (follow_up.owner != follow_up.created_by) {
      RETURN_IF_ERROR(InsertNotification(db, {.user = follow_up.owner,
                                              .kind = core::NotificationKind::kFollowUpAssigned,
                                              .conversation = follow_up.conversation,
                                              .actor = follow_up.created_by, .text = follow_up.text,
                                              .at = now}));
    }
    ASSIGN_OR_RETURN(result.second, AppendEvent(db, now, follow_up.conversation,
                                                {.kind = "follow_up.added",
                                                 .actor = follow_up.created_by,
                                                 .data = FollowUpData(result.first).dump()}));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<core::FollowUp> SqliteStore::GetFollowUp(core::FollowUpId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  return FollowUpOn(*db, id);
}

absl::StatusOr<std::vector<core::FollowUp>> SqliteStore::ListFollowUps(const FollowUpFilter& filter) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kFollowUpColumns,
      " WHERE (?1 = 0 OR f.conversation_id = ?1) AND (?2 = 0 OR f.owner_id = ?2)"
      " AND (?3 = 0 OR f.state = 'open')"
      " ORDER BY f.state <> 'open', CASE WHEN f.state = 'open' THEN f.due_at ELSE -f.closed_at END, f.id"
      " LIMIT ?4")));
  query->Bind(1, filter.conversation.value()).Bind(2, filter.owner.value())
      .Bind(3, filter.open_only ? 1 : 0).Bind(4, std::clamp(filter.limit, 1, 1000));
  return CollectRows(*query, ReadFollowUp);
}

absl::StatusOr<std::pair<core::FollowUp, int64_t>> SqliteStore::CloseFollowUp(core::FollowUpId id,
                                                                          core::FollowUpState state,
                                                                          core::UserId by,
                                                                          base::Micros at) {
  if (state == core::FollowUpState::kOpen) {
    return absl::InvalidArgumentError("a follow-up closes as done or cancelled");
  }
  std::pair<core::FollowUp, int64_t> result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto close, db.Prepare(
        "UPDATE follow_ups SET state = ?, closed_at = ?, closed_by = ? WHERE id = ? AND state = 'open'"));
    RETURN_IF_ERROR(close->Bind(1, core::FollowUpStateName(state)).Bind(2, at).Bind(3, by.value())
                        .Bind(4, id.value()).Run());
    const bool closed = db.Changes() > 0;
    ASSIGN_OR_RETURN(result.first, FollowUpOn(db, id));
    if (!closed) {
      return absl::FailedPreconditionError(base::StrCat(
          "follow-up ", id.value(), " is ", core::FollowUpStateName(result.first.state), " already"));
    }
    json data = FollowUpData(result.first);
    data["state"] = core::FollowUpStateName(state);
    ASSIGN_OR_RETURN(result.second, AppendEvent(db, at, result.first.conversation,
                                                {.kind = "follow_up.closed", .actor = by,
                                                 .data = data.dump()}));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<FollowUpAlerts> SqliteStore::AlertDueFollowUps(base::Micros now,
                                                              base::Micros escalate_after) {
  FollowUpAlerts alerts;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto due, db.Prepare(base::StrCat(
        "SELECT ", kFollowUpColumns,
        " WHERE f.state = 'open' AND f.due_at <= ? AND f.reminded_at IS NULL ORDER BY f.due_at LIMIT ?")));
    due->Bind(1, now).Bind(2, kAlertsPerRound);
    ASSIGN_OR_RETURN(const auto to_remind, CollectRows(*due, ReadFollowUp));
    for (const core::FollowUp& follow_up : to_remind) {
      ASSIGN_OR_RETURN(auto mark, db.Prepare("UPDATE follow_ups SET reminded_at = ? WHERE id = ?"));
      RETURN_IF_ERROR(mark->Bind(1, now).Bind(2, follow_up.id.value()).Run());
      RETURN_IF_ERROR(InsertNotification(db, {.user = follow_up.owner, .kind = core::NotificationKind::kFollowUpDue,
                                              .conversation = follow_up.conversation,
                                              .text = follow_up.text, .at = now}));
      RETURN_IF_ERROR(AppendEvent(db, now, follow_up.conversation,
                                  {.kind = "follow_up.due", .data = FollowUpData(follow_up).dump()})
                          .status());
    }
    alerts.reminded = static_cast<int64_t>(to_remind.size());

    ASSIGN_OR_RETURN(auto overdue, db.Prepare(base::StrCat(
        "SELECT ", kFollowUpColumns,
        " WHERE f.state = 'open' AND f.due_at <= ? AND f.escalated_at IS NULL ORDER BY f.due_at LIMIT ?")));
    overdue->Bind(1, now - escalate_after).Bind(2, kAlertsPerRound);
    ASSIGN_OR_RETURN(const auto to_escalate, CollectRows(*overdue, ReadFollowUp));
    for (const core::FollowUp& follow_up : to_escalate) {
      ASSIGN_OR_RETURN(auto mark, db.Prepare("UPDATE follow_ups SET escalated_at = ? WHERE id = ?"));
      RETURN_IF_ERROR(mark->Bind(1, now).Bind(2, follow_up.id.value()).Run());
      ASSIGN_OR_RETURN(const auto leads, LeadsFor(db, follow_up.conversation));
      const std::string text = base::StrCat("Overdue (", follow_up.owner_name, "): ", follow_up.text);
      json data = FollowUpData(follow_up);
      json notified = json::array();
      for (const core::UserId lead : leads) {
        RETURN_IF_ERROR(InsertNotification(db, {.user = lead, .kind = core::NotificationKind::kFollowUpOverdue,
                                                .conversation = follow_up.conversation,
                                                .actor = follow_up.owner, .text = text, .at = now}));
        notified.push_back(lead.value());
      }
      data["leads"] = std::move(notified);
      RETURN_IF_ERROR(AppendEvent(db, now, follow_up.conversation,
                                  {.kind = "follow_up.overdue", .data = data.dump()})
                          .status());
    }
    alerts.escalated = static_cast<int64_t>(to_escalate.size());
    return absl::OkStatus();
  }));
  return alerts;
}

absl::StatusOr<Changed> SqliteStore::AddEscalation(const NewEscalation& escalation) {
  if (!base::IsValidUtf8(escalation.reason)) {
    return absl::InvalidArgumentError("the reason is not valid UTF-8");
  }
  Changed changed;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    const core::ConversationId id = escalation.conversation;
    ASSIGN_OR_RETURN(const core::Conversation before, ConversationOn(db, id));
    json data{{"kind", core::EscalationKindName(escalation.kind)}, {"reason", escalation.reason}};
    // One escalation is in force at a time: a new one replaces the previous.
    RETURN_IF_ERROR(EndEscalationOn(db, id, escalation.by, escalation.at).status());
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO escalations (conversation_id, kind, reason, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?)"));
    RETURN_IF_ERROR(insert->Bind(1, id.value()).Bind(2, core::EscalationKindName(escalation.kind))
                        .Bind(3, escalation.reason).Bind(4, escalation.by.value())
                        .Bind(5, escalation.at).Run());
    if (escalation.expert.valid()) {
      if (absl::Status expert = CheckActiveUser(db, escalation.expert); !expert.ok()) {
        return absl::InvalidArgumentError(expert.message());
      }
      ASSIGN_OR_RETURN(auto add, db.Prepare(
          "INSERT OR IGNORE INTO conversation_experts (conversation_id, user_id) VALUES (?, ?)"));
      RETURN_IF_ERROR(add->Bind(1, id.value()).Bind(2, escalation.expert.value()).Run());
      RETURN_IF_ERROR(InsertNotification(db, {.user = escalation.expert,
                                              .kind = core::NotificationKind::kEscalation, .conversation = id,
                                              .actor = escalation.by, .text = escalation.reason,
                                              .at = escalation.at}));
      data["expert"] = escalation.expert.value();
    }
    if (escalation.team.valid()) {
      if (absl::Status team = CheckTeam(db, escalation.team); !team.ok()) {
        return absl::InvalidArgumentError(team.message());
      }
      ASSIGN_OR_RETURN(auto move, db.Prepare("UPDATE conversations SET team_id = ? WHERE id = ?"));
      RETURN_IF_ERROR(move->Bind(1, escalation.team.value()).Bind(2, id.value()).Run());
      data["team"] = escalation.team.value();
      data["previous_team"] = before.team.valid() ? json(before.team.value()) : json(nullptr);
    }
    if (escalation.kind == core::EscalationKind::kManagement) {
      ASSIGN_OR_RETURN(const auto leads, LeadsFor(db, id));
      for (const core::UserId lead : leads) {
        if (lead == escalation.by) continue;
        RETURN_IF_ERROR(InsertNotification(db, {.user = lead, .kind = core::NotificationKind::kEscalation,
                                                .conversation = id,
                                                .actor = escalation.by, .text = escalation.reason,
                                                .at = escalation.at}));
      }
    }
    if (escalation.call) {
      const core::FollowUp& call = *escalation.call;
      ASSIGN_OR_RETURN(const std::string phone, PhoneToCall(db, id, call.phone));
      ASSIGN_OR_RETURN(auto task, db.Prepare(
          "INSERT INTO follow_ups (conversation_id, kind, owner_id, created_by, text, phone, source,"
          " due_at, state, created_at) VALUES (?, 'call', ?, ?, ?, ?, 'escalation', ?, 'open', ?)"));
      RETURN_IF_ERROR(task->Bind(1, id.value()).Bind(2, call.owner.value())
                          .Bind(3, escalation.by.value()).Bind(4, call.text).Bind(5, phone)
                          .Bind(6, call.due_at).Bind(7, escalation.at).Run());
      data["follow_up_id"] = db.LastInsertRowId();
      data["phone"] = phone;
    }
    ASSIGN_OR_RETURN(changed.seq, AppendEvent(db, escalation.at, id,
                                              {.kind = "conversation.escalated",
                                               .actor = escalation.by,
                                               .data = data.dump()}));
    ASSIGN_OR_RETURN(changed.conversation, ConversationOn(db, id));
    return absl::OkStatus();
  }));
  return changed;
}

absl::StatusOr<Changed> SqliteStore::EndEscalation(core::ConversationId id, core::UserId by,
                                                   base::Micros at) {
  Changed changed;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(ConversationOn(db, id).status());
    ASSIGN_OR_RETURN(const bool ended, EndEscalationOn(db, id, by, at));
    if (!ended) {
      return absl::FailedPreconditionError(base::StrCat("conversation ", id.value(), " is not escalated"));
    }
    ASSIGN_OR_RETURN(changed.seq, AppendEvent(db, at, id, {.kind = "conversation.deescalated", .actor = by}));
    ASSIGN_OR_RETURN(changed.conversation, ConversationOn(db, id));
    return absl::OkStatus();
  }));
  return changed;
}

}  // namespace webcare::storage::sqlite
