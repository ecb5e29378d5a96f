#include "bench/stream_bench.h"

// The raw baseline uses Vectorscan directly, as raw_sqlite.cc uses SQLite: bare library calls
// to measure webcare's code against.
#include <hs/hs.h>
#include <time.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "analysis/language/language.h"
#include "analysis/matcher/matcher.h"
#include "analysis/query/evaluator.h"
#include "analysis/query/parser.h"
#include "base/status.h"
#include "base/strings.h"
#include "bench/bench_util.h"
#include "bench/stream_generator.h"
#include "ingest/demo/demo_world.h"
#ifdef WEBCARE_BENCH_PIPELINE
#include "analysis/pipeline/pipeline.h"
#include "core/people.h"
#endif

namespace webcare::bench {
namespace {

namespace matcher = analysis::matcher;
namespace query = analysis::query;

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// A demo post with the fields a stream can ask about. Language comes from the language
// detector and the other fields from the post, all computed before timing; the sentiment
// label is drawn at random (the matcher only compares it).
struct BenchPost {
  core::NewPost post;
  std::string language;
  std::string sentiment;
  bool is_question = false;
  bool has_link = false;

  query::PostView View() const {
    return {.text = post.text,
            .language = language,
            .network = post.network,
            .channel = post.channel,
            .author_handle = post.author.handle,
            .author_name = post.author.name,
            .followers = post.author.followers,
            .sentiment = sentiment,
            .is_question = is_question,
            .is_reply = !post.in_reply_to.empty(),
            .is_private = post.is_private,
            .has_link = has_link,
            .has_attachment = !post.attachments.empty(),
            .streams = {}};
  }
};

absl::StatusOr<std::vector<BenchPost>> MakePosts(const StreamBenchOptions& options) {
  std::vector<BenchPost> posts;
  posts.reserve(static_cast<size_t>(options.posts));
  uint64_t draw = options.seed;
  RETURN_IF_ERROR(ingest::demo::GenerateDemoWorld(
      {.posts = options.posts, .seed = options.seed, .end_time = options.end_time},
      [&](core::NewPost&& post) {
        BenchPost bench;
        bench.language = analysis::language::Detect(post.text).code;
        draw = draw * 6364136223846793005ULL + 1442695040888963407ULL;
        const uint64_t pick = (draw >> 33) % 10;
        bench.sentiment = pick < 4 ? "negative" : pick < 8 ? "neutral" : "positive";
        bench.is_question = post.text.find('?') != std::string::npos;
        bench.has_link = post.text.find("http") != std::string::npos;
        bench.post = std::move(post);
        posts.push_back(std::move(bench));
        return absl::OkStatus();
      }));
  return posts;
}

// The words, phrases and tags of a query as typed ("ov-chipkaart", "werkt niet", "#storing").
void CollectLiterals(const query::Node& node, std::set<std::string>& out) {
  if (node.kind == query::NodeKind::kTerm) {
    const char* sigil = node.term.kind == query::TermKind::kHashtag   ? "#"
                        : node.term.kind == query::TermKind::kMention ? "@"
                                                                      : "";
    out.insert(base::StrCat(sigil, node.term.text));
  }
  for (const query::Node& child : node.children) CollectLiterals(child, out);
}

// The raw baseline: the literals in one caseless block-mode database, first match per literal.
class RawScanner {
 public:
  RawScanner() = default;
  RawScanner(const RawScanner&) = delete;
  RawScanner& operator=(const RawScanner&) = delete;
  ~RawScanner() {
    if (scratch_ != nullptr) hs_free_scratch(scratch_);
    if (database_ != nullptr) hs_free_database(database_);
  }

