#pragma once
// A post: one message on one channel (a toot, a tweet, a forum reply, an e-mail, a DM).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "core/classification.h"
#include "core/inbox.h"
#include "core/ids.h"
#include "core/review.h"

namespace webcare::core {

// The account a post was written from, as the network shows it.
struct AuthorIdentity {
  AuthorId id;               // Set once stored.
  std::string network;       // "mastodon", "x", "email", ...
  std::string handle;        // Unique per network: "@anna@mastodon.social", "anna@example.nl".
  std::string name;          // Display name; may be empty.
  int64_t followers = 0;     // Reach at the last post seen; -1 when the source did not say.
  std::string url;           // Profile address; may be empty.
  ContactId contact;         // The person behind it, once identity resolution linked one.
};

enum class Direction { kInbound, kOutbound };

struct Attachment {
  std::string url;
  std::string media_type;  // "image/jpeg"; may be empty.
  std::string name;
  // Of a file uploaded to Webcare (attachments/); unset and empty for a network's media.
  AttachmentId id = {};
  int64_t size = 0;
  std::string sha256 = {};
};

// Counters a network reports for a post (likes, reposts, replies, views).
struct PostMetrics {
  int64_t likes = 0;
  int64_t reposts = 0;
  int64_t replies = 0;
  int64_t views = 0;
};

// A post before it is stored: what a connector or an import hands to the store.
struct NewPost {
  std::string network;
  std::string channel;      // The account or source it came in on; with external_id unique.
  std::string external_id;  // The network's id for the post.
  AuthorIdentity author;
  std::string text;
  base::Micros created_at = 0;
  std::string in_reply_to;  // external_id of the parent post on the same channel, if any.
  std::string url;
  std::vector<Attachment> attachments;
  PostMetrics metrics;
  Direction direction = Direction::kInbound;
  bool is_private = false;  // A direct message rather than a public post.
  std::string raw;          // The payload exactly as received; stored compressed.
  // `raw` already compressed with storage::CompressPayload, when the caller could do that off
  // the write path (the importer's parsing thread); empty otherwise.
  std::string raw_compressed;
  // Filled by ingest::Ingestor before the post is stored.
  PostClassification classification;
};

// A stored post.
struct Post {
  PostId id;
  ConversationId conversation;
  std::string network;
  std::string channel;
  std::string external_id;
  AuthorIdentity author;
  std::string text;
  base::Micros created_at = 0;
  base::Micros ingested_at = 0;
  std::string in_reply_to;
  std::string url;
  std::vector<Attachment> attachments;
  PostMetrics metrics;
  Direction direction = Direction::kInbound;
  bool is_private = false;
  PostClassification classification;
  UserId sent_by;                   // The agent who wrote it in Webcare; unset otherwise.
  std::string sent_by_name;
  std::optional<Delivery> delivery;  // Of a reply written in Webcare.
  std::optional<ReplyReview> review = {};  // Of a reply that needed a lead's approval.
};

const char* DirectionName(Direction direction);
std::optional<Direction> ParseDirection(std::string_view name);

}  // namespace webcare::core
