#include "bench/import_bench.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "base/status.h"
#include "base/strings.h"
#include "bench/bench_util.h"
#include "bench/raw_sqlite.h"
#include "core/event.h"
#include "ingest/demo/demo_streams.h"
#include "ingest/demo/demo_world.h"
#include "ingest/ingestor.h"
#include "ingest/interchange.h"
#include "ingest/jsonl_importer.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::bench {
namespace {

constexpr base::Micros kImportProgressInterval = 5 * base::kMicrosPerSecond;
constexpr size_t kBaselineBatchesPerChunk = 40;  // Rows loaded (untimed) between timed runs.

// Sent from the import child to the parent through a pipe; plain data only.
struct ChildReport {
  bool ok = false;
  double seconds = 0;
  double cpu_seconds = 0;
  int64_t inserted = 0;
  int64_t duplicates = 0;
  int64_t rejected = 0;
  double peak_mb = 0;
  double start_mb = 0;
  char error[512] = {};
};

void SetError(ChildReport& report, std::string_view message) {
  const size_t n = std::min(message.size(), sizeof report.error - 1);
  std::memcpy(report.error, message.data(), n);
  report.error[n] = '\0';
}

// Runs in the forked child: what `webcare import FILE` does, timed from opening the store to
// closing it.
ChildReport RunImportChild(const std::string& jsonl, const std::string& db_path,
                           size_t batch_size) {
  ChildReport report;
  report.start_mb = ProcStatusMB("VmRSS");
  std::FILE* input = std::fopen(jsonl.c_str(), "rb");
  if (input == nullptr) {
    SetError(report, base::StrCat("cannot open ", jsonl, ": ", std::strerror(errno)));
    return report;
  }
  struct stat info {};
  const int64_t size = fstat(fileno(input), &info) == 0 ? info.st_size : -1;
  const base::Clock& clock = base::SystemClock::Instance();
  const double cpu_start = ProcessCpuSeconds();
  Stopwatch watch;
  absl::StatusOr<ingest::ImportSummary> summary = absl::UnknownError("not run");
  {
    auto store = storage::sqlite::SqliteStore::Open({.path = db_path}, clock);
    if (!store.ok()) {
      std::fclose(input);
      SetError(report, store.status().ToString());
      return report;
    }
    // As `webcare import` into a demo data folder: the demo streams and the whole analysis
    // pipeline run on every post.
    if (absl::Status seeded = ingest::demo::SeedDemoConfiguration(**store); !seeded.ok()) {
      std::fclose(input);
      SetError(report, seeded.ToString());
      return report;
    }
    core::NullEventSink events;
    analysis::Pipeline pipeline;
    ingest::Ingestor ingestor(**store, events, pipeline);
    if (absl::Status loaded = ingestor.ReloadConfiguration(); !loaded.ok()) {
      std::fclose(input);
      SetError(report, loaded.ToString());
      return report;
    }
    ingest::JsonlImporter importer(ingestor, clock);
    ingest::ImportOptions options;
    options.batch_size = batch_size;
    options.progress_interval = kImportProgressInterval;
    options.on_progress = [&](const ingest::ImportProgress& p) {
      Progress(base::StrCat("import (ours): ", base::WithThousands(p.inserted), " posts stored, ",
                            p.total_bytes > 0 ? 100 * p.bytes_read / p.total_bytes : 0, "% read, ",
                            p.elapsed / 1'000'000, " s"));
    };
    int64_t shown = 0;
    options.on_reject = [&](const ingest::RejectedLine& line) {
      if (++shown <= 5) {
        Progress(
            base::StrCat("import (ours): line ", line.line_number, " rejected: ", line.reason));
      }
    };
    summary = importer.Import(input, size, options);
  }  // The store's destructor checkpoints the WAL, as at the end of `webcare import`.
  report.seconds = watch.Seconds();
  report.cpu_seconds = ProcessCpuSeconds() - cpu_start;
  report.peak_mb = ProcStatusMB("VmHWM");
  std::fclose(input);
  if (!summary.ok()) {
    SetError(report, summary.status().ToString());
    return report;
  }
  report.inserted = summary->totals.inserted;
  report.duplicates = summary->totals.duplicates;
  report.rejected = summary->totals.rejected;
  report.ok = true;
  return report;
}

// One posts row plus its raw line, loaded before the timed inserts.
struct PostRow {
  int64_t conversation_id = 0;
  int64_t author_id = 0;
  std::string network, channel, external_id, text;
  int64_t created_at = 0;
  int64_t ingested_at = 0;
  std::string in_reply_to, url, direction;
  int64_t is_private = 0;
  std::string attachments, metrics, raw;
  // The analysis columns as ours stored them (kAnalysisColumnCount values), and the ids of
  // the streams the post matched: the baseline writes the same rows, only without the work.
  std::vector<std::unique_ptr<sqlite3_value, decltype(&sqlite3_value_free)>> analysis;
  std::vector<int64_t> streams;
};

constexpr int kAnalysisColumnCount = 13;
constexpr char kAnalysisColumns[] =
    "analysed, language, language_confidence, sentiment_score, sentiment_label,"
    " sentiment_explanation, intent, is_question, has_link, tags, priority, team_id, reasons";

// Binds text, or NULL for the empty string (as the store does for optional columns).
void BindText(sqlite3_stmt* stmt, int index, const std::string& text, bool optional) {
  if (optional && text.empty()) {
    sqlite3_bind_null(stmt, index);
  } else {
    sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
}

absl::Status InsertBatch(sqlite3* db, sqlite3_stmt* post, sqlite3_stmt* payload,
                         sqlite3_stmt* post_stream, const PostRow* rows, size_t count) {
  RETURN_IF_ERROR(ExecRaw(db, "BEGIN IMMEDIATE"));
  for (size_t i = 0; i < count; ++i) {
    const PostRow& row = rows[i];
    sqlite3_bind_int64(post, 1, row.conversation_id);
    sqlite3_bind_int64(post, 2, row.author_id);
    BindText(post, 3, row.network, false);
    BindText(post, 4, row.channel, false);
    BindText(post, 5, row.external_id, false);
    BindText(post, 6, row.text, false);
    sqlite3_bind_int64(post, 7, row.created_at);
    sqlite3_bind_int64(post, 8, row.ingested_at);
    BindText(post, 9, row.in_reply_to, true);
    BindText(post, 10, row.url, true);
    BindText(post, 11, row.direction, false);
    sqlite3_bind_int64(post, 12, row.is_private);
    BindText(post, 13, row.attachments, true);
    BindText(post, 14, row.metrics, true);
    for (int i = 0; i < kAnalysisColumnCount; ++i) sqlite3_bind_value(post, 15 + i, row.analysis[i].get());
    int code = sqlite3_step(post);
    sqlite3_reset(post);
    if (code != SQLITE_DONE) return RawError(db, code, "baseline insert into posts");
    const int64_t id = sqlite3_last_insert_rowid(db);
    for (const int64_t stream : row.streams) {
      sqlite3_bind_int64(post_stream, 1, id);
      sqlite3_bind_int64(post_stream, 2, stream);
      code = sqlite3_step(post_stream);
      sqlite3_reset(post_stream);
      if (code != SQLITE_DONE) return RawError(db, code, "baseline insert into post_streams");
    }
    sqlite3_bind_int64(payload, 1, id);
    sqlite3_bind_blob(payload, 2, row.raw.data(), static_cast<int>(row.raw.size()), SQLITE_STATIC);
    code = sqlite3_step(payload);
    sqlite3_reset(payload);
    if (code != SQLITE_DONE) return RawError(db, code, "baseline insert into post_payloads");
  }
  return ExecRaw(db, "COMMIT");
}

// Fills `rows` with up to `limit` rows from `source` (posts of ours, by id) and `input`
// (the JSONL lines in the same order). Returns how many were read; fewer than `limit` at the end.
absl::StatusOr<size_t> LoadRows(sqlite3_stmt* source, std::FILE* input, size_t limit,
                                std::vector<PostRow>& rows) {
  rows.resize(limit);
  char* line = nullptr;
  size_t capacity = 0;
  size_t n = 0;
  absl::Status status;
  while (n < limit) {
    const int code = sqlite3_step(source);
    if (code == SQLITE_DONE) break;
    if (code != SQLITE_ROW) {
      status = RawError(sqlite3_db_handle(source), code, "reading posts of ours");
      break;
    }
    ssize_t length;
    do {
      length = getline(&line, &capacity, input);
    } while (length >= 0 && (length == 0 || line[0] == '\n'));
    if (length < 0) {
      status = absl::FailedPreconditionError("the JSONL file has fewer lines than posts stored");
      break;
    }
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) --length;
    PostRow& row = rows[n++];
    row.conversation_id = sqlite3_column_int64(source, 0);
    row.author_id = sqlite3_column_int64(source, 1);
    row.network = ColumnText(source, 2);
    row.channel = ColumnText(source, 3);
    row.external_id = ColumnText(source, 4);
    row.text = ColumnText(source, 5);
    row.created_at = sqlite3_column_int64(source, 6);
    row.ingested_at = sqlite3_column_int64(source, 7);
    row.in_reply_to = ColumnText(source, 8);
    row.url = ColumnText(source, 9);
    row.direction = ColumnText(source, 10);
    row.is_private = sqlite3_column_int64(source, 11);
    row.attachments = ColumnText(source, 12);
    row.metrics = ColumnText(source, 13);
    row.analysis.clear();
    for (int i = 0; i < kAnalysisColumnCount; ++i) {
      row.analysis.emplace_back(sqlite3_value_dup(sqlite3_column_value(source, 14 + i)), &sqlite3_value_free);
    }
    row.streams.clear();
    for (const std::string_view id : base::Split(ColumnText(source, 14 + kAnalysisColumnCount), ',')) {
      int64_t stream = 0;
      if (base::ParseInt(id, stream)) row.streams.push_back(stream);
    }
    row.raw.assign(line, static_cast<size_t>(length));
  }
  std::free(line);
  if (!status.ok()) return status;
  rows.resize(n);
  return n;
}

}  // namespace

