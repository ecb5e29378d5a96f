#include "ingest/interchange.h"

#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "base/utf8.h"

namespace webcare::ingest {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

absl::Status FieldError(std::string_view field, std::string_view what) {
  return absl::InvalidArgumentError(base::StrCat(field, ": ", what));
}

// A string field; an integer is accepted too where networks use numeric ids.
absl::Status ReadId(const object& parent, std::string_view field, bool required, std::string& out) {
  element value;
  if (parent[field].get(value) != simdjson::SUCCESS || value.is_null()) {
    return required ? FieldError(field, "is required") : absl::OkStatus();
  }
  if (value.is_string()) {
    out = std::string(value.get_string().value_unsafe());
  } else if (value.is_int64()) {
    out = base::StrCat(value.get_int64().value_unsafe());
  } else if (value.is_uint64()) {
    out = base::StrCat(value.get_uint64().value_unsafe());
  } else {
    return FieldError(field, "must be a string or a whole number");
  }
  if (required && out.empty()) return FieldError(field, "must not be empty");
  if (out.size() > 1024) return FieldError(field, "is longer than 1024 bytes");
  return absl::OkStatus();
}

absl::Status ReadString(const object& parent, std::string_view field, bool required,
                        std::string& out, size_t max_bytes = 4096) {
  element value;
  if (parent[field].get(value) != simdjson::SUCCESS || value.is_null()) {
    return required ? FieldError(field, "is required") : absl::OkStatus();
  }
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) return FieldError(field, "must be a string");
  if (text.size() > max_bytes) {
    return FieldError(field, base::StrCat("is ", text.size(), " bytes; the limit is ", max_bytes));
  }
  out = std::string(text);
  return absl::OkStatus();
}

absl::Status ReadCount(const object& parent, std::string_view field, int64_t& out) {
  element value;
  if (parent[field].get(value) != simdjson::SUCCESS || value.is_null()) return absl::OkStatus();
  if (value.get(out) != simdjson::SUCCESS || out < 0) {
    return FieldError(field, "must be a whole number of at least 0");
  }
  return absl::OkStatus();
}

absl::Status ReadBool(const object& parent, std::string_view field, bool& out) {
  element value;
  if (parent[field].get(value) != simdjson::SUCCESS || value.is_null()) return absl::OkStatus();
  if (value.get(out) != simdjson::SUCCESS) return FieldError(field, "must be true or false");
  return absl::OkStatus();
}

absl::Status Prefixed(std::string_view prefix, absl::Status status) {
  if (status.ok()) return status;
  return absl::InvalidArgumentError(base::StrCat(prefix, base::ToStd(status.message())));
}

}  // namespace

struct InterchangeParser::Impl {
  simdjson::dom::parser parser;
};

InterchangeParser::InterchangeParser() : impl_(new Impl) {}
InterchangeParser::~InterchangeParser() { delete impl_; }

