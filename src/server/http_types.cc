#include "server/http_types.h"

#include "base/strings.h"

namespace webcare::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view HttpRequest::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view HttpRequest::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string_view() : std::string_view(it->second);
}

std::string HttpRequest::Cookie(std::string_view name) const {
  for (std::string_view pair : base::Split(Header("cookie"), ';')) {
    pair = Trim(pair);
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
  }
  return "";
}

std::string ClientAddress(const HttpRequest& request, bool behind_trusted_proxy) {
  if (!behind_trusted_proxy) return request.remote_address;
  const std::vector<std::string_view> hops = base::Split(request.Header("x-forwarded-for"), ',');
  const std::string_view last = Trim(hops.back());
  return last.empty() ? request.remote_address : std::string(last);
}

bool PercentDecode(std::string_view text, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return false;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

bool ParseQueryString(std::string_view text, std::map<std::string, std::string>& out) {
  if (text.empty()) return true;
  for (std::string_view pair : base::Split(text, '&')) {
    if (pair.empty()) continue;
    const size_t equals = pair.find('=');
    std::string key, value;
    if (!PercentDecode(pair.substr(0, equals), true, key)) return false;
    if (equals != std::string_view::npos && !PercentDecode(pair.substr(equals + 1), true, value)) {
      return false;
    }
    out[std::move(key)] = std::move(value);
  }
  return true;
}

}  // namespace webcare::server
