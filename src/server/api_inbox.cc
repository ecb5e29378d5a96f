// The inbox endpoints: conversations as each user may see them, claims, assignment, statuses,
// labels, notes, replies and their delivery, notifications, people, the audit log and the
// webhook channel's setting.

#include <functional>
#include <string_view>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "ingest/outbox/outbox.h"
#include "realtime/hub.h"
#include "server/api.h"
#include "server/api_util.h"
#include "server/error_mapping.h"
#include "server/json_codec.h"

namespace webcare::server {
namespace {

using nlohmann::json;

absl::StatusOr<storage::ConversationFilter> ReadConversationFilter(const HttpRequest& request) {
  storage::ConversationFilter filter;
  ASSIGN_OR_RETURN(filter.page, ReadPage(request));
  if (std::string_view status = request.Query("status"); !status.empty()) {
    filter.status = core::ParseConversationStatus(status);
    if (!filter.status) {
      return absl::InvalidArgumentError("status must be one of new, open, waiting, snoozed, resolved");
    }
  }
  if (std::string_view open = request.Query("open"); !open.empty()) {
    if (open != "1" && open != "0" && open != "true" && open != "false") {
      return absl::InvalidArgumentError("open must be 1 or 0");
    }
    filter.open_only = open == "1" || open == "true";
  }
  filter.network = std::string(request.Query("network"));
  filter.language = std::string(request.Query("language"));
  filter.label = std::string(request.Query("label"));
  if (std::string_view sentiment = request.Query("sentiment"); !sentiment.empty()) {
    if (sentiment != "negative" && sentiment != "neutral" && sentiment != "positive") {
      return absl::InvalidArgumentError("sentiment must be one of negative, neutral, positive");
    }
    filter.sentiment = std::string(sentiment);
  }
  if (std::string_view priority = request.Query("min_priority"); !priority.empty()) {
    if (!base::ParseInt(priority, filter.min_priority) || filter.min_priority < 0 ||
        filter.min_priority > 100) {
      return absl::InvalidArgumentError("min_priority must be a whole number from 0 to 100");
    }
  }
  for (const auto& [name, target] : {std::pair{"stream", 0}, std::pair{"team", 1}}) {
    std::string_view value = request.Query(name);
    if (value.empty()) continue;
    int64_t id = 0;
    if (!base::ParseInt(value, id) || id <= 0) {
      return absl::InvalidArgumentError(base::StrCat(name, " must be a positive whole number (an id)"));
    }
    if (target == 0) filter.stream = core::StreamId(id);
    else filter.team = core::TeamId(id);
  }
  if (std::string_view sort = request.Query("sort"); sort == "priority") {
    filter.order = storage::ConversationOrder::kPriority;
  } else if (sort == "sla") {
    filter.order = storage::ConversationOrder::kSla;  // Soonest SLA due time first.
  } else if (!sort.empty() && sort != "recent") {
    return absl::InvalidArgumentError("sort must be recent, priority or sla");
  }
  if (std::string_view sla = request.Query("sla"); !sla.empty()) {
    filter.sla = core::ParseSlaState(sla);
    if (!filter.sla) return absl::InvalidArgumentError("sla must be one of breached, warning, ok, none");
  }
  ASSIGN_OR_RETURN(filter.query, ReadQuery(request, /*required=*/false));
  return filter;
}

HttpResponse ConversationResponse(const core::Conversation& conversation) {
  return JsonResponse(200, Dump({{"conversation", ToJson(conversation)}}));
}

// body[field] as a user id; 0 (unset) for null.
absl::StatusOr<core::UserId> OptionalUserId(const json& body, const char* field) {
  const auto it = body.find(field);
  if (it == body.end()) return absl::InvalidArgumentError(base::StrCat(field, " is required (an id or null)"));
  if (it->is_null()) return core::UserId();
  if (!it->is_number_integer() || it->get<int64_t>() <= 0) {
    return absl::InvalidArgumentError(base::StrCat(field, " must be a user id or null"));
  }
  return core::UserId(it->get<int64_t>());
}

absl::StatusOr<std::vector<std::string>> StringList(const json& body, const char* field) {
  std::vector<std::string> out;
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return absl::InvalidArgumentError(base::StrCat(field, " must be a list of strings"));
  for (const auto& item : *it) {
    if (!item.is_string()) return absl::InvalidArgumentError(base::StrCat(field, " must be a list of strings"));
    out.push_back(item.get<std::string>());
  }
  return out;
}

absl::StatusOr<inbox::ReplyRequest> ReadReply(const json& body) {
  inbox::ReplyRequest reply;
  ASSIGN_OR_RETURN(reply.text, RequiredString(body, "text"));
  if (const auto it = body.find("private"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return absl::InvalidArgumentError("private must be true or false");
    reply.is_private = it->get<bool>();
  }
  if (const auto it = body.find("signature"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return absl::InvalidArgumentError("signature must be true or false");
    reply.signature = it->get<bool>();
  }
  if (const auto it = body.find("status_after"); it != body.end() && !it->is_null()) {
    const auto status = it->is_string() ? core::ParseConversationStatus(it->get<std::string>()) : std::nullopt;
    if (!status || (*status != core::ConversationStatus::kWaiting && *status != core::ConversationStatus::kOpen &&
                    *status != core::ConversationStatus::kResolved)) {
      return absl::InvalidArgumentError("status_after must be waiting, open or resolved");
    }
    reply.status_after = *status;
  }
  ASSIGN_OR_RETURN(reply.attachments, ReadAttachmentIds(body));  // api_attachments.cc
  if (const auto it = body.find("track_links"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return absl::InvalidArgumentError("track_links must be true or false");
    reply.track_links = it->get<bool>();
  }
  return reply;
}

std::string CsvField(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    out.insert(1, "'");
  }
  return out + "\"";
}

void RegisterConversationReads(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/conversations", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(storage::ConversationFilter filter, ReadConversationFilter(request));
    const auto view = inbox::ParseView(request.Query("view"));
    if (!view) return absl::InvalidArgumentError("view must be one of mine, team, unassigned, all");
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(storage::ConversationList list, services.inbox.List(viewer, *view, std::move(filter)));
    json items = json::array();
    for (const auto& conversation : list.conversations) items.push_back(ToJson(conversation));
    return JsonResponse(200, Dump({{"conversations", std::move(items)},
                                   {"next_cursor", CursorJson(list.next_cursor)}}));
  });
  router.Add("GET", "/api/v1/conversations/counts", core::Role::kViewer,
             [services](const HttpRequest&, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(storage::ViewCounts counts, services.inbox.Counts(viewer));
    return JsonResponse(200, Dump({{"mine", counts.mine}, {"my_teams", counts.my_teams},
                                   {"unassigned", counts.unassigned}, {"all", counts.all}}));
  });
  router.Add("GET", "/api/v1/conversations/{id}", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Conversation conversation, services.inbox.Get(viewer, core::ConversationId(id)));
    ASSIGN_OR_RETURN(std::vector<core::Post> posts, services.store.ListConversationPosts(conversation.id));
    ASSIGN_OR_RETURN(std::vector<core::Note> notes, services.store.ListNotes(conversation.id));
    ASSIGN_OR_RETURN(std::vector<core::TrackedLink> links, services.links.List(conversation.id));
    json post_items = json::array();
    for (const auto& post : posts) post_items.push_back(ToJson(post));
    json note_items = json::array();
    for (const auto& note : notes) note_items.push_back(ToJson(note));
    return JsonResponse(200, Dump({{"conversation", ToJson(conversation)},
                                   {"posts", std::move(post_items)},
                                   {"notes", std::move(note_items)},
                                   {"links", TrackedLinksJson(links, services.links.public_base())},
                                   {"presence", realtime::PresenceJson(services.hub.Presence(conversation.id))}}));
  });
  router.Add("GET", "/api/v1/conversations/{id}/history", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    RETURN_IF_ERROR(services.inbox.Get(viewer, core::ConversationId(id)).status());
    ASSIGN_OR_RETURN(std::vector<core::Event> events, services.store.ListConversationEvents(core::ConversationId(id)));
    json items = json::array();
    for (const auto& event : events) items.push_back(ToJson(event));
    return JsonResponse(200, Dump({{"events", std::move(items)}}));
  });
}

