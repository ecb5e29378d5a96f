// The inbox side of the SQLite store: conversation changes with their events, team
// membership, notes and notifications, replies and their delivery, the audit log.

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/sla_rows.h"
#include "storage/sqlite/review_rows.h"
#include "storage/sqlite/sqlite_canned.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

using nlohmann::json;

constexpr int kMaxHistory = 5000;

constexpr std::string_view kEventColumns =
    "v.seq, v.at, v.kind, v.conversation_id, v.actor_id, v.data, coalesce(u.name, '')"
    " FROM events v LEFT JOIN users u ON u.id = v.actor_id";

core::Event ReadEvent(const Statement& row) {
  return core::Event{.seq = row.Int(0),
                     .at = row.Int(1),
                     .kind = row.Text(2),
                     .conversation = core::ConversationId(row.Int(3)),
                     .actor = core::UserId(row.Int(4)),
                     .actor_name = row.Text(6),
                     .data = row.Text(5)};
}

// The event's own data with `extra` merged in (extra wins).
std::string MergeData(std::string_view data, const json& extra) {
  json merged = json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!merged.is_object()) merged = json::object();
  for (const auto& [key, value] : extra.items()) merged[key] = value;
  return merged.dump();
}

std::vector<core::UserId> ParseUserIds(const std::string& text) {
  std::vector<core::UserId> ids;
  const json array = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!array.is_array()) return ids;
  for (const auto& item : array) {
    if (item.is_number_integer()) ids.emplace_back(item.get<int64_t>());
  }
  return ids;
}

}  // namespace

absl::StatusOr<int64_t> SqliteStore::AppendEvent(Connection& db, base::Micros at,
                                                 core::ConversationId conversation,
                                                 const core::NewEvent& event) {
  ASSIGN_OR_RETURN(auto insert, db.Prepare(
      "INSERT INTO events (at, kind, conversation_id, actor_id, data) VALUES (?, ?, ?, ?, ?)"));
  insert->Bind(1, at).Bind(2, event.kind).Bind(5, event.data.empty() ? "{}" : event.data);
  if (conversation.valid()) insert->Bind(3, conversation.value()); else insert->BindNull(3);
  if (event.actor.valid()) insert->Bind(4, event.actor.value()); else insert->BindNull(4);
  RETURN_IF_ERROR(insert->Run());
  return db.LastInsertRowId();
}

absl::StatusOr<ViewCounts> SqliteStore::CountViews(const Visibility& viewer, bool sees_all) {
  ASSIGN_OR_RETURN(auto db, Read());
  // IN over the open statuses lets SQLite use the status index instead of scanning every
  // resolved conversation.
  std::string sql =
      "SELECT coalesce(sum(c.assignee_id = ?1), 0),"
      " coalesce(sum(c.team_id IN (SELECT value FROM json_each(?2))), 0),"
      " coalesce(sum(c.assignee_id IS NULL), 0), count(*)"
      " FROM conversations c WHERE c.status IN ('new', 'open', 'waiting', 'snoozed')"
      " AND c.deleted_at IS NULL";
  if (!sees_all) base::StrAppend(sql, " AND ", VisibilityClause(1, 2));
  ASSIGN_OR_RETURN(auto query, db->Prepare(sql));
  query->Bind(1, viewer.user.value()).Bind(2, TeamIdsJson(viewer.teams));
  ASSIGN_OR_RETURN(bool row, query->Step());
  ViewCounts counts;
  if (row) {
    counts = {.mine = query->Int(0), .my_teams = query->Int(1), .unassigned = query->Int(2),
              .all = query->Int(3)};
  }
  return counts;
}

