#include "analysis/query/explain.h"

#include "analysis/query/parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::query {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Explain(std::string_view query, const PostView& post) {
  auto parsed = Parse(query);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return ExplainMatch(*parsed, post);
}

TEST(ExplainMatchTest, ListsTheMatchingPartsInQueryOrder) {
  const PostView post{.text = "Weer een storing bij de poortjes #ovfail", .language = "nl"};
  EXPECT_THAT(Explain("(storing OR vertraging) #ovfail lang:nl -opgelost", post),
              ElementsAre("storing", "#ovfail", "lang:nl"));
}

TEST(ExplainMatchTest, LeavesOutNegatedParts) {
  const PostView post{.text = "storing opgelost"};
  EXPECT_THAT(Explain("storing -vertraging", post), ElementsAre("storing"));
}

TEST(ExplainMatchTest, EmptyWhenNothingMatches) {
  const PostView post{.text = "alles goed"};
  EXPECT_THAT(Explain("storing OR vertraging", post), IsEmpty());
}

TEST(ExplainMatchTest, ExplainsNearAndFilters) {
  const PostView post{.text = "storing in Utrecht vandaag", .followers = 5000};
  EXPECT_THAT(Explain("storing NEAR/2 utrecht followers:>1000", post),
              ElementsAre("(storing NEAR/2 utrecht)", "followers:>1000"));
}

}  // namespace
}  // namespace webcare::analysis::query
