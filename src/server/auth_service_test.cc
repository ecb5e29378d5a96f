#include "server/auth_service.h"

#include "server/test_support.h"

namespace webcare::server {
namespace {

class AuthServiceTest : public testing_support::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    auth_ = std::make_unique<AuthService>(*store_, clock_);
    auto user = auth_->CreateUser({.email = "lead@example.com", .name = "Lea", .role = core::Role::kLead},
                                  "correct horse battery");
    ASSERT_TRUE(user.ok()) << user.status();
    user_ = *user;
  }

  HttpRequest WithCookie(const std::string& token) {
    HttpRequest request;
    request.headers["cookie"] = std::string("theme=dark; ") + kSessionCookie + "=" + token;
    return request;
  }

  std::unique_ptr<AuthService> auth_;
  core::User user_;
};

TEST_F(AuthServiceTest, StoresArgon2idHashesOnly) {
  auto credential = store_->FindUserByEmail("lead@example.com");
  ASSERT_TRUE(credential.ok());
  EXPECT_EQ(credential->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery", credential->password_hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", credential->password_hash));
}

TEST_F(AuthServiceTest, RefusesWeakPasswordsAndBadEmails) {
  EXPECT_TRUE(absl::IsInvalidArgument(
      auth_->CreateUser({.email = "a@example.com", .name = "A", .role = core::Role::kAgent}, "short").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      auth_->CreateUser({.email = "not-an-address", .name = "A", .role = core::Role::kAgent}, "long enough password").status()));
}

TEST_F(AuthServiceTest, LogsInWithASessionCookieAndCsrfToken) {
  auto login = auth_->Login("LEAD@example.com", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(login.ok()) << login.status();
  EXPECT_EQ(login->user.id, user_.id);
  auto principal = auth_->Authenticate(WithCookie(login->session_token));
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->via_session_cookie);
  EXPECT_EQ(principal->csrf_token, login->csrf_token);

  HttpRequest post = WithCookie(login->session_token);
  EXPECT_TRUE(absl::IsPermissionDenied(auth_->CheckCsrf(post, *principal)));
  post.headers["x-csrf-token"] = "wrong";
  EXPECT_TRUE(absl::IsPermissionDenied(auth_->CheckCsrf(post, *principal)));
  post.headers["x-csrf-token"] = login->csrf_token;
  EXPECT_TRUE(auth_->CheckCsrf(post, *principal).ok());

  ASSERT_TRUE(auth_->Logout(*principal).ok());
  EXPECT_TRUE(absl::IsUnauthenticated(auth_->Authenticate(WithCookie(login->session_token)).status()));
}

TEST_F(AuthServiceTest, SessionsExpire) {
  auto login = auth_->Login("lead@example.com", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(login.ok());
  clock_.Advance(kSessionLifetime + 1);
  EXPECT_TRUE(absl::IsUnauthenticated(auth_->Authenticate(WithCookie(login->session_token)).status()));
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserGiveTheSameAnswer) {
  auto wrong = auth_->Login("lead@example.com", "not the password", "10.0.0.1");
  auto unknown = auth_->Login("nobody@example.com", "not the password", "10.0.0.1");
  EXPECT_TRUE(absl::IsUnauthenticated(wrong.status()));
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
}

TEST_F(AuthServiceTest, RateLimitsFailedLoginsPerAccount) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(absl::IsUnauthenticated(auth_->Login("lead@example.com", "guess", "10.0.0.1").status()));
  }
  // Even the right password is refused while limited, from another address too.
  auto limited = auth_->Login("lead@example.com", "correct horse battery", "10.0.0.2");
  EXPECT_TRUE(absl::IsResourceExhausted(limited.status())) << limited.status();
  EXPECT_GT(auth_->LoginRetryAfter("lead@example.com", "10.0.0.2"), 0);
  clock_.Advance(16 * 60 * base::kMicrosPerSecond);
  EXPECT_TRUE(auth_->Login("lead@example.com", "correct horse battery", "10.0.0.2").ok());
}

TEST_F(AuthServiceTest, BearerTokensAuthenticateWithoutCsrf) {
  auto created = auth_->CreateApiToken(user_.id, "integration");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->second.rfind("wc_", 0), 0u);
  HttpRequest request;
  request.headers["authorization"] = "Bearer " + created->second;
  auto principal = auth_->Authenticate(request);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_FALSE(principal->via_session_cookie);
  EXPECT_TRUE(auth_->CheckCsrf(request, *principal).ok());
  request.headers["authorization"] = "Bearer wc_forged";
  EXPECT_TRUE(absl::IsUnauthenticated(auth_->Authenticate(request).status()));
  EXPECT_TRUE(absl::IsUnauthenticated(auth_->Authenticate(HttpRequest{}).status()));
}

}  // namespace
}  // namespace webcare::server
