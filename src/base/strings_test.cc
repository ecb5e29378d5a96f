#include "base/strings.h"

#include <gtest/gtest.h>

namespace webcare::base {
namespace {

TEST(StringsTest, ConcatenatesMixedPieces) {
  std::string_view view = "view";
  EXPECT_EQ(StrCat("a", view, std::string("s"), 'c', 42, int64_t{-7}, true), "aviewsc42-7true");
  std::string out = "x";
  StrAppend(out, "=", 3u);
  EXPECT_EQ(out, "x=3");
  EXPECT_EQ(StrJoin(std::vector<std::string>{"a", "b", "c"}, ", "), "a, b, c");
}

TEST(StringsTest, ParsesWholeIntegersOnly) {
  int64_t value = 0;
  EXPECT_TRUE(ParseInt("-123", value));
  EXPECT_EQ(value, -123);
  EXPECT_FALSE(ParseInt("12x", value));
  EXPECT_FALSE(ParseInt("", value));
  EXPECT_FALSE(ParseInt("99999999999999999999", value));
}

TEST(StringsTest, SplitsAndReplaces) {
  EXPECT_EQ(Split("a.b..c", '.'), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_EQ(ReplaceAll("a\"b\"", "\"", "\"\""), "a\"\"b\"\"");
  EXPECT_EQ(AsciiLower("StOrInG É"), "storing É");
}

TEST(StringsTest, GroupsThousands) {
  EXPECT_EQ(WithThousands(0), "0");
  EXPECT_EQ(WithThousands(999), "999");
  EXPECT_EQ(WithThousands(1000), "1,000");
  EXPECT_EQ(WithThousands(1234567), "1,234,567");
  EXPECT_EQ(WithThousands(-45000), "-45,000");
}

TEST(StringsTest, StartsWithWebAddress) {
  EXPECT_TRUE(StartsWithWebAddress("https://ovpas.nl"));
  EXPECT_TRUE(StartsWithWebAddress("HTTP://OVPAS.NL"));
  EXPECT_TRUE(StartsWithWebAddress("Www.ovpas.nl"));
  EXPECT_FALSE(StartsWithWebAddress("http:/ovpas.nl"));
  EXPECT_FALSE(StartsWithWebAddress("ww.ovpas.nl"));
  EXPECT_FALSE(StartsWithWebAddress(" https://ovpas.nl"));
  EXPECT_FALSE(StartsWithWebAddress(""));
  EXPECT_TRUE(StartsWithAsciiLower("Storing", "stor"));
  EXPECT_FALSE(StartsWithAsciiLower("Sto", "stor"));
}

TEST(TrimTest, RemovesAsciiSpaceAtBothEnds) {
  EXPECT_EQ(Trim("  a b\t\n"), "a b");
  EXPECT_EQ(Trim(" \r\n "), "");
  EXPECT_EQ(Trim("x"), "x");
}

}  // namespace
}  // namespace webcare::base
