#include "ingest/interchange.h"

#include <gtest/gtest.h>

#include "base/time_format.h"

namespace webcare::ingest {
namespace {

constexpr std::string_view kFullLine =
    R"({"network":"x","channel":"x:@ovpas","external_id":1795352709000000001,)"
    R"("author":{"handle":"@anna","name":"Anna","followers":1200,"url":"https://x.example/anna"},)"
    R"("text":"Poortjes Utrecht CS kapot \ud83d\ude21","created_at":"2026-11-22T09:14:03+01:00",)"
    R"("in_reply_to":"42","url":"https://x.example/anna/1","direction":"outbound","private":true,)"
    R"("attachments":[{"url":"https://img.example/1.jpg","media_type":"image/jpeg","name":"1.jpg"}],)"
    R"("metrics":{"likes":3,"reposts":1,"replies":2,"views":100},"unknown_field":{"ignored":true}})";

TEST(InterchangeTest, ParsesEveryField) {
  InterchangeParser parser;
  auto post = parser.Parse(kFullLine);
  ASSERT_TRUE(post.ok()) << post.status();
  EXPECT_EQ(post->network, "x");
  EXPECT_EQ(post->external_id, "1795352709000000001");
  EXPECT_EQ(post->author.handle, "@anna");
  EXPECT_EQ(post->author.network, "x");
  EXPECT_EQ(post->author.followers, 1200);
  EXPECT_EQ(post->text, "Poortjes Utrecht CS kapot \xF0\x9F\x98\xA1");
  EXPECT_EQ(base::FormatRfc3339(post->created_at), "2026-11-22T08:14:03Z");
  EXPECT_EQ(post->in_reply_to, "42");
  EXPECT_EQ(post->direction, core::Direction::kOutbound);
  EXPECT_TRUE(post->is_private);
  ASSERT_EQ(post->attachments.size(), 1u);
  EXPECT_EQ(post->attachments[0].media_type, "image/jpeg");
  EXPECT_EQ(post->metrics.views, 100);
  EXPECT_EQ(post->raw, kFullLine);
}

TEST(InterchangeTest, RoundTripsThroughToJsonLine) {
  InterchangeParser parser;
  auto post = parser.Parse(kFullLine);
  ASSERT_TRUE(post.ok());
  auto again = parser.Parse(ToJsonLine(*post));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(ToJsonLine(*again), ToJsonLine(*post));
  EXPECT_EQ(again->text, post->text);
  EXPECT_EQ(again->created_at, post->created_at);
}

std::string Reason(std::string_view line) {
  InterchangeParser parser;
  auto post = parser.Parse(line);
  return post.ok() ? "ok" : std::string(post.status().message());
}

TEST(InterchangeTest, NamesTheProblemWithABadLine) {
  constexpr std::string_view kAuthor = R"("author":{"handle":"@a"})";
  const auto line = [&](std::string_view fields) {
    return std::string("{") + std::string(fields) + "}";
  };
  EXPECT_EQ(Reason("{not json"),
            "malformed JSON: The JSON document has an improper structure: missing or superfluous "
            "commas, braces, missing keys, etc.");
  EXPECT_EQ(Reason("[1,2]"), "expected a JSON object");
  EXPECT_EQ(Reason(line(R"("channel":"c","external_id":"1")")), "network: is required");
  EXPECT_EQ(Reason(line(R"("network":"x","channel":"c","external_id":"1","text":"t","created_at":"2026-01-01T00:00:00Z")")),
            "author: is required and must be an object");
  EXPECT_EQ(Reason(line(std::string(R"("network":"x","channel":"c","external_id":"1",)") +
                        std::string(kAuthor) + R"(,"text":"t","created_at":"yesterday")")),
            "created_at: invalid RFC 3339 time \"yesterday\": expected YYYY-MM-DDTHH:MM:SS");
  EXPECT_EQ(Reason(line(std::string(R"("network":"x","channel":"c","external_id":"1",)") +
                        R"("author":{"handle":"@a","followers":-5},"text":"t","created_at":"2026-01-01T00:00:00Z")")),
            "author.followers: must be a whole number of at least 0");
  EXPECT_EQ(Reason(line(std::string(R"("network":"x","channel":"c","external_id":"1",)") +
                        std::string(kAuthor) + R"(,"text":"t","created_at":"2026-01-01T00:00:00Z","direction":"up")")),
            "direction: must be \"inbound\" or \"outbound\"");
}

TEST(InterchangeTest, MissingFollowersAreUnknownNotZero) {
  InterchangeParser parser;
  auto post = parser.Parse(R"({"network":"x","channel":"c","external_id":"1","author":{"handle":"@a"},)"
                           R"("text":"t","created_at":"2026-01-01T00:00:00Z"})");
  ASSERT_TRUE(post.ok()) << post.status();
  EXPECT_EQ(post->author.followers, -1);
  EXPECT_EQ(ToJsonLine(*post).find("followers"), std::string::npos);
}

TEST(InterchangeTest, RejectsWrongTypesWithTheRightWords) {
  const std::string base = R"({"network":"x","channel":"c","author":{"handle":"@a"},"text":"t",)"
                           R"("created_at":"2026-01-01T00:00:00Z",)";
  EXPECT_EQ(Reason(base + R"("external_id":1.5})"), "external_id: must be a string or a whole number");
  EXPECT_EQ(Reason(base + R"("external_id":"1","metrics":[1]})"), "metrics: must be an object");
  EXPECT_EQ(Reason(base + R"("external_id":"1","attachments":{}})"), "attachments: must be an array");
}

TEST(InterchangeTest, RejectsInvalidUtf8AndHugePosts) {
  const std::string bad_utf8 = std::string(R"({"network":"x","channel":"c","external_id":"1","author":{"handle":"@a"},"text":"caf)") +
                               "\xC3\x28" + R"(","created_at":"2026-01-01T00:00:00Z"})";
  EXPECT_EQ(Reason(bad_utf8).rfind("not valid UTF-8 at byte", 0), 0u) << Reason(bad_utf8);
  const std::string huge = std::string(R"({"network":"x","channel":"c","external_id":"1","author":{"handle":"@a"},"text":")") +
                           std::string(300 << 10, 'a') + R"(","created_at":"2026-01-01T00:00:00Z"})";
  EXPECT_EQ(Reason(huge), "text: is 307200 bytes; the limit is 262144");
  EXPECT_EQ(Reason(std::string(kMaxLineBytes + 1, ' ')), "line is 1048577 bytes; the limit is 1048576");
}

}  // namespace
}  // namespace webcare::ingest
