#pragma once
// Which uploads a reply may carry (docs/api/README.md, "Attachments"). Kept simple on purpose:
// at most kMaxReplyAttachments files; images (PNG, JPEG, GIF, WebP) on every network; PDF
// documents only where the network carries documents (e-mail and forums). The social
// networks' finer rules (X: four images or one video) are left to their connectors.

#include <cstddef>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "core/conversation.h"
#include "core/ids.h"
#include "inbox/inbox_service.h"
#include "storage/store.h"

namespace webcare::inbox {

inline constexpr size_t kMaxReplyAttachments = 4;

// True when a reply on `network` may carry a file of `media_type`.
bool NetworkCarries(std::string_view network, std::string_view media_type);

// InvalidArgument, with a sentence for the agent, unless every one of `attachments` is an
// upload of the viewer that is not on another reply than `editing` (unset for a new reply),
// and the set fits the rules above for the conversation's network. The store checks
// ownership again when it attaches them, in the same transaction.
absl::Status CheckReplyAttachments(storage::Store& store, const Viewer& viewer,
                                   const core::Conversation& conversation,
                                   const std::vector<core::AttachmentId>& attachments,
                                   core::PostId editing = core::PostId());

}  // namespace webcare::inbox