  absl::Status Compile(const std::set<std::string>& literals) {
    std::vector<const char*> patterns;
    std::vector<size_t> lengths;
    std::vector<unsigned int> flags, ids;
    for (const std::string& literal : literals) {
      patterns.push_back(literal.data());
      lengths.push_back(literal.size());
      flags.push_back(HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);
      ids.push_back(static_cast<unsigned int>(ids.size()));
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(patterns.data(), flags.data(), ids.data(), lengths.data(),
                             static_cast<unsigned int>(patterns.size()), HS_MODE_BLOCK, nullptr,
                             &database_, &error) != HS_SUCCESS) {
      const std::string message = error != nullptr ? error->message : "?";
      hs_free_compile_error(error);
      return absl::InternalError(base::StrCat("raw Vectorscan compile: ", message));
    }
    if (hs_alloc_scratch(database_, &scratch_) != HS_SUCCESS) {
      return absl::InternalError("raw Vectorscan scratch");
    }
    return absl::OkStatus();
  }

  // Literals found in `text`.
  int Scan(std::string_view text) {
    int hits = 0;
    hs_scan(
        database_, text.data(), static_cast<unsigned int>(text.size()), 0, scratch_,
        [](unsigned int, unsigned long long, unsigned long long, unsigned int, void* context) {
          ++*static_cast<int*>(context);
          return 0;
        },
        &hits);
    return hits;
  }

