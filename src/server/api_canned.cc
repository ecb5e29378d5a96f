// Canned answers, the company settings they use, and tracked links: the short links that
// replace links in replies, followed by customers at /l/{code} without signing in
// (docs/canned-answers.md).

#include <string_view>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "inbox/company_settings.h"
#include "server/api.h"
#include "server/api_util.h"
#include "server/json_codec.h"

namespace webcare::server {
namespace {

using nlohmann::json;

constexpr size_t kDefaultLimit = 50;
constexpr size_t kMaxLimit = 200;

json OptionalTime(base::Micros time) { return time ? json(base::FormatRfc3339(time)) : json(nullptr); }

json PersonOrNull(core::UserId id, const std::string& name) {
  return id.valid() ? json{{"id", id.value()}, {"name", name}} : json(nullptr);
}

json AnswerJson(const core::CannedAnswer& answer) {
  return {{"id", answer.id.value()},
          {"team", answer.team.valid() ? json{{"id", answer.team.value()}, {"name", answer.team_name}}
                                       : json(nullptr)},
          {"title", answer.title},
          {"shortcut", answer.shortcut},
          {"body", answer.body},
          {"network", answer.network.empty() ? json(nullptr) : json(answer.network)},
          {"created_by", PersonOrNull(answer.created_by, answer.created_by_name)},
          {"created_at", base::FormatRfc3339(answer.created_at)},
          {"updated_by", PersonOrNull(answer.updated_by, answer.updated_by_name)},
          {"updated_at", base::FormatRfc3339(answer.updated_at)},
          {"usage_count", answer.usage_count},
          {"last_used_at", OptionalTime(answer.last_used_at)}};
}

// {title, shortcut, body, team_id (id or null), network (string or null)}; every field is
// required on create and update alike, so an update never keeps a field by accident.
absl::StatusOr<inbox::CannedAnswerInput> ReadAnswerInput(const HttpRequest& request) {
  ASSIGN_OR_RETURN(json body, ParseBody(request));
  inbox::CannedAnswerInput input;
  ASSIGN_OR_RETURN(input.title, RequiredString(body, "title"));
  ASSIGN_OR_RETURN(input.shortcut, RequiredString(body, "shortcut"));
  ASSIGN_OR_RETURN(input.body, RequiredString(body, "body"));
  if (const auto team = body.find("team_id"); team != body.end() && !team->is_null()) {
    if (!team->is_number_integer() || team->get<int64_t>() <= 0) {
      return absl::InvalidArgumentError("team_id must be a team id, or null for a company-wide answer");
    }
    input.team = core::TeamId(team->get<int64_t>());
  }
  if (const auto network = body.find("network"); network != body.end() && !network->is_null()) {
    if (!network->is_string()) {
      return absl::InvalidArgumentError("network must be a network name such as x, or null for every network");
    }
    input.network = network->get<std::string>();
  }
  return input;
}

// The conversation named by body["conversation_id"] (optional unless `required`), if the
// viewer may see it; nullopt when absent.
absl::StatusOr<std::optional<core::Conversation>> ReadConversation(const ApiServices& services,
                                                                   const inbox::Viewer& viewer,
                                                                   const json& body, bool required) {
  const auto id = body.find("conversation_id");
  if (id == body.end() || id->is_null()) {
    if (required) return absl::InvalidArgumentError("conversation_id is required (an id)");
    return std::nullopt;
  }
  if (!id->is_number_integer() || id->get<int64_t>() <= 0) {
    return absl::InvalidArgumentError("conversation_id must be a conversation id");
  }
  ASSIGN_OR_RETURN(core::Conversation conversation,
                   services.inbox.Get(viewer, core::ConversationId(id->get<int64_t>())));
  return conversation;
}

json CompanyJson(const inbox::CompanySettings& settings, const std::string& public_base) {
  return {{"name", settings.name},
          {"track_links", settings.track_links},
          // Read-only: set with `webcare serve --public-url` (docs/configuration.md).
          {"public_url", public_base.empty() ? json(nullptr) : json(public_base)}};
}

// The page a visitor sees for a code that does not exist: plain, no script, no outside resources.
HttpResponse UnknownLinkPage() {
  HttpResponse response;
  response.status = 404;
  response.content_type = "text/html; charset=utf-8";
  response.body =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Link not found</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;"
      "margin:4rem auto;padding:0 1rem;color:#1f2937}</style></head><body>"
      "<h1>This link does not exist</h1>"
      "<p>The link may have been copied incompletely. Please check it, or reply to the message "
      "it came in.</p></body></html>";
  response.AddHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  response.AddHeader("Cache-Control", "no-store");
  return response;
}

void RegisterCannedAnswers(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/canned-answers", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    size_t limit = kDefaultLimit;
    if (std::string_view text = request.Query("limit"); !text.empty()) {
      if (!base::ParseInt(text, limit) || limit < 1 || limit > kMaxLimit) {
        return absl::InvalidArgumentError(base::StrCat("limit must be a whole number from 1 to ", kMaxLimit));
      }
    }
    std::string network;
    if (std::string_view id_text = request.Query("conversation"); !id_text.empty()) {
      int64_t id = 0;
      if (!base::ParseInt(id_text, id) || id <= 0) {
        return absl::InvalidArgumentError("conversation must be a conversation id");
      }
      ASSIGN_OR_RETURN(core::Conversation conversation, services.inbox.Get(viewer, core::ConversationId(id)));
      network = conversation.network;
    }
    ASSIGN_OR_RETURN(std::vector<core::CannedAnswer> answers,
                     services.canned.Search(viewer, request.Query("q"), network, limit));
    json items = json::array();
    for (const auto& answer : answers) items.push_back(AnswerJson(answer));
    return JsonResponse(200, Dump({{"canned_answers", std::move(items)}}));
  });
  // Registered before /{id} so that "variables" and "preview" are not taken for ids.
  router.Add("GET", "/api/v1/canned-answers/variables", core::Role::kAgent,
             [](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    json items = json::array();
    for (const auto& variable : inbox::KnownTemplateVariables()) {
      items.push_back({{"name", variable.name}, {"meaning", variable.meaning}});
    }
    return JsonResponse(200, Dump({{"variables", std::move(items)}}));
  });
  router.Add("POST", "/api/v1/canned-answers/preview", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string text, RequiredString(body, "body"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(std::optional<core::Conversation> conversation,
                     ReadConversation(services, viewer, body, /*required=*/false));
    ASSIGN_OR_RETURN(std::string rendered,
                     services.canned.Preview(viewer, text, conversation ? &*conversation : nullptr));
    return JsonResponse(200, Dump({{"text", rendered}}));
  });
  router.Add("GET", "/api/v1/canned-answers/{id}", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::CannedAnswer answer, services.canned.Get(viewer, core::CannedAnswerId(id)));
    return JsonResponse(200, Dump({{"canned_answer", AnswerJson(answer)}}));
  });
  router.Add("POST", "/api/v1/canned-answers", core::Role::kLead,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(inbox::CannedAnswerInput input, ReadAnswerInput(request));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::CannedAnswer answer, services.canned.Create(viewer, std::move(input)));
    return JsonResponse(201, Dump({{"canned_answer", AnswerJson(answer)}}));
  });
  router.Add("PUT", "/api/v1/canned-answers/{id}", core::Role::kLead,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::CannedAnswerInput input, ReadAnswerInput(request));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::CannedAnswer answer,
                     services.canned.Update(viewer, core::CannedAnswerId(id), std::move(input)));
    return JsonResponse(200, Dump({{"canned_answer", AnswerJson(answer)}}));
  });
  router.Add("DELETE", "/api/v1/canned-answers/{id}", core::Role::kLead,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    RETURN_IF_ERROR(services.canned.Delete(viewer, core::CannedAnswerId(id)));
    HttpResponse response;
    response.status = 204;
    return response;
  });
  // Inserting an answer into the composer: filled in for the conversation, counted as used.
  router.Add("POST", "/api/v1/canned-answers/{id}/render", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(std::optional<core::Conversation> conversation,
                     ReadConversation(services, viewer, body, /*required=*/true));
    ASSIGN_OR_RETURN(std::string text, services.canned.Render(viewer, core::CannedAnswerId(id), *conversation));
    return JsonResponse(200, Dump({{"text", text}}));
  });
}

