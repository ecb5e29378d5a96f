#pragma once
// The uploader's file name, made safe to store, show and send back in a Content-Disposition
// header: no folders, no control or reserved characters, valid UTF-8 of bounded length, and an
// extension that matches the sniffed type, so that a PDF called "invoice.pdf.exe" is saved by
// the browser as a PDF and not as a program.

#include <string>
#include <string_view>

#include "attachments/content_type.h"

namespace webcare::attachments {

// At most this many bytes, extension included.
inline constexpr size_t kMaxFileNameBytes = 120;

std::string SanitiseFileName(std::string_view name, const ContentType& type);

// `inline; filename="..."; filename*=UTF-8''...` (RFC 6266, RFC 8187) for an image shown in
// the page, `attachment; ...` for anything else. The quoted name is an ASCII fallback.
std::string ContentDisposition(std::string_view name, bool show_inline);

}  // namespace webcare::attachments
