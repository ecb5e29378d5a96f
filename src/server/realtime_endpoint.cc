#include "server/realtime_endpoint.h"

#include "base/strings.h"
#include "server/error_mapping.h"

namespace webcare::server {
namespace {

// The hub's view of one WebSocket.
class ChannelClient final : public realtime::Client {
 public:
  explicit ChannelClient(std::shared_ptr<WebSocketChannel> channel) : channel_(std::move(channel)) {}
  bool Send(std::shared_ptr<const std::string> message) override {
    return channel_->Send(std::move(message));
  }

 private:
  std::shared_ptr<WebSocketChannel> channel_;
};

class HubSession final : public WebSocketSession {
 public:
  HubSession(realtime::Hub& hub, int64_t id) : hub_(hub), id_(id) {}
  void OnMessage(std::string_view text) override { hub_.OnMessage(id_, text); }
  void OnClose() override { hub_.Disconnect(id_); }

 private:
  realtime::Hub& hub_;
  const int64_t id_;
};

// "https://webcare.example.org" -> "webcare.example.org"; the Origin's host and port.
std::string_view OriginHost(std::string_view origin) {
  const size_t scheme = origin.find("://");
  return scheme == std::string_view::npos ? std::string_view() : origin.substr(scheme + 3);
}

}  // namespace

WebSocketAcceptor RealtimeAcceptor(AuthService& auth, inbox::InboxService& inbox, realtime::Hub& hub) {
  return [&auth, &inbox, &hub](const HttpRequest& request, std::shared_ptr<WebSocketChannel> channel)
             -> std::variant<std::shared_ptr<WebSocketSession>, HttpResponse> {
    auto principal = auth.Authenticate(request);
    if (!principal.ok()) return ErrorResponse(principal.status());
    // Browsers send cookies with cross-site WebSocket handshakes; the Origin tells them apart.
    if (principal->via_session_cookie) {
      const std::string_view host = request.Header("host");
      if (host.empty() || OriginHost(request.Header("origin")) != host) {
        return ErrorResponse(absl::PermissionDeniedError("the realtime feed only accepts this site's own pages"));
      }
    }
    std::optional<int64_t> since;
    if (std::string_view text = request.Query("since"); !text.empty()) {
      int64_t value = 0;
      if (!base::ParseInt(text, value) || value < 0) {
        return ErrorResponse(absl::InvalidArgumentError("since must be the seq of the last event seen"));
      }
      since = value;
    }
    auto viewer = inbox.ViewerFor(principal->user);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    const int64_t id = hub.Connect(std::move(*viewer), std::make_shared<ChannelClient>(std::move(channel)), since);
    return std::make_shared<HubSession>(hub, id);
  };
}

}  // namespace webcare::server
