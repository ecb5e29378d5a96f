#include "server/auth_service.h"

#include <sodium.h>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "spdlog/spdlog.h"

namespace webcare::server {
namespace {

constexpr int kFailuresPerAddress = 20;
constexpr int kFailuresPerEmail = 5;
constexpr base::Micros kFailureWindow = 15 * 60 * base::kMicrosPerSecond;

[[maybe_unused]] const bool kSodiumReady = [] { return sodium_init() >= 0; }();

absl::Status RateLimited(int64_t seconds) {
  return absl::ResourceExhaustedError(
      base::StrCat("too many failed log-ins; try again in ", seconds, " s"));
}

}  // namespace

absl::StatusOr<std::string> HashPassword(std::string_view password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return absl::ResourceExhaustedError("not enough memory to hash the password");
  }
  return std::string(hash);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

absl::Status CheckPasswordRules(std::string_view password) {
  if (!base::IsValidUtf8(password)) return absl::InvalidArgumentError("password is not valid UTF-8");
  if (base::CountCodePoints(password) < 10) {
    return absl::InvalidArgumentError("password must be at least 10 characters");
  }
  if (password.size() > 1024) return absl::InvalidArgumentError("password is longer than 1024 bytes");
  return absl::OkStatus();
}

std::string NewRandomToken(std::string_view prefix) {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char encoded[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return base::StrCat(prefix, encoded);
}

std::string HashToken(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

AuthService::AuthService(storage::Store& store, const base::Clock& clock)
    : store_(store),
      clock_(clock),
      failures_by_address_(kFailuresPerAddress, kFailureWindow, clock),
      failures_by_email_(kFailuresPerEmail, kFailureWindow, clock),
      dummy_hash_(HashPassword(NewRandomToken("")).value_or("")) {}

int64_t AuthService::LoginRetryAfter(const std::string& email, const std::string& remote_address) {
  return std::max(failures_by_address_.RetryAfterSeconds(remote_address),
                  failures_by_email_.RetryAfterSeconds(base::AsciiLower(email)));
}

absl::StatusOr<LoginResult> AuthService::Login(const std::string& email, const std::string& password,
                                               const std::string& remote_address) {
  const std::string email_key = base::AsciiLower(email);
  if (const int64_t wait = LoginRetryAfter(email, remote_address); wait > 0) return RateLimited(wait);

  auto credential = store_.FindUserByEmail(email);
  if (!credential.ok() && !absl::IsNotFound(credential.status())) return credential.status();
  const bool known = credential.ok();
  // Unknown e-mails cost the same time as known ones.
  const bool verified = VerifyPassword(password, known ? credential->password_hash : dummy_hash_);
  if (!known || !verified || credential->user.disabled) {
    failures_by_address_.Record(remote_address);
    failures_by_email_.Record(email_key);
    spdlog::warn("failed log-in for {} from {}", email_key, remote_address);
    return absl::UnauthenticatedError("wrong e-mail or password");
  }
  failures_by_email_.Reset(email_key);
  LoginResult result{.user = credential->user,
                     .session_token = NewRandomToken(""),
                     .csrf_token = NewRandomToken("")};
  RETURN_IF_ERROR(store_.CreateSession(
      HashToken(result.session_token),
      {.user = result.user.id, .csrf_token = result.csrf_token,
       .expires_at = clock_.NowMicros() + kSessionLifetime}));
  return result;
}

absl::Status AuthService::Logout(const Principal& principal) {
  if (!principal.via_session_cookie) return absl::OkStatus();
  return store_.DeleteSession(principal.session_token_hash);
}

absl::StatusOr<Principal> AuthService::Authenticate(const HttpRequest& request) {
  const std::string_view authorization = request.Header("authorization");
  Principal principal;
  core::UserId user_id;
  if (authorization.starts_with("Bearer ")) {
    auto token = store_.UseApiToken(HashToken(authorization.substr(7)));
    if (!token.ok()) {
      if (absl::IsNotFound(token.status())) return absl::UnauthenticatedError("API token is not valid");
      return token.status();
    }
    user_id = token->user;
  } else if (const std::string cookie = request.Cookie(kSessionCookie); !cookie.empty()) {
    principal.session_token_hash = HashToken(cookie);
    auto session = store_.FindSession(principal.session_token_hash);
    if (!session.ok()) {
      if (absl::IsNotFound(session.status())) {
        return absl::UnauthenticatedError("session expired; log in again");
      }
      return session.status();
    }
    user_id = session->user;
    principal.via_session_cookie = true;
    principal.csrf_token = session->csrf_token;
  } else {
    return absl::UnauthenticatedError("log in or send an API token");
  }
  ASSIGN_OR_RETURN(principal.user, store_.GetUser(user_id));
  if (principal.user.disabled) return absl::UnauthenticatedError("this account is disabled");
  return principal;
}

absl::Status AuthService::CheckCsrf(const HttpRequest& request, const Principal& principal) const {
  if (!principal.via_session_cookie) return absl::OkStatus();
  const std::string_view sent = request.Header("x-csrf-token");
  if (sent.size() != principal.csrf_token.size() ||
      sodium_memcmp(sent.data(), principal.csrf_token.data(), sent.size()) != 0) {
    return absl::PermissionDeniedError("missing or wrong X-CSRF-Token header");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::pair<storage::ApiTokenInfo, std::string>> AuthService::CreateApiToken(
    core::UserId user, const std::string& name) {
  std::string token = NewRandomToken("wc_");
  ASSIGN_OR_RETURN(auto info, store_.CreateApiToken(user, name, HashToken(token)));
  return std::make_pair(std::move(info), std::move(token));
}

absl::StatusOr<core::User> AuthService::CreateUser(const core::User& user, std::string_view password) {
  const size_t at = user.email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= user.email.size() || user.email.size() > 254 ||
      user.email.find_first_of(" \t\r\n") != std::string::npos) {
    return absl::InvalidArgumentError(base::StrCat("\"", user.email, "\" is not an e-mail address"));
  }
  if (user.name.empty() || user.name.size() > 200 || !base::IsValidUtf8(user.name)) {
    return absl::InvalidArgumentError("name must be 1 to 200 bytes of UTF-8");
  }
  RETURN_IF_ERROR(CheckPasswordRules(password));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  return store_.CreateUser(user, hash);
}

}  // namespace webcare::server
