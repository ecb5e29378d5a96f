#pragma once
// Four-eyes review of replies: when a team (or one agent) is set to "replies need approval",
// an agent's reply is stored at once but leaves through the outbox only after a lead approved
// it (inbox/reply_review.h). And the uploaded files replies carry (attachments/).

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "core/ids.h"

namespace webcare::core {

enum class ReviewState { kPending, kApproved, kRejected };

inline const char* ReviewStateName(ReviewState state) {
  switch (state) {
    case ReviewState::kPending:
      return "pending";
    case ReviewState::kApproved:
      return "approved";
    case ReviewState::kRejected:
      return "rejected";
  }
  return "pending";
}

inline std::optional<ReviewState> ParseReviewState(std::string_view name) {
  if (name == "pending") return ReviewState::kPending;
  if (name == "approved") return ReviewState::kApproved;
  if (name == "rejected") return ReviewState::kRejected;
  return std::nullopt;
}

// Where a reply that needed approval stands. Kept after approval, so the thread can say who
// approved it.
struct ReplyReview {
  ReviewState state = ReviewState::kPending;
  UserId author;               // Who wrote the reply (and may edit and resend it when rejected).
  base::Micros requested_at = 0;  // When it was (last) sent for approval.
  UserId reviewer;             // Who approved or rejected it; unset while pending.
  std::string reviewer_name;   // Filled when read.
  base::Micros reviewed_at = 0;
  std::string reason;          // Why it was rejected.
};

// An uploaded file as the database knows it. The bytes live on disk under their SHA-256
// (attachments/blob_store.h); the same content uploaded twice is stored once.
struct StoredAttachment {
  AttachmentId id;
  std::string sha256;      // 64 lowercase hex digits.
  int64_t size = 0;        // Bytes.
  std::string media_type;  // Sniffed from the content, never the client's word: "image/png".
  std::string name;        // The uploader's file name, sanitised (attachments/file_name.h).
  UserId uploaded_by;
  base::Micros created_at = 0;
  PostId post;                 // The reply it is attached to; unset until then.
  ConversationId conversation;  // Of that reply.
};

}  // namespace webcare::core