// What one change endpoint does with the caller, the conversation and the request body.
using ConversationChange = std::function<absl::StatusOr<core::Conversation>(
    inbox::InboxService& inbox, const inbox::Viewer& viewer, core::ConversationId id, const json& body)>;

// Registers POST /api/v1/conversations/{id}/<action> for agents, answering
// {"conversation": ...} as it is after the change. With `reads_body` the body must be JSON.
void AddConversationChange(Router& router, const ApiServices& services, std::string_view action,
                           bool reads_body, ConversationChange change) {
  router.Add("POST", base::StrCat("/api/v1/conversations/{id}/", action), core::Role::kAgent,
             [services, reads_body, change](const HttpRequest& request,
                                            const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    json body = json::object();
    if (reads_body) {
      ASSIGN_OR_RETURN(body, ParseBody(request));
    }
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Conversation conversation,
                     change(services.inbox, viewer, core::ConversationId(id), body));
    return ConversationResponse(conversation);
  });
}

void RegisterConversationChanges(Router& router, const ApiServices& services) {
  AddConversationChange(router, services, "claim", /*reads_body=*/false,
                        [](inbox::InboxService& inbox, const inbox::Viewer& viewer, core::ConversationId id,
                           const json&) { return inbox.Claim(viewer, id); });
  AddConversationChange(router, services, "assign", /*reads_body=*/true,
                        [](inbox::InboxService& inbox, const inbox::Viewer& viewer, core::ConversationId id,
                           const json& body) -> absl::StatusOr<core::Conversation> {
    ASSIGN_OR_RETURN(core::UserId assignee, OptionalUserId(body, "user_id"));
    return inbox.Assign(viewer, id, assignee);
  });
  AddConversationChange(router, services, "status", /*reads_body=*/true,
                        [](inbox::InboxService& inbox, const inbox::Viewer& viewer, core::ConversationId id,
                           const json& body) -> absl::StatusOr<core::Conversation> {
    ASSIGN_OR_RETURN(std::string name, RequiredString(body, "status"));
    const auto status = core::ParseConversationStatus(name);
    if (!status) return absl::InvalidArgumentError("status must be one of open, waiting, snoozed, resolved");
    base::Micros until = 0;
    if (*status == core::ConversationStatus::kSnoozed) {
      ASSIGN_OR_RETURN(std::string text, RequiredString(body, "snoozed_until"));
      auto parsed = base::ParseRfc3339(text);
      if (!parsed.ok()) return absl::InvalidArgumentError("snoozed_until must be an RFC 3339 time");
      until = *parsed;
    }
    return inbox.SetStatus(viewer, id, *status, until);
  });
  AddConversationChange(router, services, "labels", /*reads_body=*/true,
                        [](inbox::InboxService& inbox, const inbox::Viewer& viewer, core::ConversationId id,
                           const json& body) -> absl::StatusOr<core::Conversation> {
    if (!body.is_object()) return absl::InvalidArgumentError("send {\"add\": [...], \"remove\": [...]}");
    ASSIGN_OR_RETURN(std::vector<std::string> add, StringList(body, "add"));
    ASSIGN_OR_RETURN(std::vector<std::string> remove, StringList(body, "remove"));
    return inbox.ChangeLabels(viewer, id, std::move(add), std::move(remove));
  });
  AddConversationChange(router, services, "team", /*reads_body=*/true,
                        [](inbox::InboxService& inbox, const inbox::Viewer& viewer, core::ConversationId id,
                           const json& body) -> absl::StatusOr<core::Conversation> {
    const auto team = body.find("team_id");
    if (team == body.end() || !(team->is_null() || (team->is_number_integer() && team->get<int64_t>() > 0))) {
      return absl::InvalidArgumentError("team_id is required (a team id or null)");
    }
    return inbox.SetTeam(viewer, id, team->is_null() ? core::TeamId() : core::TeamId(team->get<int64_t>()));
  });
  AddConversationChange(router, services, "experts", /*reads_body=*/true,
                        [](inbox::InboxService& inbox, const inbox::Viewer& viewer, core::ConversationId id,
                           const json& body) -> absl::StatusOr<core::Conversation> {
    ASSIGN_OR_RETURN(core::UserId expert, OptionalUserId(body, "user_id"));
    return inbox.AddExpert(viewer, id, expert);
  });
  router.Add("POST", "/api/v1/conversations/{id}/notes", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string text, RequiredString(body, "text"));
    std::vector<core::UserId> mentions;
    if (const auto it = body.find("mentions"); it != body.end() && !it->is_null()) {
      if (!it->is_array()) return absl::InvalidArgumentError("mentions must be a list of user ids");
      for (const auto& item : *it) {
        if (!item.is_number_integer() || item.get<int64_t>() <= 0) {
          return absl::InvalidArgumentError("mentions must be a list of user ids");
        }
        mentions.emplace_back(item.get<int64_t>());
      }
    }
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Note note,
                     services.inbox.AddNote(viewer, core::ConversationId(id), std::move(text), std::move(mentions)));
    return JsonResponse(201, Dump({{"note", ToJson(note)}}));
  });
}