absl::StatusOr<GenerateResult> GenerateJsonl(const std::string& path, int64_t posts, uint64_t seed,
                                             base::Micros end_time) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    return absl::FailedPreconditionError(
        base::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  std::vector<char> buffer(1 << 20);
  std::setvbuf(out, buffer.data(), _IOFBF, buffer.size());
  GenerateResult result;
  Stopwatch watch;
  const int64_t step = std::max<int64_t>(posts / 5, 1);
  const absl::Status status = ingest::demo::GenerateDemoWorld(
      {.posts = posts, .seed = seed, .end_time = end_time}, [&](core::NewPost&& post) {
        std::string line = ingest::ToJsonLine(post);
        line.push_back('\n');
        if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) {
          return absl::DataLossError(base::StrCat("cannot write ", path));
        }
        result.bytes += static_cast<int64_t>(line.size());
        if (++result.posts % step == 0) {
          Progress(base::StrCat("generate: ", base::WithThousands(result.posts), " posts"));
        }
        return absl::OkStatus();
      });
  const bool closed = std::fclose(out) == 0;
  RETURN_IF_ERROR(status);
  if (!closed) return absl::DataLossError(base::StrCat("cannot write ", path));
  result.seconds = watch.Seconds();
  return result;
}

absl::StatusOr<ImportMeasurement> MeasureImport(const std::string& jsonl,
                                                const std::string& db_path, size_t batch_size) {
  int fds[2];
  if (pipe(fds) != 0) return absl::InternalError("pipe() failed");
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid < 0) return absl::InternalError(base::StrCat("fork() failed: ", std::strerror(errno)));
  if (pid == 0) {
    close(fds[0]);
    const ChildReport report = RunImportChild(jsonl, db_path, batch_size);
    const char* data = reinterpret_cast<const char*>(&report);
    size_t written = 0;
    while (written < sizeof report) {
      const ssize_t n = write(fds[1], data + written, sizeof report - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    std::fflush(stderr);
    _exit(report.ok ? 0 : 1);
  }
  close(fds[1]);
  ChildReport report;
  char* data = reinterpret_cast<char*>(&report);
  size_t got = 0;
  while (got < sizeof report) {
    const ssize_t n = read(fds[0], data + got, sizeof report - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fds[0]);
  int wait_status = 0;
  waitpid(pid, &wait_status, 0);
  if (got != sizeof report) {
    return absl::InternalError(
        base::StrCat("the import child died (wait status ", wait_status, ") before reporting"));
  }
  if (!report.ok) return absl::InternalError(base::StrCat("import failed: ", report.error));
  return ImportMeasurement{.seconds = report.seconds,
                           .cpu_seconds = report.cpu_seconds,
                           .inserted = report.inserted,
                           .duplicates = report.duplicates,
                           .rejected = report.rejected,
                           .peak_mb = report.peak_mb,
                           .start_mb = report.start_mb};
}

absl::StatusOr<BaselineMeasurement> MeasureBaselineImport(const std::string& jsonl,
                                                          const std::string& ours_db,
                                                          const std::string& db_path,
                                                          size_t batch_size) {
  {
    // The same schema as ours: every migration, applied by the store itself.
    auto store =
        storage::sqlite::SqliteStore::Open({.path = db_path}, base::SystemClock::Instance());
    if (!store.ok()) return store.status();
  }
  ASSIGN_OR_RETURN(RawDb db, OpenRaw(db_path, /*read_only=*/false));
  RETURN_IF_ERROR(ExecRaw(db.get(), kStoreWriterPragmas));
  {
    // Authors and conversations exist before the timed part: the baseline only inserts posts.
    char* attach = sqlite3_mprintf("ATTACH DATABASE %Q AS ours", ours_db.c_str());
    const absl::Status attached = ExecRaw(db.get(), attach);
    sqlite3_free(attach);
    RETURN_IF_ERROR(attached);
    RETURN_IF_ERROR(ExecRaw(db.get(),
                            "BEGIN;"
                            "INSERT INTO main.teams SELECT * FROM ours.teams;"
                            "INSERT INTO main.streams SELECT * FROM ours.streams;"
                            "INSERT INTO main.authors SELECT * FROM ours.authors;"
                            "INSERT INTO main.conversations SELECT * FROM ours.conversations;"
                            "COMMIT;"
                            "DETACH DATABASE ours;"));
  }
  ASSIGN_OR_RETURN(RawDb source_db, OpenRaw(ours_db, /*read_only=*/true));
  ASSIGN_OR_RETURN(
      RawStmt source,
      PrepareRaw(
          source_db.get(),
          base::StrCat("SELECT conversation_id, author_id, network, channel, external_id, text,"
                       " created_at, ingested_at, in_reply_to, url, direction, private,"
                       " attachments, metrics, ", kAnalysisColumns,
                       ", (SELECT group_concat(stream_id) FROM post_streams WHERE post_id = posts.id)"
                       " FROM posts ORDER BY id")));
  ASSIGN_OR_RETURN(
      RawStmt post,
      PrepareRaw(
          db.get(),
          base::StrCat("INSERT INTO posts (conversation_id, author_id, network, channel,"
                       " external_id, text, created_at, ingested_at, in_reply_to, url, direction,"
                       " private, attachments, metrics, ", kAnalysisColumns, ") VALUES (?, ?, ?,"
                       " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
  ASSIGN_OR_RETURN(
      RawStmt post_stream,
      PrepareRaw(db.get(), "INSERT INTO post_streams (post_id, stream_id) VALUES (?, ?)"));
  ASSIGN_OR_RETURN(
      RawStmt payload,
      PrepareRaw(db.get(), "INSERT INTO post_payloads (post_id, payload) VALUES (?, ?)"));
  std::FILE* input = std::fopen(jsonl.c_str(), "rb");
  if (input == nullptr) {
    return absl::FailedPreconditionError(base::StrCat("cannot open ", jsonl));
  }

  BaselineMeasurement result;
  std::vector<PostRow> rows;
  absl::Status status;
  int64_t next_report = 200'000;
  const size_t chunk = batch_size * kBaselineBatchesPerChunk;
  bool more = true;
  while (status.ok() && more) {
    auto loaded = LoadRows(source.get(), input, chunk, rows);
    if (!loaded.ok()) {
      status = loaded.status();
      break;
    }
    more = *loaded == chunk;  // A short chunk is the last (stepping on would restart the query).
    Stopwatch watch;
    const double cpu_start = ProcessCpuSeconds();
    for (size_t first = 0; first < *loaded && status.ok(); first += batch_size) {
      status = InsertBatch(db.get(), post.get(), payload.get(), post_stream.get(), rows.data() + first,
                           std::min(batch_size, *loaded - first));
    }
    result.seconds += watch.Seconds();
    result.cpu_seconds += ProcessCpuSeconds() - cpu_start;
    result.inserted += static_cast<int64_t>(*loaded);
    if (result.inserted >= next_report) {
      next_report += 200'000;
      Progress(base::StrCat("import (baseline): ", base::WithThousands(result.inserted),
                            " posts stored, ", static_cast<int64_t>(result.seconds), " s timed"));
    }
  }
  std::fclose(input);
  RETURN_IF_ERROR(status);
  // Closing is timed as in ours: the store's destructor runs the same checkpoint.
  post.reset();
  payload.reset();
  post_stream.reset();
  Stopwatch close_watch;
  const double cpu_start = ProcessCpuSeconds();
  RETURN_IF_ERROR(ExecRaw(db.get(), "PRAGMA wal_checkpoint(TRUNCATE);"));
  db.reset();
  result.seconds += close_watch.Seconds();
  result.cpu_seconds += ProcessCpuSeconds() - cpu_start;
  return result;
}

}  // namespace webcare::bench
