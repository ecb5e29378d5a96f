#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "app/commands.h"
#include "app/data_dir.h"
#include "app/progress_display.h"
#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "ingest/demo/demo_streams.h"
#include "ingest/demo/demo_world.h"
#include "ingest/ingestor.h"
#include "ingest/interchange.h"
#include "server/auth_service.h"

namespace webcare::app {
namespace {

constexpr size_t kBatchSize = 5000;

struct DemoLogin {
  const char* email;
  const char* name;
  core::Role role;
  std::vector<std::string_view> teams;  // Of the demo teams (ingest/demo/demo_streams.h).
};
const DemoLogin kDemoLogins[] = {
    {"admin@webcare.demo", "Demo Admin", core::Role::kAdmin, {}},
    {"lead@webcare.demo", "Lotte Lead", core::Role::kLead, {"Binnendienst", "Support", "PR"}},
    {"agent@webcare.demo", "Sanne Agent", core::Role::kAgent, {"Binnendienst", "Support"}},
    {"agent2@webcare.demo", "Daan de Wit", core::Role::kAgent, {"Binnendienst", "Support"}},
    {"viewer@webcare.demo", "Pim Viewer", core::Role::kViewer, {}},
};

// Creates the demo log-ins and puts each in its teams.
absl::Status CreateDemoLogins(storage::Store& store, const base::Clock& clock) {
  server::AuthService auth(store, clock);
  ASSIGN_OR_RETURN(std::vector<core::Team> teams, store.ListTeams());
  for (const DemoLogin& login : kDemoLogins) {
    auto created = auth.CreateUser({.email = login.email, .name = login.name, .role = login.role}, kDemoPassword);
    if (!created.ok() && !absl::IsAlreadyExists(created.status())) return created.status();
    if (!created.ok()) continue;
    for (const core::Team& team : teams) {
      if (std::find(login.teams.begin(), login.teams.end(), team.name) == login.teams.end()) continue;
      RETURN_IF_ERROR(store.SetTeamMember(team.id, created->id, true));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<base::Micros> EndTime(const DemoFlags& flags, const base::Clock& clock) {
  if (!flags.end.empty()) return base::ParseRfc3339(flags.end);
  const base::Micros hour = 3600 * base::kMicrosPerSecond;
  return clock.NowMicros() / hour * hour;
}

int WriteJsonl(const DemoFlags& flags, base::Micros end) {
  const bool to_stdout = flags.output == "-";
  std::FILE* out = to_stdout ? stdout : std::fopen(flags.output.c_str(), "wb");
  if (out == nullptr) {
    std::fprintf(stderr, "webcare demo: cannot write %s: %s\n", flags.output.c_str(), std::strerror(errno));
    return 1;
  }
  const absl::Status status = ingest::demo::GenerateDemoWorld(
      {.posts = flags.posts, .seed = flags.seed, .end_time = end}, [out](core::NewPost&& post) {
        const std::string line = ingest::ToJsonLine(post);
        if (std::fwrite(line.data(), 1, line.size(), out) != line.size() || std::fputc('\n', out) == EOF) {
          return absl::DataLossError(base::StrCat("write failed: ", std::strerror(errno)));
        }
        return absl::OkStatus();
      });
  const bool closed = to_stdout ? std::fflush(out) == 0 : std::fclose(out) == 0;
  if (!status.ok() || !closed) {
    std::fprintf(stderr, "webcare demo: %s\n", status.ok() ? "write failed" : status.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int RunDemo(const DemoFlags& flags, const base::Clock& clock) {
  auto end = EndTime(flags, clock);
  if (!end.ok()) {
    std::fprintf(stderr, "webcare demo: --end: %s\n", end.status().ToString().c_str());
    return 2;
  }
  if (!flags.output.empty()) return WriteJsonl(flags, *end);

  auto store = OpenDataDir(flags.data_dir, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "webcare demo: %s\n", store.status().ToString().c_str());
    return 1;
  }
  if (absl::Status seeded = ingest::demo::SeedDemoConfiguration(**store); !seeded.ok()) {
    std::fprintf(stderr, "webcare demo: %s\n", seeded.ToString().c_str());
    return 1;
  }
  core::NullEventSink events;
  auto ingest = OpenIngest(**store, events);
  if (!ingest.ok()) {
    std::fprintf(stderr, "webcare demo: %s\n", ingest.status().ToString().c_str());
    return 1;
  }
  ingest::Ingestor& ingestor = (*ingest)->ingestor;
  ProgressDisplay progress("demo posts", stderr, clock);
  std::vector<core::NewPost> batch;
  int64_t generated = 0, inserted = 0;
  const auto flush = [&]() -> absl::Status {
    auto result = ingestor.Ingest(batch);
    if (!result.ok()) return result.status();
    inserted += result->inserted;
    batch.clear();
    progress.Update(generated, static_cast<double>(generated) / std::max<int64_t>(1, flags.posts));
    return absl::OkStatus();
  };
  absl::Status status = ingest::demo::GenerateDemoWorld(
      {.posts = flags.posts, .seed = flags.seed, .end_time = *end}, [&](core::NewPost&& post) {
        // Demo posts keep their interchange form as the raw payload, like imported ones.
        post.raw = ingest::ToJsonLine(post);
        batch.push_back(std::move(post));
        ++generated;
        return batch.size() >= kBatchSize ? flush() : absl::OkStatus();
      });
  if (status.ok() && !batch.empty()) status = flush();
  if (status.ok()) status = CreateDemoLogins(**store, clock);
  if (!status.ok()) {
    std::fprintf(stderr, "\nwebcare demo: %s\n", status.ToString().c_str());
    return 1;
  }
  progress.Finish(generated, base::StrCat("(", base::WithThousands(inserted), " new)"));
  std::fprintf(stderr, "Demo log-ins (password \"%s\"):\n", kDemoPassword);
  for (const DemoLogin& login : kDemoLogins) {
    std::fprintf(stderr, "  %-22s %s\n", login.email, core::RoleName(login.role));
  }
  return 0;
}

}  // namespace webcare::app
