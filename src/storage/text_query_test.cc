#include "storage/text_query.h"

#include <gtest/gtest.h>

namespace webcare::storage {
namespace {

std::string Describe(std::string_view input) {
  auto query = ParseTextQuery(input);
  return query.ok() ? DescribeTextQuery(*query) : std::string(query.status().message());
}

TEST(TextQueryTest, ParsesWordsPhrasesAndOperators) {
  EXPECT_EQ(Describe("storing"), "storing");
  EXPECT_EQ(Describe("storing utrecht"), "(storing AND utrecht)");
  EXPECT_EQ(Describe("storing AND utrecht"), "(storing AND utrecht)");
  EXPECT_EQ(Describe("\"van het kastje\" klant*"), "(\"van het kastje\" AND klant*)");
  EXPECT_EQ(Describe("a OR b c"), "(a OR (b AND c))");
  EXPECT_EQ(Describe("(a OR b) c"), "((a OR b) AND c)");
  EXPECT_EQ(Describe("storing -trein NOT bus"), "(storing AND NOT trein AND NOT bus)");
  EXPECT_EQ(Describe("ov-chipkaart"), "ov-chipkaart");  // A hyphen inside a word is no NOT.
  EXPECT_EQ(Describe("or not"), "(or AND not)");         // Lower case words are words.
  EXPECT_EQ(Describe("r -NOT"), "(r AND NOT \"NOT\")");  // Found by the fuzzer.
  EXPECT_TRUE(ParseTextQuery(Describe("r -NOT")).ok());
}

TEST(TextQueryTest, ReportsTheColumnOfAnError) {
  EXPECT_EQ(Describe("storing AND \"kapotte poort"), "error at column 13: unclosed quote");
  EXPECT_EQ(Describe("(a OR b"), "error at column 8: missing ')'");
  EXPECT_EQ(Describe("a)"), "error at column 2: unbalanced ')'");
  EXPECT_EQ(Describe("a OR"), "error at column 5: OR needs a word after it");
  EXPECT_EQ(Describe("café \"x"), "error at column 6: unclosed quote");  // Columns count code points.
  EXPECT_EQ(Describe("   "), "error at column 4: empty query");
  EXPECT_EQ(Describe("!!!"), "error at column 1: \"!!!\" has no letters or digits");
}

TEST(TextQueryTest, RefusesQueriesThatOnlySubtract) {
  EXPECT_FALSE(ParseTextQuery("-storing").ok());
  EXPECT_FALSE(ParseTextQuery("NOT storing NOT trein").ok());
  EXPECT_FALSE(ParseTextQuery("a OR -b").ok());
  EXPECT_TRUE(ParseTextQuery("a -b").ok());
}

TEST(TextQueryTest, RefusesHostileInput) {
  EXPECT_FALSE(ParseTextQuery("caf\xC3").ok());
  EXPECT_FALSE(ParseTextQuery(std::string(5000, 'a')).ok());
  EXPECT_FALSE(ParseTextQuery(std::string(100, '(') + "a" + std::string(100, ')')).ok());
}

}  // namespace
}  // namespace webcare::storage
