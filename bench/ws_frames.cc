#include "bench/ws_frames.h"

#include <charconv>
#include <cstring>

namespace webcare::bench {
namespace {

int64_t NumberAt(std::string_view text, size_t at) {
  int64_t value = 0;
  if (at < text.size()) std::from_chars(text.data() + at, text.data() + text.size(), value);
  return value;
}

}  // namespace

std::vector<std::string_view> SplitBatch(std::string_view text) {
  std::vector<std::string_view> messages;
  constexpr std::string_view kOpen = "{\"messages\":[";
  if (!text.starts_with(kOpen)) return messages;
  // One pass that tracks nesting: each top-level object of the array is a message. Most bytes
  // are inside strings, which are skipped with memchr to their closing quote (one that an odd
  // run of backslashes does not escape).
  const char* const end = text.data() + text.size();
  const char* at = text.data() + kOpen.size();
  const char* start = nullptr;
  int depth = 0;
  while (at < end) {
    const char c = *at;
    if (c == '"') {
      const char* quote = at + 1;
      while (true) {
        quote = static_cast<const char*>(std::memchr(quote, '"', static_cast<size_t>(end - quote)));
        if (quote == nullptr) return messages;  // Cut off: no whole message after the last.
        const char* backslashes = quote;
        while (backslashes > at + 1 && backslashes[-1] == '\\') --backslashes;
        if ((quote - backslashes) % 2 == 0) break;
        ++quote;
      }
      at = quote + 1;
      continue;
    }
    if (c == '{' || c == '[') {
      if (depth++ == 0) start = at;
    } else if (c == '}' || c == ']') {
      if (depth == 0) break;  // The end of the array.
      if (--depth == 0) messages.emplace_back(start, static_cast<size_t>(at + 1 - start));
    }
    ++at;
  }
  return messages;
}

WsMessage ScanMessage(std::string_view text) {
  WsMessage message;
  constexpr std::string_view kType = "\"type\":\"", kSeq = "\"seq\":", kPosts = "\"post_ids\":[";
  if (const size_t type = text.rfind(kType); type != std::string_view::npos) {
    const size_t start = type + kType.size();
    const size_t end = text.find('"', start);
    if (end != std::string_view::npos) message.type = text.substr(start, end - start);
  }
  if (const size_t seq = text.rfind(kSeq); seq != std::string_view::npos) {
    message.seq = NumberAt(text, seq + kSeq.size());
  }
  if (const size_t posts = text.rfind(kPosts); posts != std::string_view::npos) {
    message.post_id = NumberAt(text, posts + kPosts.size());
  }
  return message;
}


std::optional<WsFrameHeader> ParseWsFrameHeader(std::string_view bytes) {
  if (bytes.size() < 2) return std::nullopt;
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  WsFrameHeader header;
  header.fin = (byte(0) & 0x80) != 0;
  header.opcode = static_cast<WsOpcode>(byte(0) & 0x0F);
  header.masked = (byte(1) & 0x80) != 0;
  uint64_t length = byte(1) & 0x7F;
  size_t at = 2;
  if (length == 126 || length == 127) {
    const size_t extended = length == 126 ? 2 : 8;  // Network byte order.
    if (bytes.size() < at + extended) return std::nullopt;
    length = 0;
    for (size_t i = 0; i < extended; ++i) length = (length << 8) | byte(at + i);
    at += extended;
  }
  if (header.masked) at += 4;
  if (bytes.size() < at) return std::nullopt;
  header.header_bytes = at;
  header.payload_bytes = length;
  return header;
}

std::string MakeClientWsFrame(WsOpcode opcode, std::string_view payload, uint32_t mask) {
  std::string frame;
  frame.reserve(14 + payload.size());
  frame.push_back(static_cast<char>(0x80 | static_cast<uint8_t>(opcode)));
  const uint64_t length = payload.size();
  if (length < 126) {
    frame.push_back(static_cast<char>(0x80 | length));
  } else if (length <= 0xFFFF) {
    frame.push_back(static_cast<char>(0x80 | 126));
    for (int shift = 8; shift >= 0; shift -= 8) frame.push_back(static_cast<char>((length >> shift) & 0xFF));
  } else {
    frame.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) frame.push_back(static_cast<char>((length >> shift) & 0xFF));
  }
  char key[4];
  for (int i = 0; i < 4; ++i) key[i] = static_cast<char>((mask >> (24 - 8 * i)) & 0xFF);
  frame.append(key, 4);
  for (size_t i = 0; i < payload.size(); ++i) frame.push_back(static_cast<char>(payload[i] ^ key[i % 4]));
  return frame;
}

WsClose ParseWsClose(std::string_view payload) {
  WsClose close;
  if (payload.size() < 2) return close;
  close.code = (static_cast<uint8_t>(payload[0]) << 8) | static_cast<uint8_t>(payload[1]);
  close.reason = std::string(payload.substr(2));
  return close;
}

}  // namespace webcare::bench
