// Attachments of replies and four-eyes review of replies (docs/api/README.md):
//   POST /api/v1/attachments?filename=    the file itself as the body (any Content-Type; the
//                                          type is sniffed from the content)
//   GET  /api/v1/attachments/{id}          the file, with headers that keep a browser from
//                                          running anything in it
//   GET  /api/v1/attachments/limits        the largest upload and the accepted types
//   GET  /api/v1/replies/pending           replies waiting for a lead
//   POST /api/v1/replies/{post_id}/approve | /reject | /resubmit
//   GET  /api/v1/settings/review, PUT .../teams/{id}, PUT .../users/{id}   (admins)
//
// The upload is a raw body rather than multipart/form-data: the HTTP layer has no multipart
// parser and needs none, since one request carries one file; the browser sends a File as the
// body as it is. Only this path takes bodies up to the attachment limit (HttpServerOptions::
// body_limits); every other path keeps the 1 MiB limit for JSON.

#include <string>
#include <vector>

#include "attachments/content_type.h"
#include "attachments/file_name.h"
#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "server/api.h"
#include "server/api_util.h"
#include "server/error_mapping.h"
#include "server/json_codec.h"

namespace webcare::server {
namespace {

using nlohmann::json;

constexpr int kPendingDefaultLimit = 100;

json AttachmentJson(const core::StoredAttachment& attachment) {
  return {{"id", attachment.id.value()},
          {"name", attachment.name},
          {"media_type", attachment.media_type},
          {"size", attachment.size},
          {"sha256", attachment.sha256},
          {"url", base::StrCat("/api/v1/attachments/", attachment.id.value())},
          {"created_at", base::FormatRfc3339(attachment.created_at)},
          {"attached", attachment.post.valid()}};
}

json PendingJson(const inbox::PendingReply& pending) {
  return {{"post", ToJson(pending.post)}, {"conversation", ToJson(pending.conversation)}};
}

HttpResponse PostResponse(const core::Post& post) { return JsonResponse(200, Dump({{"post", ToJson(post)}})); }

// The settings as the admin screen shows them: every team, and every active agent with its
// own setting (null: follows its teams).
absl::StatusOr<json> SettingsJson(const ApiServices& services, const storage::ReviewSettings& settings) {
  ASSIGN_OR_RETURN(std::vector<core::Team> teams, services.store.ListTeams());
  ASSIGN_OR_RETURN(std::vector<core::User> users, services.store.ListUsers());
  json team_items = json::array();
  for (const core::Team& team : teams) {
    const bool required =
        std::find(settings.teams.begin(), settings.teams.end(), team.id) != settings.teams.end();
    team_items.push_back({{"id", team.id.value()}, {"name", team.name}, {"required", required}});
  }
  json user_items = json::array();
  for (const core::User& user : users) {
    // Leads' and admins' replies are never held; viewers do not reply.
    if (user.disabled || user.role != core::Role::kAgent) continue;
    json required = nullptr;
    for (const auto& [id, value] : settings.users) {
      if (id == user.id) required = value;
    }
    user_items.push_back({{"id", user.id.value()}, {"name", user.name}, {"email", user.email},
                          {"required", std::move(required)}});
  }
  return json{{"teams", std::move(team_items)}, {"users", std::move(user_items)}};
}

absl::StatusOr<bool> RequiredFlag(const json& body) {
  const auto it = body.find("required");
  if (it == body.end() || !it->is_boolean()) return absl::InvalidArgumentError("required must be true or false");
  return it->get<bool>();
}

void RegisterFiles(Router& router, const ApiServices& services) {
  router.AddUpload("POST", "/api/v1/attachments", core::Role::kAgent,
                   [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    const attachments::Inspection inspection = services.attachments.Inspect(request.body);
    switch (inspection.problem) {
      case attachments::UploadProblem::kNone:
        break;
      case attachments::UploadProblem::kEmpty:
        return absl::InvalidArgumentError(inspection.message);
      case attachments::UploadProblem::kTooLarge:
        return ErrorResponse(413, "PAYLOAD_TOO_LARGE", inspection.message);
      case attachments::UploadProblem::kUnsupportedType:
        return ErrorResponse(415, "UNSUPPORTED_MEDIA_TYPE", inspection.message);
    }
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::StoredAttachment stored,
                     services.attachments.Upload(viewer, request.Query("filename"), request.body));
    return JsonResponse(201, Dump({{"attachment", AttachmentJson(stored)}}));
  });
  // Registered before /attachments/{id}: the first matching route wins.
  router.Add("GET", "/api/v1/attachments/limits", core::Role::kViewer,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    json types = json::array();
    for (const std::string_view type : attachments::kAcceptedMediaTypes) types.push_back(type);
    return JsonResponse(200, Dump({{"max_bytes", services.attachments.options().max_bytes},
                                   {"media_types", std::move(types)}}));
  });
  router.Add("GET", "/api/v1/attachments/{id}", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(attachments::Download download, services.attachments.Open(viewer, core::AttachmentId(id)));
    const core::StoredAttachment& attachment = download.attachment;
    HttpResponse response;
    const std::string etag = base::StrCat("\"", attachment.sha256, "\"");
    // The content of an id never changes: the browser may keep it, for this user only.
    response.AddHeader("Cache-Control", "private, max-age=86400");
    response.AddHeader("ETag", etag);
    if (request.Header("if-none-match") == etag) {
      response.status = 304;
      return response;
    }
    response.content_type = attachment.media_type;
    // Images are shown in the thread; anything else (PDF) is saved, never opened in the page.
    const bool is_image = attachment.media_type.starts_with("image/");
    response.AddHeader("Content-Disposition", attachments::ContentDisposition(attachment.name, is_image));
    // Even if a browser were made to render it as a page, nothing in it may run or load.
    response.AddHeader("Content-Security-Policy", "sandbox; default-src 'none'");
    response.AddHeader("Cross-Origin-Resource-Policy", "same-origin");
    response.body = std::move(download.content);
    return response;
  });
}

