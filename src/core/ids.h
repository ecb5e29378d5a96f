#pragma once
// Strong id types of the domain.

#include "base/strong_id.h"

namespace webcare::core {

using PostId = base::StrongId<struct PostTag>;
using AuthorId = base::StrongId<struct AuthorTag>;
using ContactId = base::StrongId<struct ContactTag>;
using ConversationId = base::StrongId<struct ConversationTag>;
using UserId = base::StrongId<struct UserTag>;
using TeamId = base::StrongId<struct TeamTag>;
using StreamId = base::StrongId<struct StreamTag>;
using ApiTokenId = base::StrongId<struct ApiTokenTag>;
using NoteId = base::StrongId<struct NoteTag>;
using NotificationId = base::StrongId<struct NotificationTag>;
using OutboxId = base::StrongId<struct OutboxTag>;
using AttachmentId = base::StrongId<struct AttachmentTag>;
using FollowUpId = base::StrongId<struct FollowUpTag>;

}  // namespace webcare::core
