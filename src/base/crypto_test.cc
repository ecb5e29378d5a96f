#include "base/crypto.h"

#include <gtest/gtest.h>

#include <string>

namespace webcare::base {
namespace {

std::string Repeat(char byte, size_t count) { return std::string(count, byte); }

// Test cases 1 to 7 of RFC 4231, "Identifiers and Test Vectors for HMAC-SHA-224, HMAC-SHA-256,
// HMAC-SHA-384, and HMAC-SHA-512", section 4.
TEST(CryptoTest, HmacSha256MatchesRfc4231) {
  EXPECT_EQ(HmacSha256Hex(Repeat('\x0b', 20), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HmacSha256Hex(Repeat('\xaa', 20), Repeat('\xdd', 50)),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  std::string key4;
  for (char c = 0x01; c <= 0x19; ++c) key4.push_back(c);
  EXPECT_EQ(HmacSha256Hex(key4, Repeat('\xcd', 50)),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
  // Case 5 gives only the first 128 bits of the output.
  EXPECT_EQ(HmacSha256Hex(Repeat('\x0c', 20), "Test With Truncation").substr(0, 32),
            "a3b6167473100ee06e0c796c2955552b");
  // Cases 6 and 7: a key longer than the 64-byte block is hashed first.
  EXPECT_EQ(
      HmacSha256Hex(Repeat('\xaa', 131), "Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(HmacSha256Hex(Repeat('\xaa', 131),
                          "This is a test using a larger than block-size key and a larger than "
                          "block-size data. The key needs to be hashed before being used by the "
                          "HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(CryptoTest, HmacSha256AcceptsEmptyKeyAndMessage) {
  // Same value as Python's hmac.new(b"", b"", hashlib.sha256).
  EXPECT_EQ(HmacSha256Hex("", ""),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(CryptoTest, ConstantTimeEqualsComparesContentsAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("sha256=abc", "sha256=abc"));
  EXPECT_FALSE(ConstantTimeEquals("sha256=abc", "sha256=abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST(CryptoTest, RandomUrlTokensAreUrlSafeOfTheRightLengthAndDiffer) {
  const std::string token = RandomUrlToken(12);
  EXPECT_EQ(token.size(), 16u);  // 12 bytes are 96 bits, 16 base64url characters.
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(RandomUrlToken(32).size(), 43u);
  EXPECT_NE(RandomUrlToken(12), token);
}

TEST(Sha256HexTest, MatchesTheStandardsTestVectors) {
  // FIPS 180-4 examples: the empty message and "abc".
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace webcare::base