void RegisterReview(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/replies/pending", core::Role::kLead,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    int limit = kPendingDefaultLimit;
    if (std::string_view text = request.Query("limit"); !text.empty()) {
      if (!base::ParseInt(text, limit) || limit < 1 || limit > 500) {
        return absl::InvalidArgumentError("limit must be a whole number from 1 to 500");
      }
    }
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(std::vector<inbox::PendingReply> pending, services.review.Pending(viewer, limit));
    json items = json::array();
    for (const auto& reply : pending) items.push_back(PendingJson(reply));
    return JsonResponse(200, Dump({{"replies", std::move(items)}, {"count", pending.size()}}));
  });
  router.Add("POST", "/api/v1/replies/{post_id}/approve", core::Role::kLead,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t post, PathId(request, "post_id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Post approved, services.review.Approve(viewer, core::PostId(post)));
    return PostResponse(approved);
  });
  router.Add("POST", "/api/v1/replies/{post_id}/reject", core::Role::kLead,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t post, PathId(request, "post_id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string reason, RequiredString(body, "reason"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Post rejected, services.review.Reject(viewer, core::PostId(post), std::move(reason)));
    return PostResponse(rejected);
  });
  router.Add("POST", "/api/v1/replies/{post_id}/resubmit", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t post, PathId(request, "post_id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    inbox::ReplyRequest reply;
    ASSIGN_OR_RETURN(reply.text, RequiredString(body, "text"));
    // The stored text carries the signature already; an edit keeps it unless asked.
    reply.signature = false;
    if (const auto it = body.find("signature"); it != body.end() && !it->is_null()) {
      if (!it->is_boolean()) return absl::InvalidArgumentError("signature must be true or false");
      reply.signature = it->get<bool>();
    }
    const bool replace_attachments = body.contains("attachments") && !body["attachments"].is_null();
    ASSIGN_OR_RETURN(reply.attachments, ReadAttachmentIds(body));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Post resubmitted,
                     services.review.Resubmit(viewer, core::PostId(post), reply, replace_attachments));
    return PostResponse(resubmitted);
  });
}

void RegisterReviewSettings(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/settings/review", core::Role::kAdmin,
             [services](const HttpRequest&, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(storage::ReviewSettings settings, services.review.Settings(viewer));
    ASSIGN_OR_RETURN(json out, SettingsJson(services, settings));
    return JsonResponse(200, Dump(out));
  });
  router.Add("PUT", "/api/v1/settings/review/teams/{id}", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t team, PathId(request, "id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(bool required, RequiredFlag(body));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    RETURN_IF_ERROR(services.review.SetTeam(viewer, core::TeamId(team), required));
    ASSIGN_OR_RETURN(storage::ReviewSettings settings, services.review.Settings(viewer));
    ASSIGN_OR_RETURN(json out, SettingsJson(services, settings));
    return JsonResponse(200, Dump(out));
  });
  router.Add("PUT", "/api/v1/settings/review/users/{id}", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t user, PathId(request, "id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    const auto it = body.find("required");
    if (it == body.end() || !(it->is_null() || it->is_boolean())) {
      return absl::InvalidArgumentError("required must be true, false or null (follow the team)");
    }
    const std::optional<bool> required = it->is_null() ? std::nullopt : std::optional<bool>(it->get<bool>());
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    RETURN_IF_ERROR(services.review.SetUser(viewer, core::UserId(user), required));
    ASSIGN_OR_RETURN(storage::ReviewSettings settings, services.review.Settings(viewer));
    ASSIGN_OR_RETURN(json out, SettingsJson(services, settings));
    return JsonResponse(200, Dump(out));
  });
}

}  // namespace

absl::StatusOr<std::vector<core::AttachmentId>> ReadAttachmentIds(const json& body) {
  std::vector<core::AttachmentId> ids;
  const auto it = body.find("attachments");
  if (it == body.end() || it->is_null()) return ids;
  if (!it->is_array()) return absl::InvalidArgumentError("attachments must be a list of attachment ids");
  for (const auto& item : *it) {
    if (!item.is_number_integer() || item.get<int64_t>() <= 0) {
      return absl::InvalidArgumentError("attachments must be a list of attachment ids");
    }
    ids.emplace_back(item.get<int64_t>());
  }
  return ids;
}

void RegisterAttachments(Router& router, const ApiServices& services) {
  RegisterFiles(router, services);
  RegisterReview(router, services);
  RegisterReviewSettings(router, services);
}

}  // namespace webcare::server
