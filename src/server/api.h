#pragma once
// The /api/v1 endpoints, /healthz and /metrics (docs/api/openapi.yaml).

#include "base/clock.h"
#include "inbox/inbox_service.h"
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
  realtime::Hub& hub;
};

// Registers every endpoint on `router`. `services` must outlive the router.
void RegisterApi(Router& router, const ApiServices& services, const ApiOptions& options);

// Streams, teams and routing rules (api_streams.cc); part of RegisterApi.
void RegisterStreams(Router& router, const ApiServices& services);

// Conversations, claims, notes, replies, notifications, people, audit log and the webhook
// setting (api_inbox.cc); part of RegisterApi.
void RegisterInbox(Router& router, const ApiServices& services);

}  // namespace webcare::server