void RegisterReplies(Router& router, const ApiServices& services) {
  router.Add("POST", "/api/v1/conversations/{id}/replies", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(inbox::ReplyRequest reply, ReadReply(body));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Post post, services.inbox.Reply(viewer, core::ConversationId(id), reply));
    return JsonResponse(201, Dump({{"post", ToJson(post)}}));
  });
  router.Add("POST", "/api/v1/replies/measure", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    const auto id = body.find("conversation_id");
    if (id == body.end() || !id->is_number_integer() || id->get<int64_t>() <= 0) {
      return absl::InvalidArgumentError("conversation_id is required (an id)");
    }
    ASSIGN_OR_RETURN(inbox::ReplyRequest reply, ReadReply(body));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(inbox::MeasuredReply measured,
                     services.inbox.Measure(viewer, core::ConversationId(id->get<int64_t>()), reply));
    return JsonResponse(200, Dump({{"count", measured.length.count},
                                   {"limit", measured.length.limit},
                                   {"counting", measured.length.counting},
                                   {"fits", measured.length.fits()},
                                   {"text", measured.text}}));
  });
  router.Add("POST", "/api/v1/outbox/{id}/retry", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    RETURN_IF_ERROR(services.inbox.RetryDelivery(viewer, core::OutboxId(id)));
    return JsonResponse(200, R"({"state":"pending"})");
  });
  router.Add("GET", "/api/v1/settings/webhook", core::Role::kAdmin,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    auto target = ingest::LoadWebhookTarget(services.store);
    if (absl::IsNotFound(target.status())) return JsonResponse(200, R"({"url":null,"secret_set":false})");
    if (!target.ok()) return target.status();
    // The secret is never shown again; only whether one is set.
    return JsonResponse(200, Dump({{"url", target->url}, {"secret_set", !target->secret.empty()}}));
  });
  router.Add("PUT", "/api/v1/settings/webhook", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string url, RequiredString(body, "url"));
    ASSIGN_OR_RETURN(std::string secret, RequiredString(body, "secret"));
    RETURN_IF_ERROR(ingest::SaveWebhookTarget(services.store, {.url = url, .secret = secret}));
    return JsonResponse(200, Dump({{"url", url}, {"secret_set", true}}));
  });
}

