#include "base/strings.h"
#include "storage/payload_codec.h"

#include <zstd.h>

#include <memory>


namespace webcare::storage {
namespace {

// Level 3 (zstd's default). Each payload is compressed alone, so small posts (~460 bytes)
// shrink only ~1.4x; a trained dictionary would give ~4.8x (docs/performance.md).
constexpr int kLevel = 3;
constexpr size_t kMaxPayloadBytes = 64 << 20;

struct ContextDeleter {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};

}  // namespace

std::string CompressPayload(std::string_view raw) {
  thread_local std::unique_ptr<ZSTD_CCtx, ContextDeleter> context(ZSTD_createCCtx());
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  const size_t size =
      ZSTD_compressCCtx(context.get(), out.data(), out.size(), raw.data(), raw.size(), kLevel);
  out.resize(ZSTD_isError(size) ? 0 : size);
  return out;
}

absl::StatusOr<std::string> DecompressPayload(std::string_view compressed) {
  const unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxPayloadBytes) {
    return absl::DataLossError("stored payload is not a valid zstd frame");
  }
  std::string out(size, '\0');
  const size_t written = ZSTD_decompress(out.data(), out.size(), compressed.data(), compressed.size());
  if (ZSTD_isError(written)) {
    return absl::DataLossError(base::StrCat("stored payload is corrupt: ", ZSTD_getErrorName(written)));
  }
  out.resize(written);
  return out;
}

}  // namespace webcare::storage