absl::StatusOr<Changed> SqliteStore::UpdateConversation(core::ConversationId id,
                                                        const ConversationUpdate& update,
                                                        const core::NewEvent& event) {
  const base::Micros now = clock_.NowMicros();
  Changed changed;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto current, db.Prepare(
        "SELECT assignee_id, team_id FROM conversations WHERE id = ? AND deleted_at IS NULL"));
    current->Bind(1, id.value());
    ASSIGN_OR_RETURN(bool found, current->Step());
    if (!found) return absl::NotFoundError(base::StrCat("conversation ", id.value(), " not found"));
    const core::UserId assignee(current->Int(0));
    const core::TeamId team(current->Int(1));
    // An unknown user or team named in the update is a mistake in the request, not a missing
    // conversation: InvalidArgument (store.h), and the transaction rolls back.
    const auto invalid_if_unknown = [](absl::Status status) {
      return absl::IsNotFound(status) ? absl::InvalidArgumentError(status.message()) : status;
    };
    if (update.expected_assignee && *update.expected_assignee != assignee) {
      return absl::FailedPreconditionError(
          base::StrCat("conversation ", id.value(), " is assigned to user ", assignee.value()));
    }
    json details = json::object();
    if (update.assignee) {
      if (update.assignee->valid()) {
        RETURN_IF_ERROR(invalid_if_unknown(CheckActiveUser(db, *update.assignee)));
      }
      ASSIGN_OR_RETURN(auto set, db.Prepare("UPDATE conversations SET assignee_id = ? WHERE id = ?"));
      if (update.assignee->valid()) set->Bind(1, update.assignee->value()); else set->BindNull(1);
      RETURN_IF_ERROR(set->Bind(2, id.value()).Run());
      details["assignee"] = update.assignee->valid() ? json(update.assignee->value()) : json(nullptr);
      details["previous_assignee"] = assignee.valid() ? json(assignee.value()) : json(nullptr);
      // Given to them by someone else: their bell says so.
      if (update.assignee->valid() && *update.assignee != assignee && *update.assignee != event.actor) {
        RETURN_IF_ERROR(InsertNotification(db, {.user = *update.assignee, .kind = core::NotificationKind::kAssigned,
                                                .conversation = id, .actor = event.actor, .at = now}));
      }
    }
    if (update.status) {
      const bool snoozed = *update.status == core::ConversationStatus::kSnoozed;
      ASSIGN_OR_RETURN(auto set, db.Prepare(
          "UPDATE conversations SET status = ?, snoozed_until = ? WHERE id = ?"));
      set->Bind(1, core::ConversationStatusName(*update.status)).Bind(3, id.value());
      if (snoozed) set->Bind(2, update.snoozed_until); else set->BindNull(2);
      RETURN_IF_ERROR(set->Run());
      details["status"] = core::ConversationStatusName(*update.status);
      if (*update.status == core::ConversationStatus::kResolved) {
        RETURN_IF_ERROR(EndEscalationOn(db, id, event.actor, now).status());
      }
      if (snoozed) details["snoozed_until"] = update.snoozed_until;
    }
    if (update.team) {
      RETURN_IF_ERROR(invalid_if_unknown(CheckTeam(db, *update.team)));
      ASSIGN_OR_RETURN(auto set, db.Prepare("UPDATE conversations SET team_id = ? WHERE id = ?"));
      if (update.team->valid()) set->Bind(1, update.team->value()); else set->BindNull(1);
      RETURN_IF_ERROR(set->Bind(2, id.value()).Run());
      details["team"] = update.team->valid() ? json(update.team->value()) : json(nullptr);
      // Screens of those who saw it only through the old team drop it (docs/realtime.md).
      details["previous_team"] = team.valid() ? json(team.value()) : json(nullptr);
    }
    if (update.priority) {
      ASSIGN_OR_RETURN(auto set, db.Prepare("UPDATE conversations SET priority = ? WHERE id = ?"));
      RETURN_IF_ERROR(set->Bind(1, std::clamp(*update.priority, 0, 100)).Bind(2, id.value()).Run());
      details["priority"] = std::clamp(*update.priority, 0, 100);
    }
    for (const std::string& label : update.add_labels) {
      ASSIGN_OR_RETURN(auto add, db.Prepare(
          "INSERT OR IGNORE INTO conversation_labels (conversation_id, label) VALUES (?, ?)"));
      RETURN_IF_ERROR(add->Bind(1, id.value()).Bind(2, label).Run());
    }
    for (const std::string& label : update.remove_labels) {
      ASSIGN_OR_RETURN(auto remove, db.Prepare(
          "DELETE FROM conversation_labels WHERE conversation_id = ? AND label = ?"));
      RETURN_IF_ERROR(remove->Bind(1, id.value()).Bind(2, label).Run());
    }
    if (!update.add_labels.empty()) details["labels_added"] = update.add_labels;
    if (!update.remove_labels.empty()) details["labels_removed"] = update.remove_labels;
    for (const core::UserId expert : update.add_experts) {
      RETURN_IF_ERROR(invalid_if_unknown(CheckActiveUser(db, expert)));
      ASSIGN_OR_RETURN(auto add, db.Prepare(
          "INSERT OR IGNORE INTO conversation_experts (conversation_id, user_id) VALUES (?, ?)"));
      RETURN_IF_ERROR(add->Bind(1, id.value()).Bind(2, expert.value()).Run());
    }
    if (!update.add_experts.empty()) {
      json experts = json::array();
      for (const auto expert : update.add_experts) experts.push_back(expert.value());
      details["experts_added"] = std::move(experts);
    }
    ASSIGN_OR_RETURN(changed.seq, AppendEvent(db, now, id,
                                              {.kind = event.kind,
                                               .actor = event.actor,
                                               .data = MergeData(event.data, details)}));
    // Resolving, reopening, a new team or priority moves the SLA timers (docs/sla.md).
    RETURN_IF_ERROR(RefreshSla(db, options_.sla_calculator, id, now));
    ASSIGN_OR_RETURN(changed.conversation, ConversationOn(db, id));
    return absl::OkStatus();
  }));
  return changed;
}

