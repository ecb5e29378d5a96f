#pragma once
// What the inbox benchmark's clients read off the wire: the WebSocket framing they need (RFC
// 6455, section 5: the server's frames, and the few control frames a client sends), and the
// few keys of the realtime feed's messages (docs/realtime.md) they record. The
// clients read the frames themselves instead of through Boost.Beast, because at 140 MB/s of
// events Beast's UTF-8 check and read machinery took a sixth of a core on the two cores the
// server shares with them (bench/README.md, "Inbox"). They measure when events arrive and
// never look at their text beyond the keys they need.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace webcare::bench {

// What one message is; `seq` and `post_id` are 0 when absent. Messages are not parsed as JSON:
// at hundreds of thousands of messages a second that would cost the clients more than the
// server spends. The server writes object keys in sorted order, so "type" is the last key of
// every message and the top-level "seq" the last "seq"; strings escape their quotes, so
// `"post_ids":[` can only be the key.
struct WsMessage {
  std::string_view type;
  int64_t seq = 0;
  int64_t post_id = 0;
};
WsMessage ScanMessage(std::string_view text);
// The messages of a {"messages":[...],"type":"batch"} frame, as views into `text`.
std::vector<std::string_view> SplitBatch(std::string_view text);

enum class WsOpcode : uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

// The header of one frame at the start of a byte buffer.
struct WsFrameHeader {
  bool fin = false;
  WsOpcode opcode = WsOpcode::kText;
  size_t header_bytes = 0;   // Where the payload starts.
  uint64_t payload_bytes = 0;
  bool masked = false;       // A server must not mask (section 5.1).
};

// The header at the start of `bytes`, or nullopt when more bytes are needed to know it.
std::optional<WsFrameHeader> ParseWsFrameHeader(std::string_view bytes);

// A client's frame: FIN set, masked with `mask` as section 5.3 requires of clients.
std::string MakeClientWsFrame(WsOpcode opcode, std::string_view payload, uint32_t mask);

// The close code and reason of a close frame's payload (1005: none given).
struct WsClose {
  int code = 1005;
  std::string reason;
};
WsClose ParseWsClose(std::string_view payload);

}  // namespace webcare::bench