void RegisterPeople(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/people", core::Role::kAgent,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(std::vector<core::User> users, services.store.ListUsers());
    json people = json::array();
    for (const core::User& user : users) {
      if (user.disabled) continue;
      ASSIGN_OR_RETURN(std::vector<core::TeamId> teams, services.store.ListUserTeams(user.id));
      json team_ids = json::array();
      for (const auto team : teams) team_ids.push_back(team.value());
      json person = ToJson(user);
      person["teams"] = std::move(team_ids);
      people.push_back(std::move(person));
    }
    return JsonResponse(200, Dump({{"people", std::move(people)}}));
  });
  for (const char* method : {"PUT", "DELETE"}) {
    const bool member = std::string_view(method) == "PUT";
    router.Add(method, "/api/v1/teams/{id}/members/{user_id}", core::Role::kAdmin,
               [services, member](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
      ASSIGN_OR_RETURN(int64_t team, PathId(request, "id"));
      ASSIGN_OR_RETURN(int64_t user, PathId(request, "user_id"));
      RETURN_IF_ERROR(services.store.SetTeamMember(core::TeamId(team), core::UserId(user), member));
      HttpResponse response;
      response.status = 204;
      return response;
    });
  }
  router.Add("GET", "/api/v1/notifications", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    const bool unread_only = request.Query("unread") == "1" || request.Query("unread") == "true";
    ASSIGN_OR_RETURN(auto notifications, services.store.ListNotifications(principal->user.id, unread_only, 100));
    ASSIGN_OR_RETURN(const int64_t unread, services.store.CountUnreadNotifications(principal->user.id));
    json items = json::array();
    for (const auto& notification : notifications) items.push_back(ToJson(notification));
    return JsonResponse(200, Dump({{"notifications", std::move(items)}, {"unread", unread}}));
  });
  router.Add("POST", "/api/v1/notifications/read", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    const auto up_to = body.find("up_to");
    if (up_to == body.end() || !up_to->is_number_integer()) {
      return absl::InvalidArgumentError("up_to is required (a notification id)");
    }
    RETURN_IF_ERROR(services.store.MarkNotificationsRead(principal->user.id,
                                                         core::NotificationId(up_to->get<int64_t>())));
    HttpResponse response;
    response.status = 204;
    return response;
  });
}

