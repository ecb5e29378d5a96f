#pragma once
// Serves the web UI compiled into the binary (web/ built by Vite, embedded at build time).

#include "server/http_types.h"

namespace webcare::server {

// "/" and client-side routes without a file extension get index.html; hashed assets are
// cached for a year; a missing file is a 404.
HttpResponse ServeStaticAsset(const HttpRequest& request);

}  // namespace webcare::server
