// Canned answers and tracked links of the SQLite store (docs/canned-answers.md).

#include "storage/sqlite/sqlite_canned.h"

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

constexpr std::string_view kAnswerColumns =
    "c.id, c.team_id, coalesce(t.name, ''), c.title, c.shortcut, c.body, coalesce(c.network, ''),"
    " c.created_by, coalesce(cu.name, ''), c.created_at, c.updated_by, coalesce(uu.name, ''),"
    " c.updated_at, c.usage_count, coalesce(c.last_used_at, 0)"
    " FROM canned_answers c LEFT JOIN teams t ON t.id = c.team_id"
    " LEFT JOIN users cu ON cu.id = c.created_by LEFT JOIN users uu ON uu.id = c.updated_by";

core::CannedAnswer ReadAnswer(const Statement& row) {
  return core::CannedAnswer{.id = core::CannedAnswerId(row.Int(0)),
                            .team = core::TeamId(row.Int(1)),
                            .team_name = row.Text(2),
                            .title = row.Text(3),
                            .shortcut = row.Text(4),
                            .body = row.Text(5),
                            .network = row.Text(6),
                            .created_by = core::UserId(row.Int(7)),
                            .created_by_name = row.Text(8),
                            .created_at = row.Int(9),
                            .updated_by = core::UserId(row.Int(10)),
                            .updated_by_name = row.Text(11),
                            .updated_at = row.Int(12),
                            .usage_count = row.Int(13),
                            .last_used_at = row.Int(14)};
}

constexpr std::string_view kLinkColumns =
    "id, code, conversation_id, coalesce(post_id, 0), url, coalesce(created_by, 0), created_at,"
    " clicks, coalesce(first_clicked_at, 0), coalesce(last_clicked_at, 0)";

core::TrackedLink ReadLink(const Statement& row) {
  return core::TrackedLink{.id = core::TrackedLinkId(row.Int(0)),
                           .code = row.Text(1),
                           .conversation = core::ConversationId(row.Int(2)),
                           .post = core::PostId(row.Int(3)),
                           .url = row.Text(4),
                           .created_by = core::UserId(row.Int(5)),
                           .created_at = row.Int(6),
                           .clicks = row.Int(7),
                           .first_clicked_at = row.Int(8),
                           .last_clicked_at = row.Int(9)};
}

absl::StatusOr<core::CannedAnswer> AnswerOn(Connection& db, core::CannedAnswerId id) {
  ASSIGN_OR_RETURN(auto query, db.Prepare(base::StrCat("SELECT ", kAnswerColumns, " WHERE c.id = ?")));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError(base::StrCat("canned answer ", id.value(), " not found"));
  return ReadAnswer(*query);
}

// Binds the editable fields as ?1 team (NULL: company-wide), ?2 title, ?3 shortcut, ?4 body,
// ?5 network (NULL: any), ?6 the user making the change, for INSERT and UPDATE alike.
void BindAnswerFields(Statement& statement, const core::CannedAnswer& answer) {
  if (answer.team.valid()) {
    statement.Bind(1, answer.team.value());
  } else {
    statement.BindNull(1);
  }
  statement.Bind(2, answer.title).Bind(3, answer.shortcut).Bind(4, answer.body)
      .BindOptional(5, answer.network);
  if (answer.updated_by.valid()) {
    statement.Bind(6, answer.updated_by.value());
  } else {
    statement.BindNull(6);
  }
}

// The unique index on (team, shortcut) said no: name the scope the shortcut is taken in.
absl::Status ShortcutTaken(Connection& db, const core::CannedAnswer& answer) {
  if (!answer.team.valid()) {
    return absl::AlreadyExistsError(base::StrCat(
        "the shortcut \"", answer.shortcut, "\" is already used by a company-wide canned answer"));
  }
  std::string team = base::StrCat("team ", answer.team.value());
  auto query = db.Prepare("SELECT name FROM teams WHERE id = ?");
  if (query.ok()) {
    (*query)->Bind(1, answer.team.value());
    if (auto row = (*query)->Step(); row.ok() && *row) team = (*query)->Text(0);
  }
  return absl::AlreadyExistsError(base::StrCat("the shortcut \"", answer.shortcut,
                                               "\" is already used by a canned answer of ", team));
}

bool IsWebAddress(std::string_view url) {
  return base::StartsWithAsciiLower(url, "http://") || base::StartsWithAsciiLower(url, "https://");
}

}  // namespace