void RegisterCompanySettings(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/settings/company", core::Role::kAgent,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(inbox::CompanySettings settings, inbox::LoadCompanySettings(services.store));
    return JsonResponse(200, Dump(CompanyJson(settings, services.links.public_base())));
  });
  router.Add("PUT", "/api/v1/settings/company", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    inbox::CompanySettings settings;
    ASSIGN_OR_RETURN(settings.name, RequiredString(body, "name"));
    const auto track = body.find("track_links");
    if (track == body.end() || !track->is_boolean()) {
      return absl::InvalidArgumentError("track_links is required and must be true or false");
    }
    settings.track_links = track->get<bool>();
    RETURN_IF_ERROR(inbox::SaveCompanySettings(services.store, settings));
    ASSIGN_OR_RETURN(settings, inbox::LoadCompanySettings(services.store));
    return JsonResponse(200, Dump(CompanyJson(settings, services.links.public_base())));
  });
}

void RegisterTrackedLinks(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/conversations/{id}/links", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Conversation conversation, services.inbox.Get(viewer, core::ConversationId(id)));
    ASSIGN_OR_RETURN(std::vector<core::TrackedLink> links, services.links.List(conversation.id));
    int64_t clicks = 0;
    for (const auto& link : links) clicks += link.clicks;
    return JsonResponse(200, Dump({{"links", TrackedLinksJson(links, services.links.public_base())},
                                   {"clicks", clicks}}));
  });
  // Public: customers follow these links from the replies they got. Nothing about the visitor
  // is read or kept; the router adds Referrer-Policy: no-referrer, so the target does not
  // learn where the visitor came from either.
  router.Public("GET", "/l/{code}",
                [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    auto target = services.links.Follow(request.path_params.at("code"));
    if (absl::IsNotFound(target.status())) return UnknownLinkPage();
    if (!target.ok()) return target.status();
    HttpResponse response;
    response.status = 302;
    response.content_type = "text/plain; charset=utf-8";
    response.AddHeader("Location", *target);
    // Every visit must reach us to be counted; a cached redirect would not.
    response.AddHeader("Cache-Control", "no-store");
    return response;
  });
}

}  // namespace

json TrackedLinksJson(const std::vector<core::TrackedLink>& links, const std::string& public_base) {
  json items = json::array();
  for (const auto& link : links) {
    items.push_back({{"id", link.id.value()},
                     {"code", link.code},
                     {"short_url", public_base.empty() ? json(nullptr) : json(inbox::ShortLink(public_base, link.code))},
                     {"url", link.url},
                     {"post_id", link.post.valid() ? json(link.post.value()) : json(nullptr)},
                     {"clicks", link.clicks},
                     {"first_clicked_at", OptionalTime(link.first_clicked_at)},
                     {"last_clicked_at", OptionalTime(link.last_clicked_at)},
                     {"created_at", base::FormatRfc3339(link.created_at)}});
  }
  return items;
}

void RegisterCanned(Router& router, const ApiServices& services) {
  RegisterCannedAnswers(router, services);
  RegisterCompanySettings(router, services);
  RegisterTrackedLinks(router, services);
}

}  // namespace webcare::server