void RegisterAudit(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/audit", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    storage::AuditFilter filter;
    ASSIGN_OR_RETURN(filter.page, ReadPage(request));
    if (std::string_view user = request.Query("user"); !user.empty()) {
      int64_t id = 0;
      if (!base::ParseInt(user, id) || id <= 0) return absl::InvalidArgumentError("user must be a user id");
      filter.user = core::UserId(id);
    }
    if (std::string_view since = request.Query("since"); !since.empty()) {
      auto parsed = base::ParseRfc3339(since);
      if (!parsed.ok()) return absl::InvalidArgumentError("since must be an RFC 3339 time");
      filter.since = *parsed;
    }
    const std::string_view format = request.Query("format");
    if (!format.empty() && format != "json" && format != "csv") {
      return absl::InvalidArgumentError("format must be json or csv");
    }
    ASSIGN_OR_RETURN(storage::AuditList list, services.store.ListAudit(filter));
    if (format == "csv") {
      HttpResponse response;
      response.content_type = "text/csv; charset=utf-8";
      response.AddHeader("Content-Disposition", "attachment; filename=\"webcare-audit.csv\"");
      response.body = "id,at,user_id,user,remote_address,action,target,status\n";
      for (const auto& entry : list.entries) {
        base::StrAppend(response.body, entry.id, ",", base::FormatRfc3339(entry.at), ",", entry.user.value(), ",",
                        CsvField(entry.user_name), ",", CsvField(entry.remote_address), ",",
                        CsvField(entry.action), ",", CsvField(entry.target), ",", entry.status, "\n");
      }
      if (!list.next_cursor.empty()) response.AddHeader("X-Next-Cursor", list.next_cursor);
      return response;
    }
    json items = json::array();
    for (const auto& entry : list.entries) {
      items.push_back({{"id", entry.id},
                       {"at", base::FormatRfc3339(entry.at)},
                       {"user", entry.user.valid() ? json{{"id", entry.user.value()}, {"name", entry.user_name}}
                                                   : json(nullptr)},
                       {"remote_address", entry.remote_address},
                       {"action", entry.action},
                       {"target", entry.target},
                       {"status", entry.status}});
    }
    return JsonResponse(200, Dump({{"entries", std::move(items)}, {"next_cursor", CursorJson(list.next_cursor)}}));
  });
}

}  // namespace

absl::StatusOr<storage::ConversationFilter> ConversationFilterFromQuery(const HttpRequest& request) {
  return ReadConversationFilter(request);
}

void RegisterInbox(Router& router, const ApiServices& services) {
  RegisterConversationReads(router, services);
  RegisterConversationChanges(router, services);
  RegisterReplies(router, services);
  RegisterPeople(router, services);
  RegisterAudit(router, services);
}

}  // namespace webcare::server