 private:
  hs_database_t* database_ = nullptr;
  hs_scratch_t* scratch_ = nullptr;
};

// Keeps the work of the timed loops from being optimised away.
int64_t sink = 0;

// One timed pass of `match` over the first `count` posts; keeps the best pass in `out`.
template <typename Match>
void TimePass(const std::vector<BenchPost>& posts, int64_t count, Match&& match, Throughput& out) {
  const double cpu_start = ThreadCpuSeconds();
  Stopwatch watch;
  for (int64_t i = 0; i < count; ++i) sink += match(posts[static_cast<size_t>(i)]);
  const double cpu = ThreadCpuSeconds() - cpu_start;
  const double wall = watch.Seconds();
  out.posts = count;
  out.posts_per_cpu_s = std::max(out.posts_per_cpu_s, static_cast<double>(count) / cpu);
  out.posts_per_wall_s = std::max(out.posts_per_wall_s, static_cast<double>(count) / wall);
}

absl::StatusOr<StreamFigure> MeasureAt(const StreamBenchOptions& options,
                                       const std::vector<BenchPost>& posts,
                                       const std::vector<std::string>& all_queries, int count) {
  StreamFigure figure;
  figure.streams = count;
  std::vector<matcher::StreamQuery> streams;
  std::vector<query::Filter> filters;
  std::set<std::string> literals;
  for (int i = 0; i < count; ++i) {
    auto parsed = query::Parse(all_queries[static_cast<size_t>(i)]);
    if (!parsed.ok()) {
      return absl::InternalError(base::StrCat("generated stream ", i, " (",
                                              all_queries[static_cast<size_t>(i)],
                                              ") does not parse: ", parsed.status().message()));
    }
    CollectLiterals(parsed->root, literals);
    filters.emplace_back(*parsed);
    streams.push_back({.id = i + 1, .query = std::move(*parsed)});
  }
  figure.raw_literals = static_cast<int64_t>(literals.size());
  RawScanner raw;
  RETURN_IF_ERROR(raw.Compile(literals));
  Stopwatch compile_watch;
  ASSIGN_OR_RETURN(const std::shared_ptr<const matcher::CompiledStreams> compiled,
                   matcher::CompiledStreams::Compile(streams));
  figure.compile_ms = compile_watch.Millis();

  const int64_t all = static_cast<int64_t>(posts.size());
  const int64_t naive_posts =
      std::clamp<int64_t>(options.naive_filter_runs / count, std::min<int64_t>(all, 200), all);

  // Untimed: the matcher must report what the filters report.
  std::vector<int64_t> ids, expected;
  int64_t matched = 0;
  for (int64_t i = 0; i < all; ++i) {
    const query::PostView view = posts[static_cast<size_t>(i)].View();
    const query::AnalysedText text = query::AnalyseText(view.text);
    compiled->Match(view, text, &ids);
    matched += static_cast<int64_t>(ids.size());
    if (i >= naive_posts) continue;
    expected.clear();
    for (size_t s = 0; s < filters.size(); ++s) {
      if (filters[s].Matches(view, text)) expected.push_back(static_cast<int64_t>(s) + 1);
    }
    if (ids != expected) {
      return absl::InternalError(base::StrCat("the matcher and the filters disagree on post ", i,
                                              ": ", posts[static_cast<size_t>(i)].post.text));
    }
  }
  figure.matches_per_post = static_cast<double>(matched) / static_cast<double>(all);

  const auto raw_match = [&](const BenchPost& post) { return raw.Scan(post.post.text); };
  const auto our_match = [&](const BenchPost& post) {
    const query::PostView view = post.View();
    compiled->Match(view, query::AnalyseText(view.text), &ids);
    return static_cast<int64_t>(ids.size());
  };
  const auto naive_match = [&](const BenchPost& post) {
    const query::PostView view = post.View();
    const query::AnalysedText text = query::AnalyseText(view.text);
    int64_t hits = 0;
    for (const query::Filter& filter : filters) hits += filter.Matches(view, text) ? 1 : 0;
    return hits;
  };

#ifdef WEBCARE_BENCH_PIPELINE
  analysis::Pipeline pipeline;
  std::vector<core::Stream> configured;
  for (int i = 0; i < count; ++i) {
    configured.push_back({.id = core::StreamId(i + 1),
                          .name = base::StrCat("stream ", i + 1),
                          .query = all_queries[static_cast<size_t>(i)],
                          .owner_team = {},
                          .colour = "#d97706"});
  }
  RETURN_IF_ERROR(pipeline.SetStreams(configured));
  const int64_t pipeline_posts = std::min(all, options.pipeline_posts);
  const auto pipeline_match = [&](const BenchPost& post) {
    return static_cast<int64_t>(pipeline.Analyze(post.post).streams.size());
  };
  figure.pipeline.emplace();
#endif

  // Warm-up, then the rounds; the ways take turns so that a disturbance hits all of them.
  TimePass(posts, std::min<int64_t>(all, 2000), raw_match, figure.raw);
  TimePass(posts, std::min<int64_t>(all, 2000), our_match, figure.matcher);
  figure.raw = figure.matcher = {};
  for (int round = 0; round < options.rounds; ++round) {
    TimePass(posts, all, raw_match, figure.raw);
    TimePass(posts, all, our_match, figure.matcher);
    TimePass(posts, naive_posts, naive_match, figure.naive);
#ifdef WEBCARE_BENCH_PIPELINE
    TimePass(posts, pipeline_posts, pipeline_match, *figure.pipeline);
#endif
  }
  return figure;
}

}  // namespace

absl::StatusOr<StreamBenchResult> MeasureStreamMatching(const StreamBenchOptions& options) {
  StreamBenchResult result;
  Stopwatch watch;
  ASSIGN_OR_RETURN(const std::vector<BenchPost> posts, MakePosts(options));
  result.posts = static_cast<int64_t>(posts.size());
  result.generate_seconds = watch.Seconds();
  if (posts.empty()) return absl::InvalidArgumentError("no posts to match");
  Progress(base::StrCat("streams: ", base::WithThousands(result.posts), " demo posts in ",
                        result.generate_seconds, " s"));
  const int most = *std::max_element(options.stream_counts.begin(), options.stream_counts.end());
  const std::vector<std::string> queries = GenerateStreamQueries(most, options.seed);
  for (const int count : options.stream_counts) {
    ASSIGN_OR_RETURN(StreamFigure figure, MeasureAt(options, posts, queries, count));
    Progress(base::StrCat(
        "streams: ", base::WithThousands(count), ": raw ",
        static_cast<int64_t>(figure.raw.posts_per_cpu_s), " posts/s, matcher ",
        static_cast<int64_t>(figure.matcher.posts_per_cpu_s), ", naive ",
        static_cast<int64_t>(figure.naive.posts_per_cpu_s), " (",
        base::WithThousands(figure.naive.posts), " posts)",
        figure.pipeline
            ? base::StrCat(", pipeline ", static_cast<int64_t>(figure.pipeline->posts_per_cpu_s))
            : std::string(", pipeline not built"),
        "; ", figure.matches_per_post, " matches/post, compiled in ", figure.compile_ms, " ms"));
    result.figures.push_back(std::move(figure));
  }
  return result;
}

}  // namespace webcare::bench
