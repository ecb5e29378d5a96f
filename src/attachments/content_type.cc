#include "attachments/content_type.h"

#include <array>
#include <cctype>

namespace webcare::attachments {
namespace {

bool StartsWith(std::string_view content, std::string_view magic) { return content.substr(0, magic.size()) == magic; }

constexpr ContentType kPng{"image/png", "png", "PNG image", true};
constexpr ContentType kJpeg{"image/jpeg", "jpg", "JPEG image", true};
constexpr ContentType kGif{"image/gif", "gif", "GIF image", true};
constexpr ContentType kWebp{"image/webp", "webp", "WebP image", true};
constexpr ContentType kPdf{"application/pdf", "pdf", "PDF document", false};

// The content after leading white space and a UTF-8 byte order mark, lower-cased, for the
// text-based formats some browsers would render.
std::string TextStart(std::string_view content) {
  if (StartsWith(content, "\xEF\xBB\xBF")) content.remove_prefix(3);
  size_t i = 0;
  while (i < content.size() && std::isspace(static_cast<unsigned char>(content[i]))) ++i;
  std::string start;
  for (size_t j = i; j < content.size() && start.size() < 256; ++j) {
    start.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(content[j]))));
  }
  return start;
}

}  // namespace

std::optional<ContentType> SniffContentType(std::string_view content) {
  if (StartsWith(content, "\x89PNG\r\n\x1A\n")) return kPng;
  // SOI followed by the first marker's 0xFF.
  if (StartsWith(content, "\xFF\xD8\xFF")) return kJpeg;
  if (StartsWith(content, "GIF87a") || StartsWith(content, "GIF89a")) return kGif;
  // RIFF, a 4-byte length, then the form type.
  if (content.size() >= 12 && StartsWith(content, "RIFF") && content.substr(8, 4) == "WEBP") return kWebp;
  if (StartsWith(content, "%PDF-")) return kPdf;
  return std::nullopt;
}

std::string DescribeRefusedContent(std::string_view content) {
  const std::string text = TextStart(content);
  if (text.find("<svg") != std::string::npos) return "an SVG image (which can carry script)";
  if (text.starts_with("<!doctype html") || text.starts_with("<html") || text.find("<script") != std::string::npos) {
    return "an HTML page";
  }
  if (text.starts_with("<?xml")) return "an XML document";
  if (StartsWith(content, "PK\x03\x04")) return "a ZIP archive or Office document";
  if (StartsWith(content, "MZ") || StartsWith(content, "\x7F" "ELF")) return "a program";
  if (content.size() >= 12 && content.substr(4, 4) == "ftyp") return "a video or HEIC photo";
  if (StartsWith(content, "II*\0") || StartsWith(content, std::string_view("MM\0*", 4))) return "a TIFF image";
  if (StartsWith(content, "BM")) return "a BMP image";
  return "a file of another type";
}

}  // namespace webcare::attachments