absl::StatusOr<int64_t> SqliteStore::WakeSnoozed(base::Micros now) {
  int64_t woke = 0;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto due, db.Prepare(
        "SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= ?"
        // A deleted one stays snoozed, so undo brings it back as it was; it wakes after.
        " AND deleted_at IS NULL LIMIT 1000"));
    due->Bind(1, now);
    std::vector<int64_t> ids;
    ASSIGN_OR_RETURN(ids, CollectRows(*due, [](const Statement& row) { return row.Int(0); }));
    for (const int64_t id : ids) {
      ASSIGN_OR_RETURN(auto wake, db.Prepare(
          "UPDATE conversations SET status = 'open', snoozed_until = NULL WHERE id = ?"));
      RETURN_IF_ERROR(wake->Bind(1, id).Run());
      RETURN_IF_ERROR(AppendEvent(db, now, core::ConversationId(id),
                                  {.kind = "conversation.woke", .data = R"({"status":"open"})"})
                          .status());
    }
    woke = static_cast<int64_t>(ids.size());
    return absl::OkStatus();
  }));
  return woke;
}

absl::StatusOr<std::vector<core::Event>> SqliteStore::ListEvents(int64_t after_seq, int limit) {
  if (limit < 1 || limit > 10'000) return absl::InvalidArgumentError("limit must be from 1 to 10000");
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kEventColumns, " WHERE v.seq > ? ORDER BY v.seq LIMIT ?")));
  query->Bind(1, after_seq).Bind(2, limit);
  return CollectRows(*query, ReadEvent);
}

absl::StatusOr<int64_t> SqliteStore::LastEventSeq() {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT coalesce(max(seq), 0) FROM events"));
  ASSIGN_OR_RETURN(bool row, query->Step());
  return row ? query->Int(0) : 0;
}

absl::StatusOr<std::vector<core::Event>> SqliteStore::ListConversationEvents(core::ConversationId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kEventColumns, " WHERE v.conversation_id = ? ORDER BY v.seq LIMIT ?")));
  query->Bind(1, id.value()).Bind(2, kMaxHistory);
  return CollectRows(*query, ReadEvent);
}

absl::StatusOr<std::vector<core::TeamId>> SqliteStore::ListUserTeams(core::UserId user) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(
      "SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id"));
  query->Bind(1, user.value());
  return CollectRows(*query, [](const Statement& row) { return core::TeamId(row.Int(0)); });
}

absl::StatusOr<std::vector<core::UserId>> SqliteStore::ListTeamMembers(core::TeamId team) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(
      "SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id"));
  query->Bind(1, team.value());
  return CollectRows(*query, [](const Statement& row) { return core::UserId(row.Int(0)); });
}

