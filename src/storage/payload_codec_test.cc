#include "storage/payload_codec.h"

#include <gtest/gtest.h>

namespace webcare::storage {
namespace {

TEST(PayloadCodecTest, RoundTrips) {
  std::string raw;
  for (int i = 0; i < 200; ++i) raw += R"({"id":"1","text":"storing bij de poortjes"})";
  const std::string compressed = CompressPayload(raw);
  EXPECT_LT(compressed.size(), raw.size() / 5);
  auto restored = DecompressPayload(compressed);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(*restored, raw);
}

TEST(PayloadCodecTest, RejectsGarbage) {
  EXPECT_FALSE(DecompressPayload("not zstd at all").ok());
  std::string truncated = CompressPayload(std::string(1000, 'x'));
  truncated.resize(truncated.size() / 2);
  EXPECT_FALSE(DecompressPayload(truncated).ok());
}

}  // namespace
}  // namespace webcare::storage
