#include "base/utf8.h"

#include <gtest/gtest.h>

namespace webcare::base {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("storing bij de ov-chipkaart"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xF0\x9F\x98\xA1"));  // café 😡
}

TEST(Utf8Test, RejectsIllFormedText) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // Truncated sequence.
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // Overlong '/'.
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate.
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // Past U+10FFFF.
  EXPECT_EQ(FirstInvalidUtf8Offset("ok \xFF"), 3u);
}

TEST(Utf8Test, TruncatesOnCodePointBoundary) {
  const std::string text = "ab\xC3\xA9";  // "abé", 4 bytes.
  EXPECT_EQ(TruncateUtf8(text, 3), "ab");
  EXPECT_EQ(TruncateUtf8(text, 4), text);
  EXPECT_EQ(CountCodePoints(text), 3u);
}

TEST(Utf8Test, DecodesOneCodePointOrRejects) {
  char32_t c = 0;
  EXPECT_EQ(DecodeUtf8("é", 0, c), 2u);
  EXPECT_EQ(c, U'é');
  EXPECT_EQ(DecodeUtf8("😀", 0, c), 4u);
  EXPECT_EQ(c, U'😀');
  EXPECT_EQ(DecodeUtf8("\xc0\xaf", 0, c), 0u);          // Overlong.
  EXPECT_EQ(DecodeUtf8("\xed\xa0\x80", 0, c), 0u);      // Surrogate.
  EXPECT_EQ(DecodeUtf8("\xf4\x90\x80\x80", 0, c), 0u);  // Past U+10FFFF.
  EXPECT_EQ(DecodeUtf8("\xe2\x82", 0, c), 0u);          // Truncated.
}

}  // namespace
}  // namespace webcare::base
