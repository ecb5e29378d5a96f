#pragma once
// Shows the progress of a long job on standard error: a redrawn bar with count, rate and ETA
// on a terminal, a plain line every few seconds otherwise (logs, CI).

#include <cstdint>
#include <cstdio>
#include <string>

#include "base/clock.h"

namespace webcare::app {

class ProgressDisplay {
 public:
  // `what` names the items: "posts". `out` is usually stderr.
  ProgressDisplay(std::string what, std::FILE* out, const base::Clock& clock);

  // `done` of `total` (total < 0: unknown), `fraction` in [0,1] or < 0 when unknown.
  void Update(int64_t done, double fraction, const std::string& extra = "");
  // Prints the final line.
  void Finish(int64_t done, const std::string& extra = "");

 private:
  std::string Line(int64_t done, double fraction, const std::string& extra) const;

  const std::string what_;
  std::FILE* const out_;
  const base::Clock& clock_;
  const bool terminal_;
  const base::Micros start_;
  base::Micros last_plain_line_ = 0;
};


}  // namespace webcare::app