absl::Status SqliteStore::SetTeamMember(core::TeamId team, core::UserId user, bool member) {
  return Write([&](Connection& db) -> absl::Status {
    if (!team.valid()) return absl::NotFoundError("team 0 not found");
    RETURN_IF_ERROR(CheckTeam(db, team));
    ASSIGN_OR_RETURN(auto find, db.Prepare("SELECT 1 FROM users WHERE id = ?"));
    find->Bind(1, user.value());
    ASSIGN_OR_RETURN(bool found, find->Step());
    if (!found) return absl::NotFoundError(base::StrCat("user ", user.value(), " not found"));
    ASSIGN_OR_RETURN(auto change, db.Prepare(
        member ? "INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)"
               : "DELETE FROM team_members WHERE team_id = ? AND user_id = ?"));
    return change->Bind(1, team.value()).Bind(2, user.value()).Run();
  });
}

absl::StatusOr<std::pair<core::Note, int64_t>> SqliteStore::AddNote(const core::Note& note) {
  if (!base::IsValidUtf8(note.text)) return absl::InvalidArgumentError("the note is not valid UTF-8");
  const base::Micros now = clock_.NowMicros();
  std::pair<core::Note, int64_t> result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(ConversationOn(db, note.conversation).status());
    ASSIGN_OR_RETURN(auto author, db.Prepare("SELECT name FROM users WHERE id = ?"));
    author->Bind(1, note.author.value());
    ASSIGN_OR_RETURN(bool found, author->Step());
    if (!found) return absl::NotFoundError(base::StrCat("user ", note.author.value(), " not found"));
    core::Note stored = note;
    stored.author_name = author->Text(0);
    stored.created_at = now;
    // Each colleague once; writing your own name notifies nobody.
    stored.mentions.clear();
    std::set<core::UserId> seen{note.author};
    for (const core::UserId user : note.mentions) {
      if (!seen.insert(user).second) continue;
      RETURN_IF_ERROR(CheckActiveUser(db, user));
      stored.mentions.push_back(user);
    }
    json mentions = json::array();
    for (const auto user : stored.mentions) mentions.push_back(user.value());
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO notes (conversation_id, author_id, text, mentions, created_at)"
        " VALUES (?, ?, ?, ?, ?)"));
    RETURN_IF_ERROR(insert->Bind(1, note.conversation.value()).Bind(2, note.author.value())
                        .Bind(3, note.text).Bind(4, mentions.dump()).Bind(5, now).Run());
    stored.id = core::NoteId(db.LastInsertRowId());
    for (const core::UserId user : stored.mentions) {
      RETURN_IF_ERROR(InsertNotification(db, {.user = user, .kind = core::NotificationKind::kMention,
                                              .conversation = note.conversation,
                                              .actor = note.author, .text = note.text, .at = now}));
    }
    ASSIGN_OR_RETURN(result.second,
                     AppendEvent(db, now, note.conversation,
                                 {.kind = "note.added",
                                  .actor = note.author,
                                  .data = json{{"note_id", stored.id.value()},
                                               {"mentions", mentions}}.dump()}));
    result.first = std::move(stored);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<std::vector<core::Note>> SqliteStore::ListNotes(core::ConversationId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(
      "SELECT n.id, n.conversation_id, n.author_id, u.name, n.text, n.mentions, n.created_at"
      " FROM notes n JOIN users u ON u.id = n.author_id WHERE n.conversation_id = ?"
      " ORDER BY n.id LIMIT ?"));
  query->Bind(1, id.value()).Bind(2, kMaxHistory);
  return CollectRows(*query, [](const Statement& row) {
    return core::Note{.id = core::NoteId(row.Int(0)),
                      .conversation = core::ConversationId(row.Int(1)),
                      .author = core::UserId(row.Int(2)),
                      .author_name = row.Text(3),
                      .text = row.Text(4),
                      .mentions = ParseUserIds(row.Text(5)),
                      .created_at = row.Int(6)};
  });
}

