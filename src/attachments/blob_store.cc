#include "attachments/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "base/crypto.h"
#include "base/status.h"
#include "base/strings.h"

namespace webcare::attachments {
namespace {

namespace fs = std::filesystem;

absl::Status IoError(std::string_view what, const std::string& path) {
  return absl::InternalError(base::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

// Writes `content` to `path` and flushes it to the disk.
absl::Status WriteDurably(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return IoError("cannot create", path);
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const absl::Status error = IoError("cannot write", path);
      ::close(fd);
      return error;
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const absl::Status error = IoError("cannot flush", path);
    ::close(fd);
    return error;
  }
  if (::close(fd) != 0) return IoError("cannot close", path);
  return absl::OkStatus();
}

// Flushes a folder, so that a rename into it survives a crash.
void SyncFolder(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

absl::StatusOr<std::string> BlobStore::PathOf(std::string_view sha256) const {
  if (sha256.size() != 64 ||
      sha256.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return absl::InvalidArgumentError("not a SHA-256 in hex");
  }
  return base::StrCat(root_, "/", sha256.substr(0, 2), "/", sha256.substr(2, 2), "/", sha256);
}

bool BlobStore::Contains(std::string_view sha256) const {
  auto path = PathOf(sha256);
  std::error_code ignored;
  return path.ok() && fs::is_regular_file(*path, ignored);
}

absl::StatusOr<std::string> BlobStore::Put(std::string_view content) {
  const std::string sha256 = base::Sha256Hex(content);
  ASSIGN_OR_RETURN(const std::string path, PathOf(sha256));
  if (Contains(sha256)) return sha256;
  const std::string folder = fs::path(path).parent_path().string();
  const std::string temporary_folder = base::StrCat(root_, "/tmp");
  std::error_code error;
  fs::create_directories(folder, error);
  if (!error) fs::create_directories(temporary_folder, error);
  if (error) {
    return absl::InternalError(base::StrCat("cannot create the attachments folder ", folder, ": ", error.message()));
  }
  static std::atomic<uint64_t> counter{0};
  const std::string temporary =
      base::StrCat(temporary_folder, "/", sha256, ".", ::getpid(), ".", counter.fetch_add(1), ".part");
  if (absl::Status written = WriteDurably(temporary, content); !written.ok()) {
    fs::remove(temporary, error);
    return written;
  }
  // rename() replaces atomically: a concurrent Put of the same content leaves the same bytes.
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const absl::Status renamed = IoError("cannot move the upload to", path);
    fs::remove(temporary, error);
    return renamed;
  }
  SyncFolder(folder);
  return sha256;
}

absl::StatusOr<std::string> BlobStore::Get(std::string_view sha256) const {
  ASSIGN_OR_RETURN(const std::string path, PathOf(sha256));
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(base::StrCat("no stored content ", sha256));
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return absl::InternalError(base::StrCat("cannot read ", path));
  return content;
}

absl::Status BlobStore::Remove(std::string_view sha256) {
  ASSIGN_OR_RETURN(const std::string path, PathOf(sha256));
  std::error_code error;
  fs::remove(path, error);
  if (error) return absl::InternalError(base::StrCat("cannot delete ", path, ": ", error.message()));
  return absl::OkStatus();
}

}  // namespace webcare::attachments