absl::Status InsertTrackedLinks(Connection& db, const NewReply& reply, core::PostId post,
                                base::Micros now) {
  for (const NewTrackedLink& link : reply.tracked_links) {
    // The schema refuses these too; checking here gives the caller a message, not a constraint.
    if (!IsWebAddress(link.url)) {
      return absl::InvalidArgumentError("only http:// and https:// links can be tracked");
    }
    if (link.code.empty()) return absl::InvalidArgumentError("a tracked link needs a code");
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO tracked_links (code, conversation_id, post_id, url, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"));
    insert->Bind(1, link.code).Bind(2, reply.conversation.value()).Bind(3, post.value())
        .Bind(4, link.url).Bind(6, now);
    if (reply.sent_by.valid()) {
      insert->Bind(5, reply.sent_by.value());
    } else {
      insert->BindNull(5);
    }
    RETURN_IF_ERROR(insert->Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<core::CannedAnswer>> SqliteStore::ListCannedAnswers(
    const CannedAnswerFilter& filter) {
  ASSIGN_OR_RETURN(auto db, Read());
  const std::string where =
      filter.all_teams ? ""
                       : " WHERE c.team_id IS NULL OR c.team_id IN (SELECT value FROM json_each(?1))";
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kAnswerColumns, where, " ORDER BY c.team_id IS NOT NULL, c.shortcut, c.id")));
  if (!filter.all_teams) query->Bind(1, TeamIdsJson(filter.teams));
  return CollectRows(*query, ReadAnswer);
}

absl::StatusOr<core::CannedAnswer> SqliteStore::GetCannedAnswer(core::CannedAnswerId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  return AnswerOn(*db, id);
}

absl::StatusOr<core::CannedAnswer> SqliteStore::CreateCannedAnswer(const core::CannedAnswer& answer) {
  core::CannedAnswer stored = answer;
  stored.updated_by = answer.created_by;
  const base::Micros now = clock_.NowMicros();
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(CheckTeam(db, answer.team));
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO canned_answers (team_id, title, shortcut, body, network, created_by,"
        " updated_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7)"));
    BindAnswerFields(*insert, stored);
    insert->Bind(7, now);
    const absl::Status inserted = insert->Run();
    if (absl::IsAlreadyExists(inserted)) return ShortcutTaken(db, answer);
    RETURN_IF_ERROR(inserted);
    ASSIGN_OR_RETURN(stored, AnswerOn(db, core::CannedAnswerId(db.LastInsertRowId())));
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<core::CannedAnswer> SqliteStore::UpdateCannedAnswer(const core::CannedAnswer& answer) {
  core::CannedAnswer stored;
  const base::Micros now = clock_.NowMicros();
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(CheckTeam(db, answer.team));
    ASSIGN_OR_RETURN(auto update, db.Prepare(
        "UPDATE canned_answers SET team_id = ?1, title = ?2, shortcut = ?3, body = ?4,"
        " network = ?5, updated_by = ?6, updated_at = ?7 WHERE id = ?8"));
    BindAnswerFields(*update, answer);
    update->Bind(7, now).Bind(8, answer.id.value());
    const absl::Status updated = update->Run();
    if (absl::IsAlreadyExists(updated)) return ShortcutTaken(db, answer);
    RETURN_IF_ERROR(updated);
    if (db.Changes() == 0) {
      return absl::NotFoundError(base::StrCat("canned answer ", answer.id.value(), " not found"));
    }
    ASSIGN_OR_RETURN(stored, AnswerOn(db, answer.id));
    return absl::OkStatus();
  }));
  return stored;
}

absl::Status SqliteStore::DeleteCannedAnswer(core::CannedAnswerId id) {
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto remove, db.Prepare("DELETE FROM canned_answers WHERE id = ?"));
    RETURN_IF_ERROR(remove->Bind(1, id.value()).Run());
    if (db.Changes() == 0) return absl::NotFoundError(base::StrCat("canned answer ", id.value(), " not found"));
    return absl::OkStatus();
  });
}

absl::Status SqliteStore::RecordCannedAnswerUse(core::CannedAnswerId id) {
  const base::Micros now = clock_.NowMicros();
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto use, db.Prepare(
        "UPDATE canned_answers SET usage_count = usage_count + 1, last_used_at = ? WHERE id = ?"));
    RETURN_IF_ERROR(use->Bind(1, now).Bind(2, id.value()).Run());
    if (db.Changes() == 0) return absl::NotFoundError(base::StrCat("canned answer ", id.value(), " not found"));
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<core::TrackedLink>> SqliteStore::ListTrackedLinks(
    core::ConversationId conversation) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kLinkColumns, " FROM tracked_links WHERE conversation_id = ? ORDER BY id")));
  query->Bind(1, conversation.value());
  return CollectRows(*query, ReadLink);
}

absl::StatusOr<core::TrackedLink> SqliteStore::ClickTrackedLink(const std::string& code) {
  const base::Micros now = clock_.NowMicros();
  core::TrackedLink link;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto click, db.Prepare(base::StrCat(
        "UPDATE tracked_links SET clicks = clicks + 1, first_clicked_at = coalesce(first_clicked_at, ?1),"
        " last_clicked_at = ?1 WHERE code = ?2 RETURNING ", kLinkColumns)));
    click->Bind(1, now).Bind(2, code);
    ASSIGN_OR_RETURN(bool row, click->Step());
    if (!row) return absl::NotFoundError("no tracked link has this code");
    link = ReadLink(*click);
    // Open screens show the count as it grows; the event says nothing of who clicked.
    const nlohmann::json data{{"link_id", link.id.value()}, {"url", link.url}, {"clicks", link.clicks}};
    return AppendEvent(db, now, link.conversation, {.kind = "link.clicked", .data = data.dump()}).status();
  }));
  return link;
}

}  // namespace webcare::storage::sqlite
