#pragma once
// What an uploaded file is, decided from its first bytes ("magic numbers") and never from the
// name or the Content-Type the client sent, which an attacker chooses. Only types that a
// browser shows without running anything are accepted: PNG, JPEG, GIF and WebP images, and
// PDF documents (served as downloads). SVG is refused: it is XML that can carry script.

#include <optional>
#include <string>
#include <string_view>

namespace webcare::attachments {

struct ContentType {
  std::string_view media_type;  // "image/png"
  std::string_view extension;   // "png": the extension a file of this type gets.
  std::string_view label;       // "PNG image", for messages.
  bool is_image = false;        // Shown inline; anything else is a download.
};

// The accepted type whose signature `content` starts with; nullopt for anything else.
std::optional<ContentType> SniffContentType(std::string_view content);

// For the refusal: what `content` looks like ("an HTML page", "a ZIP archive or Office
// document", "a program", ...) or "a file of another type".
std::string DescribeRefusedContent(std::string_view content);

// The media types SniffContentType recognises, for clients that filter before uploading.
inline constexpr std::string_view kAcceptedMediaTypes[] = {"image/png", "image/jpeg", "image/gif", "image/webp",
                                                           "application/pdf"};

// The sentence listing what may be attached.
inline constexpr char kAcceptedTypes[] = "PNG, JPEG, GIF or WebP images and PDF documents";

}  // namespace webcare::attachments
