#include "server/static_assets.h"

#include <span>

#include "base/embedded_file.h"
#include "base/strings.h"

namespace webcare::server {

namespace web {
// Defined in the generated web_embedded.cc.
std::span<const base::EmbeddedFile> EmbeddedFiles();
}  // namespace web

namespace {

const char* ContentType(std::string_view path) {
  const size_t dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "json" || ext == "webmanifest") return "application/json";
  if (ext == "woff2") return "font/woff2";
  return "application/octet-stream";
}

const base::EmbeddedFile* Find(std::string_view path) {
  for (const auto& file : web::EmbeddedFiles()) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

}  // namespace

HttpResponse ServeStaticAsset(const HttpRequest& request) {
  std::string_view path = request.path;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  const bool has_extension = path.rfind('.') != std::string_view::npos &&
                             path.rfind('.') > (path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/'));
  const base::EmbeddedFile* file = nullptr;
  if (path.find("..") == std::string_view::npos) file = Find(path.empty() ? "index.html" : path);
  if (file == nullptr && !has_extension) file = Find("index.html");  // Client-side route.
  HttpResponse response;
  if (file == nullptr) {
    response.status = 404;
    response.content_type = "text/plain; charset=utf-8";
    response.body = web::EmbeddedFiles().empty()
                        ? "The web UI was not built into this binary (configure with WEBCARE_BUILD_WEB=ON).\n"
                        : "Not found\n";
    return response;
  }
  response.content_type = ContentType(file->path);
  response.body = std::string(file->data);
  if (file->path.starts_with("assets/")) {
    response.AddHeader("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    response.AddHeader("Cache-Control", "no-cache");
  }
  if (file->path.ends_with(".html")) {
    response.AddHeader("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                       "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                       "form-action 'self'");
  }
  return response;
}

}  // namespace webcare::server