absl::StatusOr<core::NewPost> InterchangeParser::Parse(std::string_view line) {
  if (line.size() > kMaxLineBytes) {
    return absl::InvalidArgumentError(
        base::StrCat("line is ", line.size(), " bytes; the limit is ", kMaxLineBytes));
  }
  element document;
  if (auto error = impl_->parser.parse(line.data(), line.size()).get(document); error) {
    // simdjson reports bad UTF-8 inside strings as a string error; name the real cause.
    if (const size_t bad = base::FirstInvalidUtf8Offset(line); bad != std::string_view::npos) {
      return absl::InvalidArgumentError(base::StrCat("not valid UTF-8 at byte ", bad + 1));
    }
    return absl::InvalidArgumentError(base::StrCat("malformed JSON: ", simdjson::error_message(error)));
  }
  object root;
  if (document.get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("expected a JSON object");
  }
  core::NewPost post;
  RETURN_IF_ERROR(ReadString(root, "network", true, post.network, 64));
  RETURN_IF_ERROR(ReadString(root, "channel", true, post.channel, 512));
  RETURN_IF_ERROR(ReadId(root, "external_id", true, post.external_id));
  if (post.network.empty()) return FieldError("network", "must not be empty");
  if (post.channel.empty()) return FieldError("channel", "must not be empty");

  object author;
  if (root["author"].get(author) != simdjson::SUCCESS) {
    return FieldError("author", "is required and must be an object");
  }
  post.author.network = post.network;
  post.author.followers = -1;  // Unknown unless the line says; a stored count is then kept.
  RETURN_IF_ERROR(Prefixed("author.", ReadString(author, "handle", true, post.author.handle, 512)));
  if (post.author.handle.empty()) return FieldError("author.handle", "must not be empty");
  RETURN_IF_ERROR(Prefixed("author.", ReadString(author, "name", false, post.author.name, 512)));
  RETURN_IF_ERROR(Prefixed("author.", ReadCount(author, "followers", post.author.followers)));
  RETURN_IF_ERROR(Prefixed("author.", ReadString(author, "url", false, post.author.url, 2048)));

  RETURN_IF_ERROR(ReadString(root, "text", true, post.text, kMaxTextBytes));
  std::string created_at;
  RETURN_IF_ERROR(ReadString(root, "created_at", true, created_at, 64));
  auto time = base::ParseRfc3339(created_at);
  if (!time.ok()) return Prefixed("created_at: ", time.status());
  post.created_at = *time;

  RETURN_IF_ERROR(ReadId(root, "in_reply_to", false, post.in_reply_to));
  RETURN_IF_ERROR(ReadString(root, "url", false, post.url, 2048));

  std::string direction;
  RETURN_IF_ERROR(ReadString(root, "direction", false, direction, 16));
  if (!direction.empty()) {
    auto parsed = core::ParseDirection(direction);
    if (!parsed) return FieldError("direction", "must be \"inbound\" or \"outbound\"");
    post.direction = *parsed;
  }
  RETURN_IF_ERROR(ReadBool(root, "private", post.is_private));

  element attachments;
  if (root["attachments"].get(attachments) == simdjson::SUCCESS && !attachments.is_null()) {
    simdjson::dom::array items;
    if (attachments.get(items) != simdjson::SUCCESS) return FieldError("attachments", "must be an array");
    for (element item : items) {
      object fields;
      if (item.get(fields) != simdjson::SUCCESS) return FieldError("attachments", "must hold objects");
      core::Attachment attachment;
      RETURN_IF_ERROR(Prefixed("attachments[].", ReadString(fields, "url", true, attachment.url, 2048)));
      RETURN_IF_ERROR(Prefixed("attachments[].", ReadString(fields, "media_type", false, attachment.media_type, 128)));
      RETURN_IF_ERROR(Prefixed("attachments[].", ReadString(fields, "name", false, attachment.name, 512)));
      post.attachments.push_back(std::move(attachment));
    }
  }
  element metrics_value;
  if (root["metrics"].get(metrics_value) == simdjson::SUCCESS && !metrics_value.is_null()) {
    object metrics;
    if (metrics_value.get(metrics) != simdjson::SUCCESS) return FieldError("metrics", "must be an object");
    for (auto [field, target] : {std::pair{"likes", &post.metrics.likes}, std::pair{"reposts", &post.metrics.reposts},
                                 std::pair{"replies", &post.metrics.replies}, std::pair{"views", &post.metrics.views}}) {
      RETURN_IF_ERROR(Prefixed("metrics.", ReadCount(metrics, field, *target)));
    }
  }
  post.raw = std::string(line);
  return post;
}

std::string ToJsonLine(const core::NewPost& post) {
  nlohmann::json out{{"network", post.network},
                     {"channel", post.channel},
                     {"external_id", post.external_id},
                     {"author", {{"handle", post.author.handle}, {"name", post.author.name},
                                 }},
                     {"text", post.text},
                     {"created_at", base::FormatRfc3339(post.created_at)}};
  if (post.author.followers >= 0) out["author"]["followers"] = post.author.followers;
  if (!post.author.url.empty()) out["author"]["url"] = post.author.url;
  if (!post.in_reply_to.empty()) out["in_reply_to"] = post.in_reply_to;
  if (!post.url.empty()) out["url"] = post.url;
  if (post.direction != core::Direction::kInbound) out["direction"] = core::DirectionName(post.direction);
  if (post.is_private) out["private"] = true;
  if (!post.attachments.empty()) {
    for (const auto& a : post.attachments) {
      out["attachments"].push_back({{"url", a.url}, {"media_type", a.media_type}, {"name", a.name}});
    }
  }
  const auto& m = post.metrics;
  if (m.likes || m.reposts || m.replies || m.views) {
    out["metrics"] = {{"likes", m.likes}, {"reposts", m.reposts}, {"replies", m.replies}, {"views", m.views}};
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace webcare::ingest
