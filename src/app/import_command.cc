#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "app/commands.h"
#include "app/data_dir.h"
#include "app/progress_display.h"
#include "base/strings.h"
#include "ingest/jsonl_importer.h"

namespace webcare::app {
namespace {

std::atomic<bool> g_stop{false};

// The first Ctrl-C stops after the batch being written; a second one ends the process (each
// committed batch is still intact: SQLite rolls back the one in flight).
void OnInterrupt(int) {
  g_stop = true;
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
}

void InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // No SA_RESTART: a blocked read() returns EINTR and the loop notices.
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace

int RunImport(const ImportFlags& flags, const base::Clock& clock) {
  auto store = OpenDataDir(flags.data_dir, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "webcare import: %s\n", store.status().ToString().c_str());
    return kImportFailed;
  }
  core::NullEventSink events;
  auto ingest = OpenIngest(**store, events);
  if (!ingest.ok()) {
    std::fprintf(stderr, "webcare import: %s\n", ingest.status().ToString().c_str());
    return kImportFailed;
  }
  ingest::JsonlImporter importer((*ingest)->ingestor, clock);
  InstallInterruptHandler();

  int64_t rejected_total = 0;
  for (const std::string& file : flags.files) {
    const bool is_stdin = file == "-";
    std::FILE* input = is_stdin ? stdin : std::fopen(file.c_str(), "rb");
    if (input == nullptr) {
      std::fprintf(stderr, "webcare import: cannot open %s: %s\n", file.c_str(), std::strerror(errno));
      return kImportFailed;
    }
    struct stat info {};
    const int64_t size = !is_stdin && fstat(fileno(input), &info) == 0 && S_ISREG(info.st_mode) ? info.st_size : -1;
    const std::string name = is_stdin ? "<stdin>" : file;
    ProgressDisplay progress("posts", stderr, clock);
    ingest::ImportOptions options{.batch_size = flags.batch_size, .stop = &g_stop};
    options.on_progress = [&](const ingest::ImportProgress& p) {
      const double fraction = p.total_bytes > 0 ? static_cast<double>(p.bytes_read) / p.total_bytes : -1;
      progress.Update(p.inserted + p.duplicates, fraction,
                      p.rejected ? base::StrCat(base::WithThousands(p.rejected), " rejected") : "");
    };
    int64_t reported = 0;
    options.on_reject = [&](const ingest::RejectedLine& line) {
      // The first hundred reasons are printed; the count covers the rest.
      if (++reported <= 100) {
        std::fprintf(stderr, "%s%s:%lld: rejected: %s\n", isatty(fileno(stderr)) ? "\r\033[K" : "",
                     name.c_str(), static_cast<long long>(line.line_number), line.reason.c_str());
      } else if (reported == 101) {
        std::fprintf(stderr, "%s: more lines rejected; only the first 100 are listed\n", name.c_str());
      }
    };
    auto summary = importer.Import(input, size, options);
    if (!is_stdin) std::fclose(input);
    if (!summary.ok()) {
      std::fprintf(stderr, "\nwebcare import: %s: %s\nBatches committed before this error are kept; "
                           "run the import again to add the rest.\n",
                   name.c_str(), summary.status().ToString().c_str());
      return kImportFailed;
    }
    const auto& totals = summary->totals;
    progress.Finish(totals.inserted + totals.duplicates,
                    base::StrCat("(", base::WithThousands(totals.inserted), " new, ", base::WithThousands(totals.duplicates),
                                 " already stored, ", base::WithThousands(totals.rejected), " rejected)"));
    rejected_total += totals.rejected;
    if (summary->interrupted) {
      std::fprintf(stderr, "webcare import: interrupted; every committed batch is kept. Run the same "
                           "import again to add the rest.\n");
      return kImportInterrupted;
    }
  }
  return rejected_total > 0 ? kImportRejectedLines : kImportOk;
}

}  // namespace webcare::app
