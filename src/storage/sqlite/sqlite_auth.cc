// Users, sessions and API tokens of the SQLite store.

#include "base/strings.h"
#include "base/status.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

constexpr std::string_view kUserColumns = "id, email, name, role, created_at, disabled";

core::User ReadUser(const Statement& row) {
  return core::User{.id = core::UserId(row.Int(0)),
                    .email = row.Text(1),
                    .name = row.Text(2),
                    .role = core::ParseRole(row.Text(3)).value_or(core::Role::kViewer),
                    .created_at = row.Int(4),
                    .disabled = row.Int(5) != 0};
}

ApiTokenInfo ReadToken(const Statement& row) {
  return ApiTokenInfo{.id = core::ApiTokenId(row.Int(0)),
                      .user = core::UserId(row.Int(1)),
                      .name = row.Text(2),
                      .created_at = row.Int(3),
                      .last_used_at = row.Int(4)};
}

}  // namespace

absl::StatusOr<core::User> SqliteStore::CreateUser(const core::User& user,
                                                   const std::string& password_hash) {
  core::User created = user;
  created.created_at = clock_.NowMicros();
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO users (email, name, role, password_hash, created_at, disabled)"
        " VALUES (?, ?, ?, ?, ?, ?)"));
    absl::Status inserted = insert->Bind(1, user.email).Bind(2, user.name)
                                .Bind(3, core::RoleName(user.role)).Bind(4, password_hash)
                                .Bind(5, created.created_at).Bind(6, user.disabled ? 1 : 0).Run();
    if (absl::IsAlreadyExists(inserted)) {
      return absl::AlreadyExistsError(base::StrCat("a user with e-mail ", user.email, " exists"));
    }
    RETURN_IF_ERROR(inserted);
    created.id = core::UserId(db.LastInsertRowId());
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<UserCredential> SqliteStore::FindUserByEmail(const std::string& email) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kUserColumns, ", password_hash FROM users WHERE email = ?")));
  query->Bind(1, email);
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError("no such user");
  return UserCredential{.user = ReadUser(*query), .password_hash = query->Text(6)};
}

absl::StatusOr<core::User> SqliteStore::GetUser(core::UserId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat("SELECT ", kUserColumns, " FROM users WHERE id = ?")));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError(base::StrCat("user ", id.value(), " not found"));
  return ReadUser(*query);
}

absl::StatusOr<std::vector<core::User>> SqliteStore::ListUsers() {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat("SELECT ", kUserColumns, " FROM users ORDER BY id")));
  return CollectRows(*query, ReadUser);
}

absl::Status SqliteStore::CreateSession(const std::string& token_hash, const SessionRecord& session) {
  const base::Micros now = clock_.NowMicros();
  return Write([&](Connection& db) -> absl::Status {
    // Expired sessions are swept here rather than by a timer: log-ins are rare enough.
    ASSIGN_OR_RETURN(auto sweep, db.Prepare("DELETE FROM sessions WHERE expires_at < ?"));
    RETURN_IF_ERROR(sweep->Bind(1, now).Run());
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?)"));
    return insert->BindBlob(1, token_hash).Bind(2, session.user.value()).Bind(3, session.csrf_token)
        .Bind(4, now).Bind(5, session.expires_at).Run();
  });
}

absl::StatusOr<SessionRecord> SqliteStore::FindSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(
      "SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?"));
  query->BindBlob(1, token_hash).Bind(2, clock_.NowMicros());
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError("no such session");
  return SessionRecord{.user = core::UserId(query->Int(0)),
                       .csrf_token = query->Text(1),
                       .expires_at = query->Int(2)};
}

absl::Status SqliteStore::DeleteSession(const std::string& token_hash) {
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto remove, db.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
    return remove->BindBlob(1, token_hash).Run();
  });
}

absl::StatusOr<ApiTokenInfo> SqliteStore::CreateApiToken(core::UserId user, const std::string& name,
                                                         const std::string& token_hash) {
  ApiTokenInfo info{.user = user, .name = name, .created_at = clock_.NowMicros()};
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)"));
    RETURN_IF_ERROR(insert->Bind(1, user.value()).Bind(2, name).BindBlob(3, token_hash)
                        .Bind(4, info.created_at).Run());
    info.id = core::ApiTokenId(db.LastInsertRowId());
    return absl::OkStatus();
  }));
  return info;
}

absl::StatusOr<ApiTokenInfo> SqliteStore::UseApiToken(const std::string& token_hash) {
  ApiTokenInfo info;
  {
    // A reader: checking a token must not wait for (or hold up) writes such as an import.
    ASSIGN_OR_RETURN(auto db, Read());
    ASSIGN_OR_RETURN(auto find, db->Prepare(
        "SELECT id, user_id, name, created_at, coalesce(last_used_at, 0) FROM api_tokens"
        " WHERE token_hash = ? AND revoked_at IS NULL"));
    find->BindBlob(1, token_hash);
    ASSIGN_OR_RETURN(bool row, find->Step());
    if (!row) return absl::NotFoundError("no such API token");
    info = ReadToken(*find);
  }
  // Record use at most once a minute so busy integrations do not turn reads into writes.
  const base::Micros now = clock_.NowMicros();
  if (now - info.last_used_at > 60 * base::kMicrosPerSecond) {
    RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
      ASSIGN_OR_RETURN(auto touch, db.Prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"));
      return touch->Bind(1, now).Bind(2, info.id.value()).Run();
    }));
    info.last_used_at = now;
  }
  return info;
}

absl::StatusOr<std::vector<ApiTokenInfo>> SqliteStore::ListApiTokens(core::UserId user) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(
      "SELECT id, user_id, name, created_at, coalesce(last_used_at, 0) FROM api_tokens"
      " WHERE user_id = ? AND revoked_at IS NULL ORDER BY id"));
  query->Bind(1, user.value());
  return CollectRows(*query, ReadToken);
}

absl::Status SqliteStore::RevokeApiToken(core::UserId user, core::ApiTokenId id) {
  const base::Micros now = clock_.NowMicros();
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto revoke, db.Prepare(
        "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL"));
    RETURN_IF_ERROR(revoke->Bind(1, now).Bind(2, id.value()).Bind(3, user.value()).Run());
    if (db.Changes() == 0) return absl::NotFoundError(base::StrCat("API token ", id.value(), " not found"));
    return absl::OkStatus();
  });
}

}  // namespace webcare::storage::sqlite
