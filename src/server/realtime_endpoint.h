#pragma once
// GET /api/v1/realtime: the WebSocket every open screen keeps (docs/realtime.md). It is
// authenticated like any API call; a browser's cookie session must also come from the same
// origin, so another site cannot open it with the user's cookie.

#include "inbox/inbox_service.h"
#include "realtime/hub.h"
#include "server/auth_service.h"
#include "server/websocket.h"

namespace webcare::server {

inline constexpr char kRealtimePath[] = "/api/v1/realtime";

// All three must outlive the server.
WebSocketAcceptor RealtimeAcceptor(AuthService& auth, inbox::InboxService& inbox, realtime::Hub& hub);

}  // namespace webcare::server
