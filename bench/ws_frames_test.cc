#include "bench/ws_frames.h"

#include <gtest/gtest.h>

#include <string>

namespace webcare::bench {
namespace {

TEST(WsFramesTest, ReadsTheHeaderOfEachPayloadLength) {
  // Unmasked text frames as a server sends them: 7-bit, 16-bit and 64-bit lengths.
  const std::string small = std::string("\x81\x05", 2) + "hello";
  auto header = ParseWsFrameHeader(small);
  ASSERT_TRUE(header.has_value());
  EXPECT_TRUE(header->fin);
  EXPECT_EQ(header->opcode, WsOpcode::kText);
  EXPECT_EQ(header->header_bytes, 2u);
  EXPECT_EQ(header->payload_bytes, 5u);
  EXPECT_FALSE(header->masked);

  header = ParseWsFrameHeader(std::string("\x01\x7E\x01\x00", 4));  // Not the last fragment.
  ASSERT_TRUE(header.has_value());
  EXPECT_FALSE(header->fin);
  EXPECT_EQ(header->header_bytes, 4u);
  EXPECT_EQ(header->payload_bytes, 256u);

  header = ParseWsFrameHeader(std::string("\x82\x7F\x00\x00\x00\x00\x00\x01\x00\x00", 10));
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->opcode, WsOpcode::kBinary);
  EXPECT_EQ(header->header_bytes, 10u);
  EXPECT_EQ(header->payload_bytes, 65536u);
}

TEST(WsFramesTest, AsksForMoreBytesUntilTheHeaderIsWhole) {
  EXPECT_FALSE(ParseWsFrameHeader("").has_value());
  EXPECT_FALSE(ParseWsFrameHeader(std::string("\x81", 1)).has_value());
  EXPECT_FALSE(ParseWsFrameHeader(std::string("\x81\x7E\x01", 3)).has_value());
  EXPECT_FALSE(ParseWsFrameHeader(std::string("\x81\x7F\x00\x00\x00", 5)).has_value());
  EXPECT_FALSE(ParseWsFrameHeader(std::string("\x81\x85\x01\x02", 4)).has_value());  // Mask cut off.
}

TEST(WsFramesTest, ClientFramesAreMaskedAndReadBack) {
  const std::string payload(300, 'x');
  const std::string frame = MakeClientWsFrame(WsOpcode::kText, payload, 0x01020304);
  const auto header = ParseWsFrameHeader(frame);
  ASSERT_TRUE(header.has_value());
  EXPECT_TRUE(header->masked);
  EXPECT_EQ(header->header_bytes, 8u);  // 2 + 16-bit length + 4-byte key.
  ASSERT_EQ(header->payload_bytes, payload.size());
  ASSERT_EQ(frame.size(), 8 + payload.size());
  const std::string key = frame.substr(4, 4);
  EXPECT_EQ(key, std::string("\x01\x02\x03\x04", 4));
  for (size_t i = 0; i < payload.size(); ++i) {
    ASSERT_EQ(static_cast<char>(frame[8 + i] ^ key[i % 4]), payload[i]) << "byte " << i;
  }
  const std::string close = MakeClientWsFrame(WsOpcode::kClose, std::string("\x03\xE8", 2), 0);
  EXPECT_EQ(close, std::string("\x88\x82\x00\x00\x00\x00\x03\xE8", 8));
}

TEST(WsFramesTest, CloseCarriesItsCodeAndReason) {
  const WsClose close = ParseWsClose(std::string("\x03\xF0", 2) + "too slow");
  EXPECT_EQ(close.code, 1008);
  EXPECT_EQ(close.reason, "too slow");
  EXPECT_EQ(ParseWsClose("").code, 1005);
}

TEST(WsFramesTest, SplitsABatchIntoItsMessagesWhateverTheirStringsHold) {
  const std::string batch =
      R"({"messages":[{"data":{"post_ids":[7]},"seq":1,"type":"event"},)"
      R"({"text":"a } and a \" and a \\","seq":2,"type":"event"},)"
      R"({"text":"ends in a backslash \\\\","list":[{"a":"]"}],"seq":3,"type":"event"}],"type":"batch"})";
  const auto messages = SplitBatch(batch);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0], R"({"data":{"post_ids":[7]},"seq":1,"type":"event"})");
  EXPECT_EQ(messages[1], R"({"text":"a } and a \" and a \\","seq":2,"type":"event"})");
  EXPECT_EQ(ScanMessage(messages[0]).post_id, 7);
  EXPECT_EQ(ScanMessage(messages[1]).seq, 2);
  EXPECT_EQ(ScanMessage(messages[2]).seq, 3);
  EXPECT_EQ(ScanMessage(messages[2]).type, "event");
  EXPECT_TRUE(SplitBatch(R"({"type":"hello","seq":4})").empty());
}

}  // namespace
}  // namespace webcare::bench
