#pragma once
// Authentication: Argon2id password hashes, log-in with rate limiting, browser sessions with
// CSRF tokens, and bearer API tokens. Only hashes of session and API tokens are stored.
// Thread-safe.

#include <string>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "server/http_types.h"
#include "server/rate_limiter.h"
#include "storage/store.h"

namespace webcare::server {

// Argon2id (libsodium's interactive limits). Fails only when memory cannot be had.
absl::StatusOr<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);
// Minimum rules for a new password; InvalidArgument says what is wrong.
absl::Status CheckPasswordRules(std::string_view password);

struct LoginResult {
  core::User user;
  std::string session_token;  // For the cookie; never stored.
  std::string csrf_token;
};

inline constexpr char kSessionCookie[] = "webcare_session";
inline constexpr base::Micros kSessionLifetime = 7LL * 24 * 3600 * base::kMicrosPerSecond;

class AuthService {
 public:
  AuthService(storage::Store& store, const base::Clock& clock);

  // Unauthenticated for a wrong e-mail or password (one message for both);
  // ResourceExhausted with "retry after N s" when the address or account is rate limited.
  absl::StatusOr<LoginResult> Login(const std::string& email, const std::string& password,
                                    const std::string& remote_address);
  absl::Status Logout(const Principal& principal);

  // From the session cookie or the Authorization: Bearer header; Unauthenticated otherwise.
  absl::StatusOr<Principal> Authenticate(const HttpRequest& request);
  // For state-changing calls made with a session cookie; PermissionDenied when the
  // X-CSRF-Token header is missing or wrong. Bearer calls pass.
  absl::Status CheckCsrf(const HttpRequest& request, const Principal& principal) const;

  // Returns the token itself; only its hash is kept.
  absl::StatusOr<std::pair<storage::ApiTokenInfo, std::string>> CreateApiToken(
      core::UserId user, const std::string& name);

  absl::StatusOr<core::User> CreateUser(const core::User& user, std::string_view password);

  // Seconds until a log-in for this e-mail from this address is allowed again (0: now);
  // for the Retry-After header.
  int64_t LoginRetryAfter(const std::string& email, const std::string& remote_address);

 private:
  storage::Store& store_;
  const base::Clock& clock_;
  RateLimiter failures_by_address_;
  RateLimiter failures_by_email_;
  std::string dummy_hash_;  // Verified against for unknown e-mails so timing reveals nothing.
};

// A random token for cookies and API keys: `prefix` + 43 characters of base64url.
std::string NewRandomToken(std::string_view prefix);
// The stored form of a token (BLAKE2b-256).
std::string HashToken(std::string_view token);

}  // namespace webcare::server
