// `webcare reanalyze`: runs the analysis pipeline again over stored posts, for posts stored
// before analysis existed, or for all posts after streams, rules or lexicons changed.

#include <cstdio>

#include "app/commands.h"
#include "app/data_dir.h"
#include "app/progress_display.h"
#include "base/strings.h"

namespace webcare::app {

int RunReanalyze(const ReanalyzeFlags& flags, const base::Clock& clock) {
  if (!DatabaseExists(flags.data_dir)) {
    std::fprintf(stderr, "webcare reanalyze: no database in %s\n", flags.data_dir.c_str());
    return 1;
  }
  auto store = OpenDataDir(flags.data_dir, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "webcare reanalyze: %s\n", store.status().ToString().c_str());
    return 1;
  }
  core::NullEventSink events;
  auto ingest = OpenIngest(**store, events);
  if (!ingest.ok()) {
    std::fprintf(stderr, "webcare reanalyze: %s\n", ingest.status().ToString().c_str());
    return 1;
  }
  auto stats = (*store)->Stats();
  const int64_t total = stats.ok() ? stats->posts : -1;
  ProgressDisplay progress("posts analysed", stderr, clock);
  auto done = (*ingest)->ingestor.Reanalyze(flags.all, [&](int64_t count) {
    // Without --all only a part of the posts is pending; the share is then unknown.
    progress.Update(count, flags.all && total > 0 ? static_cast<double>(count) / total : -1);
  });
  if (!done.ok()) {
    std::fprintf(stderr, "\nwebcare reanalyze: %s\n", done.status().ToString().c_str());
    return 1;
  }
  progress.Finish(*done, flags.all ? "" : "(stored before analysis existed)");
  return 0;
}

}  // namespace webcare::app
