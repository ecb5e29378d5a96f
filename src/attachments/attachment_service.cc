#include "attachments/attachment_service.h"

#include <cstdio>

#include "attachments/file_name.h"
#include "base/status.h"
#include "base/strings.h"
#include "spdlog/spdlog.h"

namespace webcare::attachments {
namespace {

absl::Status NotFound(core::AttachmentId id) {
  return absl::NotFoundError(base::StrCat("attachment ", id.value(), " not found"));
}

}  // namespace

std::string HumanSize(int64_t bytes) {
  char text[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else if (bytes >= 1024) {
    std::snprintf(text, sizeof text, "%lld KB", static_cast<long long>((bytes + 1023) / 1024));
  } else {
    std::snprintf(text, sizeof text, "%lld bytes", static_cast<long long>(bytes));
  }
  return text;
}

AttachmentService::AttachmentService(storage::Store& store, BlobStore& blobs, inbox::InboxService& inbox,
                                     const base::Clock& clock, AttachmentOptions options)
    : store_(store), blobs_(blobs), inbox_(inbox), clock_(clock), options_(options) {}

Inspection AttachmentService::Inspect(std::string_view content) const {
  Inspection inspection;
  if (content.empty()) {
    inspection.problem = UploadProblem::kEmpty;
    inspection.message = "the file is empty; send its content as the request body";
    return inspection;
  }
  if (static_cast<int64_t>(content.size()) > options_.max_bytes) {
    inspection.problem = UploadProblem::kTooLarge;
    inspection.message = base::StrCat("the file is ", HumanSize(static_cast<int64_t>(content.size())),
                                      "; attachments are at most ", HumanSize(options_.max_bytes));
    return inspection;
  }
  const auto type = SniffContentType(content);
  if (!type) {
    inspection.problem = UploadProblem::kUnsupportedType;
    inspection.message = base::StrCat("only ", kAcceptedTypes, " can be attached; this file is ",
                                      DescribeRefusedContent(content));
    return inspection;
  }
  inspection.type = *type;
  return inspection;
}

absl::StatusOr<core::StoredAttachment> AttachmentService::Upload(const inbox::Viewer& viewer,
                                                                 std::string_view file_name,
                                                                 std::string_view content) {
  if (!core::RoleAtLeast(viewer.user.role, core::Role::kAgent)) {
    return absl::PermissionDeniedError("viewers cannot upload attachments");
  }
  const Inspection inspection = Inspect(content);
  if (inspection.problem != UploadProblem::kNone) return absl::InvalidArgumentError(inspection.message);
  std::lock_guard lock(files_mutex_);
  ASSIGN_OR_RETURN(const std::string sha256, blobs_.Put(content));
  return store_.AddAttachment({.sha256 = sha256,
                               .size = static_cast<int64_t>(content.size()),
                               .media_type = std::string(inspection.type.media_type),
                               .name = SanitiseFileName(file_name, inspection.type),
                               .uploaded_by = viewer.user.id});
}

absl::StatusOr<Download> AttachmentService::Open(const inbox::Viewer& viewer, core::AttachmentId id) {
  ASSIGN_OR_RETURN(core::StoredAttachment attachment, store_.GetAttachment(id));
  if (!attachment.post.valid()) {
    if (attachment.uploaded_by != viewer.user.id) return NotFound(id);
  } else {
    // Same answer as for a missing one: who may not see the conversation learns nothing.
    auto conversation = inbox_.Get(viewer, attachment.conversation);
    if (absl::IsPermissionDenied(conversation.status()) || absl::IsNotFound(conversation.status())) {
      return NotFound(id);
    }
    RETURN_IF_ERROR(conversation.status());
  }
  auto content = blobs_.Get(attachment.sha256);
  if (absl::IsNotFound(content.status())) {
    return absl::InternalError(base::StrCat("the file of attachment ", id.value(), " is missing from the data folder"));
  }
  RETURN_IF_ERROR(content.status());
  return Download{.attachment = std::move(attachment), .content = std::move(*content)};
}

absl::StatusOr<int64_t> AttachmentService::RemoveUnattached() {
  std::lock_guard lock(files_mutex_);
  ASSIGN_OR_RETURN(const std::vector<std::string> unused,
                   store_.DeleteUnattachedAttachments(clock_.NowMicros() - options_.keep_unattached, 1000));
  int64_t removed = 0;
  for (const std::string& sha256 : unused) {
    if (absl::Status deleted = blobs_.Remove(sha256); !deleted.ok()) {
      // The row is gone; a file left behind only costs space.
      spdlog::warn("attachments: {}", deleted.ToString());
      continue;
    }
    ++removed;
  }
  return removed;
}

}  // namespace webcare::attachments
