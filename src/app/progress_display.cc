#include "app/progress_display.h"

#include <unistd.h>

#include "base/strings.h"

namespace webcare::app {
namespace {

constexpr base::Micros kPlainInterval = 5 * base::kMicrosPerSecond;
constexpr int kBarWidth = 24;

std::string Duration(double seconds) {
  const int64_t total = static_cast<int64_t>(seconds + 0.5);
  const int64_t h = total / 3600, m = total / 60 % 60, s = total % 60;
  char buffer[32];
  if (h > 0) {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", static_cast<long long>(h),
                  static_cast<long long>(m), static_cast<long long>(s));
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", static_cast<long long>(m), static_cast<long long>(s));
  }
  return buffer;
}

}  // namespace

ProgressDisplay::ProgressDisplay(std::string what, std::FILE* out, const base::Clock& clock)
    : what_(std::move(what)),
      out_(out),
      clock_(clock),
      terminal_(isatty(fileno(out)) == 1),
      start_(clock.NowMicros()) {}

std::string ProgressDisplay::Line(int64_t done, double fraction, const std::string& extra) const {
  const double elapsed = static_cast<double>(clock_.NowMicros() - start_) / base::kMicrosPerSecond;
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  std::string line;
  if (fraction >= 0) {
    const int filled = static_cast<int>(fraction * kBarWidth);
    base::StrAppend(line, static_cast<int>(fraction * 100), "% [", std::string(filled, '#'),
                    std::string(kBarWidth - filled, '.'), "] ");
  }
  base::StrAppend(line, base::WithThousands(done), " ", what_, "  ", base::WithThousands(static_cast<int64_t>(rate)),
                  "/s  ", Duration(elapsed));
  if (fraction > 0.001 && fraction < 1) {
    base::StrAppend(line, "  ETA ", Duration(elapsed * (1 - fraction) / fraction));
  }
  if (!extra.empty()) base::StrAppend(line, "  ", extra);
  return line;
}

void ProgressDisplay::Update(int64_t done, double fraction, const std::string& extra) {
  if (terminal_) {
    std::fprintf(out_, "\r\033[K%s", Line(done, fraction, extra).c_str());
    std::fflush(out_);
    return;
  }
  const base::Micros now = clock_.NowMicros();
  if (now - last_plain_line_ < kPlainInterval) return;
  last_plain_line_ = now;
  std::fprintf(out_, "%s\n", Line(done, fraction, extra).c_str());
}

void ProgressDisplay::Finish(int64_t done, const std::string& extra) {
  std::fprintf(out_, "%s%s\n", terminal_ ? "\r\033[K" : "", Line(done, 1.0, extra).c_str());
  std::fflush(out_);
}

}  // namespace webcare::app
