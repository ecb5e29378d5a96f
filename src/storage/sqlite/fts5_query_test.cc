#include "storage/sqlite/fts5_query.h"

#include <gtest/gtest.h>

namespace webcare::storage::sqlite {
namespace {

std::string Render(std::string_view input) {
  auto query = ParseTextQuery(input);
  if (!query.ok()) return std::string(query.status().message());
  auto rendered = RenderFts5(*query);
  return rendered.ok() ? *rendered : std::string(rendered.status().message());
}

TEST(Fts5QueryTest, QuotesEveryWord) {
  EXPECT_EQ(Render("storing"), "\"storing\"");
  EXPECT_EQ(Render("klant*"), "\"klant\"*");
  EXPECT_EQ(Render("ov-chipkaart NEAR"), "((\"ov-chipkaart\" AND \"NEAR\"))");
  EXPECT_EQ(Render("a\"b"), "error at column 2: unclosed quote");
}

TEST(Fts5QueryTest, PlacesNegationsAfterPositives) {
  EXPECT_EQ(Render("-trein storing"), "((\"storing\") NOT \"trein\")");
  EXPECT_EQ(Render("a (b OR c) -d"), "((\"a\" AND (\"b\" OR \"c\")) NOT \"d\")");
  EXPECT_EQ(Render("a (-b -c)"), "((\"a\") NOT \"b\" NOT \"c\")");
}

TEST(Fts5QueryTest, RefusesAnOrOfNegationsBuiltByHand) {
  // The parser refuses "a (-b OR -c)"; a tree built another way must still be refused here.
  TextQuery b{.kind = TextQuery::Kind::kTerm, .text = "b"};
  TextQuery c{.kind = TextQuery::Kind::kTerm, .text = "c"};
  TextQuery not_b{.kind = TextQuery::Kind::kNot, .children = {b}};
  TextQuery not_c{.kind = TextQuery::Kind::kNot, .children = {c}};
  TextQuery either{.kind = TextQuery::Kind::kOr, .children = {not_b, not_c}};
  TextQuery a{.kind = TextQuery::Kind::kTerm, .text = "a"};
  TextQuery query{.kind = TextQuery::Kind::kAnd, .children = {a, either}};
  EXPECT_FALSE(RenderFts5(query).ok());
  EXPECT_FALSE(ParseTextQuery("a (-b OR -c)").ok());
}

}  // namespace
}  // namespace webcare::storage::sqlite
