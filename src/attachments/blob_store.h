#pragma once
// Attachment contents on disk, addressed by their SHA-256: <root>/ab/cd/abcd…(64 hex digits).
// The two-level fan-out keeps folders small. A file is written to <root>/tmp first, flushed to
// disk and renamed into place, so a reader never sees half a file and a crash leaves at most a
// stray temporary file. The same content is stored once.
//
// Thread-safety: every method may be called from any thread. Put and Remove of the same
// content at once are the caller's to order (AttachmentService holds a lock around both).

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace webcare::attachments {

class BlobStore {
 public:
  // `root` is created on first Put.
  explicit BlobStore(std::string root) : root_(std::move(root)) {}

  // Stores `content` unless it is there already; returns its SHA-256 in hex.
  absl::StatusOr<std::string> Put(std::string_view content);
  // NotFound when there is no such content.
  absl::StatusOr<std::string> Get(std::string_view sha256) const;
  bool Contains(std::string_view sha256) const;
  // Deleting content that is not there is fine.
  absl::Status Remove(std::string_view sha256);

  // Where the content with this hash lives; InvalidArgument unless `sha256` is 64 lowercase
  // hex digits (so a name from anywhere cannot point outside the root).
  absl::StatusOr<std::string> PathOf(std::string_view sha256) const;

 private:
  std::string root_;
};

}  // namespace webcare::attachments