absl::StatusOr<std::vector<core::Notification>> SqliteStore::ListNotifications(core::UserId user,
                                                                               bool unread_only,
                                                                               int limit) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT n.id, n.user_id, n.kind, n.conversation_id, n.actor_id, coalesce(u.name, ''), n.text,"
      " n.created_at, coalesce(n.read_at, 0) FROM notifications n"
      " LEFT JOIN users u ON u.id = n.actor_id WHERE n.user_id = ?",
      unread_only ? " AND n.read_at IS NULL" : "", " ORDER BY n.id DESC LIMIT ?")));
  query->Bind(1, user.value()).Bind(2, std::clamp(limit, 1, 200));
  return CollectRows(*query, [](const Statement& row) {
    return core::Notification{.id = core::NotificationId(row.Int(0)),
                              .user = core::UserId(row.Int(1)),
                              .kind = core::ParseNotificationKind(row.Text(2))
                                          .value_or(core::NotificationKind::kMention),
                              .conversation = core::ConversationId(row.Int(3)),
                              .actor = core::UserId(row.Int(4)),
                              .actor_name = row.Text(5),
                              .text = row.Text(6),
                              .created_at = row.Int(7),
                              .read_at = row.Int(8)};
  });
}

absl::Status SqliteStore::MarkNotificationsRead(core::UserId user, core::NotificationId up_to) {
  const base::Micros now = clock_.NowMicros();
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto mark, db.Prepare(
        "UPDATE notifications SET read_at = ? WHERE user_id = ? AND id <= ? AND read_at IS NULL"));
    return mark->Bind(1, now).Bind(2, user.value()).Bind(3, up_to.value()).Run();
  });
}

absl::StatusOr<int64_t> SqliteStore::CountUnreadNotifications(core::UserId user) {
  ASSIGN_OR_RETURN(auto db, Read());
  // notifications_by_user narrows this to the user's own rows.
  ASSIGN_OR_RETURN(auto query, db->Prepare(
      "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL"));
  query->Bind(1, user.value());
  ASSIGN_OR_RETURN(bool row, query->Step());
  return row ? query->Int(0) : 0;
}

