#pragma once
// Transport-neutral request and response, so handlers and the router can be tested without a
// socket and never see Boost types.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/people.h"

namespace webcare::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // Decoded path without the query string.
  std::map<std::string, std::string> query;  // Decoded; the last value wins for repeated keys.
  std::map<std::string, std::string> headers;  // Names in lower case.
  std::string body;
  std::string remote_address;
  // When the server had read the whole request; unset for a request made in-process. The time
  // until a handler starts on it is its wait for a free handler thread (/metrics).
  std::optional<std::chrono::steady_clock::time_point> received_at;

  // Filled by the router.
  std::map<std::string, std::string> path_params;

  std::string_view Header(std::string_view name) const;
  std::string_view Query(std::string_view name) const;
  // The value of cookie `name`, or empty.
  std::string Cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Who is calling, once authenticated.
struct Principal {
  core::User user;
  bool via_session_cookie = false;  // false: bearer token.
  std::string session_token_hash;   // Set when via_session_cookie.
  std::string csrf_token;           // Set when via_session_cookie.
};

// The client's address: the connection's peer, or, behind a trusted reverse proxy, the last
// address that proxy appended to X-Forwarded-For (earlier entries are client-supplied).
std::string ClientAddress(const HttpRequest& request, bool behind_trusted_proxy);

// Parses "a=1&b=x%20y" into decoded pairs; false on malformed percent-encoding.
bool ParseQueryString(std::string_view text, std::map<std::string, std::string>& out);
// Decodes %XX (and '+' as space when `plus_is_space`); false on malformed input.
bool PercentDecode(std::string_view text, bool plus_is_space, std::string& out);

}  // namespace webcare::server
