#pragma once
// Files agents attach to replies: upload with limits (size, and type sniffed from the content),
// content-addressed storage on disk (BlobStore) with the metadata in the store, downloads only
// for those who may see them, and removal of uploads never attached to a reply.
//
// Who may download an attachment: its uploader while it is attached to nothing; once it is on a
// reply, everyone who may see that reply's conversation (inbox::Viewer). Anyone else is told it
// does not exist.
//
// Thread-safety: every method may be called from any thread.

#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "attachments/blob_store.h"
#include "attachments/content_type.h"
#include "base/clock.h"
#include "core/review.h"
#include "inbox/inbox_service.h"
#include "storage/store.h"

namespace webcare::attachments {

struct AttachmentOptions {
  int64_t max_bytes = 10 * 1024 * 1024;  // 10 MiB; `webcare serve --max-attachment-mb`.
  // Uploads not attached to a reply within this time are removed.
  base::Micros keep_unattached = 24 * 3600 * base::kMicrosPerSecond;
};

// Why an upload is refused, before anything is stored; the API turns these into 400, 413, 415.
enum class UploadProblem { kNone, kEmpty, kTooLarge, kUnsupportedType };

struct Inspection {
  UploadProblem problem = UploadProblem::kNone;
  std::string message;  // A sentence for the agent when there is a problem.
  ContentType type;     // When there is none.
};

struct Download {
  core::StoredAttachment attachment;
  std::string content;
};

class AttachmentService {
 public:
  // All must outlive the service.
  AttachmentService(storage::Store& store, BlobStore& blobs, inbox::InboxService& inbox,
                    const base::Clock& clock, AttachmentOptions options = {});

  const AttachmentOptions& options() const { return options_; }

  // Size and type of `content`, checked without storing anything.
  Inspection Inspect(std::string_view content) const;
  // Stores the upload as the viewer's (agents and up). InvalidArgument when Inspect finds a
  // problem; PermissionDenied for viewers.
  absl::StatusOr<core::StoredAttachment> Upload(const inbox::Viewer& viewer, std::string_view file_name,
                                                std::string_view content);
  // The attachment and its bytes; NotFound when it does not exist or the viewer may not see it.
  absl::StatusOr<Download> Open(const inbox::Viewer& viewer, core::AttachmentId id);
  // Deletes uploads older than options().keep_unattached that were never attached, and the
  // files nobody refers to any more. Returns how many files were deleted. For a chore.
  absl::StatusOr<int64_t> RemoveUnattached();

 private:
  storage::Store& store_;
  BlobStore& blobs_;
  inbox::InboxService& inbox_;
  const base::Clock& clock_;
  const AttachmentOptions options_;
  // Held from writing a file until its row exists, and while deleting rows and then files, so
  // the chore never deletes a file that an upload just found already there.
  std::mutex files_mutex_;
};

// "3.4 MB", "820 KB": a size as people read it.
std::string HumanSize(int64_t bytes);

}  // namespace webcare::attachments