absl::StatusOr<ReplyResult> SqliteStore::AddReply(const NewReply& reply) {
  if (!base::IsValidUtf8(reply.text)) return absl::InvalidArgumentError("the reply is not valid UTF-8");
  if (reply.external_id.empty() || reply.author.handle.empty()) {
    return absl::InvalidArgumentError("a reply needs an external id and the company's account");
  }
  const base::Micros now = clock_.NowMicros();
  ReplyResult result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(core::Conversation conversation, ConversationOn(db, reply.conversation));
    ASSIGN_OR_RETURN(core::AuthorId author, UpsertAuthor(db, reply.author));
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO posts (conversation_id, author_id, network, channel, external_id, text,"
        " created_at, ingested_at, in_reply_to, direction, private, sent_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'outbound', ?, ?)"));
    RETURN_IF_ERROR(insert->Bind(1, reply.conversation.value()).Bind(2, author.value())
                        .Bind(3, conversation.network).Bind(4, conversation.channel)
                        .Bind(5, reply.external_id).Bind(6, reply.text).Bind(7, reply.created_at)
                        .Bind(8, now).BindOptional(9, reply.in_reply_to)
                        .Bind(10, reply.is_private ? 1 : 0).Bind(11, reply.sent_by.value()).Run());
    const core::PostId post(db.LastInsertRowId());
    RETURN_IF_ERROR(InsertTrackedLinks(db, reply, post, now));  // sqlite_canned.cc
    RETURN_IF_ERROR(AttachToReply(db, post, reply.sent_by, reply.attachments));  // sqlite_review.cc
    if (reply.needs_approval) {
      // Not queued: it waits for a lead (sqlite_review.cc), the conversation keeps its status.
      ASSIGN_OR_RETURN(const std::string held, HoldForReview(db, post, reply, now));
      ASSIGN_OR_RETURN(result.seq, AppendEvent(db, now, reply.conversation,
                                               {.kind = "reply.awaiting_approval",
                                                .actor = reply.sent_by,
                                                .data = held}));
      ASSIGN_OR_RETURN(result.post, PostOn(db, post));
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(auto queue, db.Prepare(
        "INSERT INTO outbox (post_id, conversation_id, state, next_attempt_at, created_at)"
        " VALUES (?, ?, 'pending', ?, ?)"));
    RETURN_IF_ERROR(queue->Bind(1, post.value()).Bind(2, reply.conversation.value())
                        .Bind(3, reply.first_attempt_at).Bind(4, now).Run());
    ASSIGN_OR_RETURN(auto update, db.Prepare(
        "UPDATE conversations SET post_count = post_count + 1,"
        " preview = CASE WHEN ?1 >= last_post_at THEN ?2 ELSE preview END,"
        " last_post_at = max(last_post_at, ?1), status = ?3, snoozed_until = NULL WHERE id = ?4"));
    RETURN_IF_ERROR(update->Bind(1, reply.created_at)
                        .Bind(2, base::TruncateUtf8(reply.text, kPreviewBytes))
                        .Bind(3, core::ConversationStatusName(reply.status_after))
                        .Bind(4, reply.conversation.value()).Run());
    ASSIGN_OR_RETURN(result.seq,
                     AppendEvent(db, now, reply.conversation,
                                 {.kind = "reply.added",
                                  .actor = reply.sent_by,
                                  .data = json{{"post_id", post.value()},
                                               {"private", reply.is_private},
                                               {"status", core::ConversationStatusName(
                                                              reply.status_after)}}.dump()}));
    // The reply stops the response timer and records the first response (docs/sla.md).
    RETURN_IF_ERROR(RefreshSla(db, options_.sla_calculator, reply.conversation, now));
    ASSIGN_OR_RETURN(result.post, PostOn(db, post));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<std::vector<DueDelivery>> SqliteStore::ListDueDeliveries(base::Micros now, int limit) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kPostColumns, ", o.id, o.attempts FROM outbox o JOIN posts p ON p.id = o.post_id"
      " JOIN authors a ON a.id = p.author_id WHERE o.state = 'pending' AND o.next_attempt_at <= ?"
      // Replies on a deleted conversation wait: undone, they go out; purged, they are gone.
      " AND o.conversation_id NOT IN (SELECT id FROM conversations WHERE deleted_at IS NOT NULL)"
      " ORDER BY o.next_attempt_at, o.id LIMIT ?")));
  query->Bind(1, now).Bind(2, std::clamp(limit, 1, 1000));
  return CollectRows(*query, [](const Statement& row) {
    return DueDelivery{.id = core::OutboxId(row.Int(kPostColumnCount)),
                       .post = ReadPost(row),
                       .attempts = static_cast<int>(row.Int(kPostColumnCount + 1))};
  });
}

absl::StatusOr<int64_t> SqliteStore::RecordDeliveryAttempt(core::OutboxId id,
                                                           const DeliveryAttempt& attempt) {
  const base::Micros now = clock_.NowMicros();
  int64_t seq = 0;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto find, db.Prepare(
        "SELECT post_id, conversation_id, attempts FROM outbox WHERE id = ?"));
    find->Bind(1, id.value());
    ASSIGN_OR_RETURN(bool found, find->Step());
    if (!found) return absl::NotFoundError(base::StrCat("outbox item ", id.value(), " not found"));
    const int64_t post = find->Int(0);
    const core::ConversationId conversation(find->Int(1));
    const int64_t attempts = find->Int(2) + 1;
    const bool delivered = attempt.state == core::DeliveryState::kDelivered;
    const bool pending = attempt.state == core::DeliveryState::kPending;
    ASSIGN_OR_RETURN(auto update, db.Prepare(
        "UPDATE outbox SET attempts = ?, state = ?, last_error = ?, next_attempt_at = ?,"
        " delivered_at = ? WHERE id = ?"));
    update->Bind(1, attempts).Bind(2, core::DeliveryStateName(attempt.state))
        .Bind(3, attempt.error).Bind(6, id.value());
    if (pending) update->Bind(4, attempt.next_attempt_at); else update->BindNull(4);
    if (delivered) update->Bind(5, now); else update->BindNull(5);
    RETURN_IF_ERROR(update->Run());
    ASSIGN_OR_RETURN(seq, AppendEvent(db, now, conversation,
                                      {.kind = "reply.delivery",
                                       .data = json{{"post_id", post},
                                                    {"state", core::DeliveryStateName(attempt.state)},
                                                    {"attempts", attempts},
                                                    {"error", attempt.error}}.dump()}));
    return absl::OkStatus();
  }));
  return seq;
}

