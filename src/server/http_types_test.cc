#include "server/http_types.h"

#include <gtest/gtest.h>

namespace webcare::server {
namespace {

TEST(HttpTypesTest, DecodesQueryStrings) {
  std::map<std::string, std::string> query;
  ASSERT_TRUE(ParseQueryString("q=%22storing%22+utrecht&limit=5&flag", query));
  EXPECT_EQ(query["q"], "\"storing\" utrecht");
  EXPECT_EQ(query["limit"], "5");
  EXPECT_EQ(query["flag"], "");
  std::map<std::string, std::string> bad;
  EXPECT_FALSE(ParseQueryString("q=%zz", bad));
  EXPECT_FALSE(ParseQueryString("q=%2", bad));
}

TEST(HttpTypesTest, ReadsCookies) {
  HttpRequest request;
  request.headers["cookie"] = "a=1; webcare_session=abc; b=2";
  EXPECT_EQ(request.Cookie("webcare_session"), "abc");
  EXPECT_EQ(request.Cookie("missing"), "");
}

TEST(HttpTypesTest, TakesTheClientAddressFromATrustedProxyOnly) {
  HttpRequest request;
  request.remote_address = "127.0.0.1";
  request.headers["x-forwarded-for"] = "6.6.6.6, 203.0.113.7";
  EXPECT_EQ(ClientAddress(request, false), "127.0.0.1");
  EXPECT_EQ(ClientAddress(request, true), "203.0.113.7");  // The spoofable first hop is ignored.
  request.headers.erase("x-forwarded-for");
  EXPECT_EQ(ClientAddress(request, true), "127.0.0.1");
}

}  // namespace
}  // namespace webcare::server
