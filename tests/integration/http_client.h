#pragma once
// A minimal blocking HTTP/1.1 client for the integration tests: one connection per request.

#include <cstdint>
#include <map>
#include <string>

namespace webcare::testing {

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // Names in lower case; repeated: last wins.
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

struct Request {
  std::string method = "GET";
  std::string target = "/";
  std::map<std::string, std::string> headers;
  std::string body;
};

// Sends `request` to 127.0.0.1:`port`; status 0 when the connection failed.
Response Send(uint16_t port, const Request& request);

}  // namespace webcare::testing
