#pragma once
// The /api/v1 endpoints, /healthz and /metrics (docs/api/openapi.yaml).

#include <vector>

#include <nlohmann/json.hpp>

#include "attachments/attachment_service.h"
#include "base/clock.h"
#include "inbox/canned_answers.h"
#include "inbox/follow_ups.h"
#include "inbox/bulk_actions.h"
#include "inbox/inbox_service.h"
#include "inbox/sla_service.h"
#include "inbox/reply_review.h"
#include "ingest/ingestor.h"
#include "realtime/hub.h"
#include "server/auth_service.h"
#include "server/metrics.h"
#include "server/router.h"
#include "storage/store.h"

namespace webcare::server {

struct ApiOptions {
  bool secure_cookies = false;  // Add "Secure" to the session cookie (behind HTTPS).
  size_t max_posts_per_request = 1000;
};

struct ApiServices {
  storage::Store& store;
  AuthService& auth;
  ingest::Ingestor& ingestor;
  Metrics& metrics;
  inbox::InboxService& inbox;
  inbox::FollowUpService& follow_ups;
  realtime::Hub& hub;
  attachments::AttachmentService& attachments;
  inbox::ReplyReview& review;
  inbox::CannedAnswers& canned;
  inbox::LinkTracker& links;
  inbox::BulkActions& bulk;
  inbox::SlaService& sla;
};

// Registers every endpoint on `router`. `services` must outlive the router.
void RegisterApi(Router& router, const ApiServices& services, const ApiOptions& options);

// Streams, teams and routing rules (api_streams.cc); part of RegisterApi.
void RegisterStreams(Router& router, const ApiServices& services);

// Conversations, claims, notes, replies, notifications, people, audit log and the webhook
// setting (api_inbox.cc); part of RegisterApi.
void RegisterInbox(Router& router, const ApiServices& services);
// The conversation list's filters from the query string, as GET /api/v1/conversations reads
// them (api_inbox.cc); the bulk endpoints take the same.
absl::StatusOr<storage::ConversationFilter> ConversationFilterFromQuery(const HttpRequest& request);

// Bulk actions on conversations and undoing a bulk deletion (api_bulk.cc); part of RegisterApi.
void RegisterBulk(Router& router, const ApiServices& services);

// Follow-ups, promises found in replies, escalations and their settings (api_follow_ups.cc);
// part of RegisterApi.
void RegisterFollowUps(Router& router, const ApiServices& services);

// Attachments (upload and download) and four-eyes review of replies: pending replies, approve,
// reject, resubmit and the review settings (api_attachments.cc); part of RegisterApi.
void RegisterAttachments(Router& router, const ApiServices& services);
// body["attachments"] as attachment ids (absent or null: none); InvalidArgument otherwise.
// For the reply endpoints.
absl::StatusOr<std::vector<core::AttachmentId>> ReadAttachmentIds(const nlohmann::json& body);

// Canned answers, the company settings and tracked links, with the public /l/{code} redirect
// (api_canned.cc); part of RegisterApi.
void RegisterCanned(Router& router, const ApiServices& services);
// The conversation's tracked links with their clicks, for the conversation endpoints.
nlohmann::json TrackedLinksJson(const std::vector<core::TrackedLink>& links, const std::string& public_base);

// Business hours, SLA policies and the SLA report (api_sla.cc); part of RegisterApi.
void RegisterSla(Router& router, const ApiServices& services);

}  // namespace webcare::server