absl::StatusOr<core::ConversationId> SqliteStore::DeliveryConversation(core::OutboxId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT conversation_id FROM outbox WHERE id = ?"));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool found, query->Step());
  if (!found) return absl::NotFoundError(base::StrCat("delivery ", id.value(), " not found"));
  return core::ConversationId(query->Int(0));
}

absl::StatusOr<int64_t> SqliteStore::RetryDelivery(core::OutboxId id, core::UserId actor) {
  const base::Micros now = clock_.NowMicros();
  int64_t seq = 0;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto find, db.Prepare(
        "SELECT post_id, conversation_id, state FROM outbox WHERE id = ?"));
    find->Bind(1, id.value());
    ASSIGN_OR_RETURN(bool found, find->Step());
    if (!found) return absl::NotFoundError(base::StrCat("outbox item ", id.value(), " not found"));
    if (find->Text(2) != "failed") {
      return absl::FailedPreconditionError("only a reply whose delivery failed can be retried");
    }
    const int64_t post = find->Int(0);
    const core::ConversationId conversation(find->Int(1));
    ASSIGN_OR_RETURN(auto update, db.Prepare(
        "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?"));
    RETURN_IF_ERROR(update->Bind(1, now).Bind(2, id.value()).Run());
    ASSIGN_OR_RETURN(seq, AppendEvent(db, now, conversation,
                                      {.kind = "reply.delivery",
                                       .actor = actor,
                                       .data = json{{"post_id", post}, {"state", "pending"},
                                                    {"attempts", 0}, {"error", ""}}.dump()}));
    return absl::OkStatus();
  }));
  return seq;
}

absl::Status SqliteStore::AppendAudit(const AuditEntry& entry) {
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO audit_log (at, user_id, remote_address, action, target, status)"
        " VALUES (?, ?, ?, ?, ?, ?)"));
    insert->Bind(1, entry.at).Bind(3, entry.remote_address).Bind(4, entry.action)
        .Bind(5, entry.target).Bind(6, entry.status);
    if (entry.user.valid()) insert->Bind(2, entry.user.value()); else insert->BindNull(2);
    return insert->Run();
  });
}

absl::StatusOr<AuditList> SqliteStore::ListAudit(const AuditFilter& filter) {
  const int limit = std::clamp(filter.page.limit <= 0 ? 100 : filter.page.limit, 1, 1000);
  int64_t before = 0;
  if (!filter.page.cursor.empty() && (!base::ParseInt(filter.page.cursor, before) || before <= 0)) {
    return absl::InvalidArgumentError("cursor is not valid for this list");
  }
  std::string sql =
      "SELECT l.id, l.at, l.user_id, coalesce(u.name, ''), l.remote_address, l.action, l.target,"
      " l.status FROM audit_log l LEFT JOIN users u ON u.id = l.user_id WHERE l.at >= ?1";
  if (filter.user.valid()) base::StrAppend(sql, " AND l.user_id = ?2");
  if (before > 0) base::StrAppend(sql, " AND l.id < ?3");
  base::StrAppend(sql, " ORDER BY l.id DESC LIMIT ?4");
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(sql));
  query->Bind(1, filter.since).Bind(4, limit + 1);
  if (filter.user.valid()) query->Bind(2, filter.user.value());
  if (before > 0) query->Bind(3, before);
  AuditList list;
  ASSIGN_OR_RETURN(list.entries, CollectRows(*query, [](const Statement& row) {
    return AuditEntry{.id = row.Int(0),
                      .at = row.Int(1),
                      .user = core::UserId(row.Int(2)),
                      .user_name = row.Text(3),
                      .remote_address = row.Text(4),
                      .action = row.Text(5),
                      .target = row.Text(6),
                      .status = static_cast<int>(row.Int(7))};
  }));
  if (static_cast<int>(list.entries.size()) > limit) {
    list.entries.pop_back();
    list.next_cursor = base::StrCat(list.entries.back().id);
  }
  return list;
}

}  // namespace webcare::storage::sqlite
