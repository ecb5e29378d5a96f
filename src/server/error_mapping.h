#pragma once
// The one place where a Status becomes an HTTP response. Every error leaves the server as
// {"error":{"code":"NOT_FOUND","message":"..."}}.

#include "absl/status/status.h"
#include "server/http_types.h"

namespace webcare::server {

int HttpStatusFor(const absl::Status& status);
// "INVALID_ARGUMENT", "NOT_FOUND", ...
const char* ErrorCodeFor(const absl::Status& status);

HttpResponse ErrorResponse(const absl::Status& status);
// For errors that have no Status code of their own (413, 415, 405).
HttpResponse ErrorResponse(int http_status, std::string_view code, std::string_view message);

}  // namespace webcare::server
