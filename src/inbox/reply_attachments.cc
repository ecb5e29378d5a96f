#include "inbox/reply_attachments.h"

#include <algorithm>

#include "base/status.h"
#include "base/strings.h"

namespace webcare::inbox {
namespace {

// "X", "e-mail", "Mastodon": the network as people write it.
std::string Shown(std::string_view network) {
  if (network == "x") return "X";
  if (network == "email") return "e-mail";
  std::string name(network);
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

}  // namespace

bool NetworkCarries(std::string_view network, std::string_view media_type) {
  if (media_type.starts_with("image/")) return true;
  if (media_type == "application/pdf") return network == "email" || network == "forum";
  return false;
}

absl::Status CheckReplyAttachments(storage::Store& store, const Viewer& viewer,
                                   const core::Conversation& conversation,
                                   const std::vector<core::AttachmentId>& attachments,
                                   core::PostId editing) {
  if (attachments.size() > kMaxReplyAttachments) {
    return absl::InvalidArgumentError(base::StrCat("a reply carries at most ", kMaxReplyAttachments,
                                                   " attachments; this one has ", attachments.size()));
  }
  for (size_t i = 0; i < attachments.size(); ++i) {
    const core::AttachmentId id = attachments[i];
    if (std::find(attachments.begin(), attachments.begin() + static_cast<std::ptrdiff_t>(i), id) !=
        attachments.begin() + static_cast<std::ptrdiff_t>(i)) {
      return absl::InvalidArgumentError(base::StrCat("attachment ", id.value(), " is listed twice"));
    }
    auto attachment = store.GetAttachment(id);
    if (absl::IsNotFound(attachment.status()) || (attachment.ok() && attachment->uploaded_by != viewer.user.id)) {
      return absl::InvalidArgumentError(base::StrCat("attachment ", id.value(), " is not one of your uploads"));
    }
    RETURN_IF_ERROR(attachment.status());
    if (attachment->post.valid() && attachment->post != editing) {
      return absl::InvalidArgumentError(base::StrCat(
          "attachment ", id.value(), " (", attachment->name, ") is on another reply already; upload the file again"));
    }
    if (!NetworkCarries(conversation.network, attachment->media_type)) {
      return absl::InvalidArgumentError(base::StrCat(
          attachment->name, " is a PDF document; replies on ", Shown(conversation.network),
          " carry only images (PDF goes by e-mail or on a forum)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace webcare::inbox
