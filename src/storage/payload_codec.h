#pragma once
// Compression of raw payloads (zstd). Every backend stores payloads in this format so a
// database can move between backends without re-encoding.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace webcare::storage {

// Thread-safe; allocates a compression context per call-site thread.
std::string CompressPayload(std::string_view raw);
absl::StatusOr<std::string> DecompressPayload(std::string_view compressed);

}  // namespace webcare::storage
