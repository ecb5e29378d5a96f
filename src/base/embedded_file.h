#pragma once
// A file compiled into the binary (migrations, the web UI); see cmake/embed_files.cmake.

#include <string_view>

namespace webcare::base {

struct EmbeddedFile {
  std::string_view path;  // Relative to the embedded folder, '/'-separated.
  std::string_view data;
};

}  // namespace webcare::base
