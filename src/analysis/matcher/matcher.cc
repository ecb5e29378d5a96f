#include "analysis/matcher/matcher.h"

#include <hs/hs.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "analysis/matcher/matcher_internal.h"
#include "analysis/query/tokenizer.h"
#include "base/status.h"
#include "base/strings.h"

namespace webcare::analysis::matcher {
namespace {

using query::Field;
using query::NodeKind;
using query::PostView;
using query::TermKind;

std::atomic<bool> force_fallback_scan{false};

// Every compiled set gets its own number, so a thread's cached scratch space is keyed by
// something that is never reused (an address could be, once the old set is freed).
std::atomic<uint64_t> next_generation{1};

// A signal is one yes-or-no fact about a post that some stream tests, decided once per post
// however many streams test it. Each distinct query term is a text signal, found by one
// Vectorscan scan of a buffer built from the post's analysed text (BuildBuffer):
//
//   " tok1 tok2 ... tokN #hashtag1 ... @mention1 ... "
//
// Tokens are folded already and hold no ASCII byte but [0-9a-z] (tokenizer.h), tags hold no
// space and no '#', so a space marks every token boundary and no pattern of one section can
// match inside the other. Each term becomes one case-sensitive literal pattern:
//   phrase "a b"     " a b "          prefix "a b*"   " a b"
//   hashtag #x       " #x "           prefix #x*      " #x"
//   mention @x       " @x " or " @x@" (the account x on any server)   prefix @x*  " @x"
// which occurs in the buffer exactly when query::Filter's term matches the post.
//
// Each distinct field filter (lang:nl, followers:>1000, ...) is a field signal, decided per
// post by a hash look-up of the post's value or a comparison (ComputeFieldSignals).
struct Signal {
  std::string pattern;         // Text signals; empty for field signals.
  std::string alternate;       // Exact mentions: the " @x@" form; empty otherwise.
  int32_t field = -1;          // Field signals: index in fields_.
  int32_t position_slot = -1;  // Used by a NEAR: every occurrence is recorded, see Record().
  int64_t first_stream = 0;    // For error messages.
  // For choosing anchors (Cost): how many streams test the signal, and roughly how often it
  // is true for a post relative to other signals.
  uint32_t streams = 0;
  int64_t last_stream = 0;  // The last stream counted in `streams`.
  double commonness = 1;
};

enum class Op : uint8_t { kSignal, kNear, kAnd, kOr, kNot };

// One node of a stream's query as evaluated at match time. A stream is its tree in pre-order,
// every node followed by its subtree, so evaluating a stream reads one short run of memory: at
// 10,000 streams the streams woken by a post lie far apart, and each costs a cache miss or two
// rather than one per node. Terms and field filters alike are signal look-ups.
struct Instr {
  Op op = Op::kSignal;
  uint32_t arg = 0;   // kSignal: the signal; kNear: index in nears_.
  uint32_t size = 1;  // Nodes in this subtree, itself included; the first child follows.
};

struct NearTest {
  uint32_t first = 0;  // Text signals of the two phrases.
  uint32_t second = 0;
  uint32_t first_tokens = 0;  // Their lengths in tokens.
  uint32_t second_tokens = 0;
  int32_t distance = 0;
};

// A field filter with its values folded ahead of time, as query::Filter folds them.
struct FieldTest {
  query::FieldFilter filter;
  std::string value;       // ASCII lower case; author: without leading '@'s.
  std::string name_value;  // author: the whole value in lower case, compared with the name.
  uint32_t signal = 0;
};

std::string_view StripAts(std::string_view text) {
  while (!text.empty() && text.front() == '@') text.remove_prefix(1);
  return text;
}

void LowerInto(std::string_view text, std::string& out) {
  out.assign(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
}

bool NumberMatches(const query::NumberTest& test, int64_t count) {
  if (count < 0) return false;  // Unknown reach matches no comparison, as in query::Filter.
  switch (test.op) {
    case query::Comparison::kEq:
      return count == test.value;
    case query::Comparison::kLt:
      return count < test.value;
    case query::Comparison::kLe:
      return count <= test.value;
    case query::Comparison::kGt:
      return count > test.value;
    case query::Comparison::kGe:
      return count >= test.value;
    case query::Comparison::kRange:
      return count >= test.value && count <= test.upper;
  }
  return false;
}

// The filters that are not looked up by value: followers, sentiment, has: and is:.
bool DirectFieldMatches(const FieldTest& test, const PostView& post) {
  switch (test.filter.field) {
    case Field::kFollowers:
      return NumberMatches(test.filter.number, post.followers);
    case Field::kSentiment:
      return post.sentiment == query::SentimentName(test.filter.sentiment);
    case Field::kHas:
    case Field::kIs:
      switch (test.filter.flag) {
        case query::Flag::kLink:
          return post.has_link;
        case query::Flag::kAttachment:
          return post.has_attachment;
        case query::Flag::kQuestion:
          return post.is_question;
        case query::Flag::kReply:
          return post.is_reply;
        case query::Flag::kPrivate:
          return post.is_private;
      }
      return false;
    default:
      return false;  // Looked up by value (FieldIndex).
  }
}

// FTS5's NEAR on start positions (ascending) of two phrases, exactly as query::Filter decides
// it: some pair with at most `distance` tokens between the end of the earlier phrase and the
// start of the later one; overlaps count.
bool NearMatches(const std::vector<uint32_t>& as, const std::vector<uint32_t>& bs, int64_t a_size,
                 int64_t b_size, int64_t distance) {
  for (const uint32_t sa : as) {
    const int64_t low = static_cast<int64_t>(sa) - b_size - distance;
    const int64_t high = static_cast<int64_t>(sa) + a_size + distance;
    const auto it =
        std::lower_bound(bs.begin(), bs.end(), static_cast<uint32_t>(std::max<int64_t>(low, 0)));
    if (it != bs.end() && static_cast<int64_t>(*it) <= high) return true;
  }
  return false;
}

// What one thread needs to match a post: the Vectorscan scratch space and buffers that keep
// their capacity from post to post. Shared by every compiled set the thread uses.
struct ThreadState {
  ThreadState() = default;
  ThreadState(const ThreadState&) = delete;
  ThreadState& operator=(const ThreadState&) = delete;
  ~ThreadState() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }

  // Makes `scratch` fit `database`; false when Vectorscan cannot allocate it. One scratch
  // space grows to fit every database it was prepared for, so a thread that sees the old and
  // the new set during a swap prepares each once, not on every post.
  bool PrepareScratch(const hs_database_t* database, uint64_t generation) {
    if (std::find(fits.begin(), fits.end(), generation) != fits.end()) return true;
    if (hs_alloc_scratch(database, &scratch) != HS_SUCCESS) return false;
    fits[next_fit] = generation;
    next_fit = (next_fit + 1) % fits.size();
    return true;
  }

  hs_scratch_t* scratch = nullptr;
  std::array<uint64_t, 8> fits{};  // Generations `scratch` is known to fit (0: none).
  size_t next_fit = 0;

  std::string buffer;
  std::vector<uint32_t> token_starts;  // Offset in `buffer` of each token's first byte.
  std::string lowered;                 // A post's field value in lower case, for look-ups.
  // Signals true for this post: a bit each, and the list of set bits so that clearing them
  // afterwards costs as little as setting them. All bits are clear between calls.
  std::vector<uint64_t> hit_bits;
  std::vector<uint32_t> hits;
  std::vector<std::vector<uint32_t>> positions;  // Per position slot: token starts, ascending.
  // Streams already evaluated for this post (a stream may be woken by several of its
  // anchors), as bits and as a list to clear them by; all clear between calls.
  std::vector<uint64_t> seen_bits;
  std::vector<uint32_t> seen;
  std::vector<uint32_t> matched;  // Indices of the streams that matched.
};

ThreadState& LocalState() {
  thread_local ThreadState state;
  return state;
}

// Field signals decided by looking the post's value up: one hash look-up per field, however
// many streams filter on it.
struct FieldIndex {
  using Map = absl::flat_hash_map<std::string, std::vector<uint32_t>>;
  Map lang, network, channel;
  Map handle;  // author: by handle, or the user part of one ("anna" for anna@example.nl).
  Map name;    // author: by display name.
  std::vector<uint32_t> direct;  // Field tests compared one by one (DirectFieldMatches).
};

class Compiled final : public CompiledStreams {
 public:
  Compiled() : generation_(next_generation.fetch_add(1)) {}
  ~Compiled() override {
    if (database_ != nullptr) hs_free_database(database_);
  }
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;

  absl::Status Build(std::span<const StreamQuery> streams);

  void Match(const PostView& post, const query::AnalysedText& text,
             std::vector<int64_t>* out) const override;
  size_t size() const override { return ids_.size(); }

 private:
  struct ScanContext {
    const Compiled* self;
    ThreadState* state;
  };

  absl::Status Check(const query::Node& node) const;
  // Appends `node` and its subtree to program_.
  void Emit(const query::Node& node, int64_t stream_id);
  uint32_t TermSignal(const query::Term& term, int64_t stream_id);
  uint32_t FieldSignal(const query::FieldFilter& filter, int64_t stream_id);
  // The signal named `key`, made by `make` when new; counts `stream_id` as a user.
  template <typename Make>
  uint32_t Intern(const std::string& key, int64_t stream_id, Make&& make);
  // Signals of which at least one must be true for `node` to be true (preferring rare ones);
  // false when the node can be true without any.
  bool Anchors(const Instr* node, std::vector<uint32_t>* anchors) const;
  double Cost(const std::vector<uint32_t>& anchors) const;
  void IndexFields();
  absl::Status CompileDatabase();

  void BuildBuffer(const query::AnalysedText& text, ThreadState& state) const;
  void Record(ThreadState& state, uint32_t signal, size_t end) const;
  void SetHit(ThreadState& state, uint32_t signal) const {
    uint64_t& word = state.hit_bits[signal >> 6];
    const uint64_t bit = uint64_t{1} << (signal & 63);
    if ((word & bit) == 0) {
      word |= bit;
      state.hits.push_back(signal);
    }
  }
  void ClearHits(ThreadState& state) const;
  void Scan(ThreadState& state) const;
  void FallbackScan(ThreadState& state) const;
  void ComputeFieldSignals(const PostView& post, ThreadState& state) const;
  void LookUp(const FieldIndex::Map& map, std::string_view lowered, ThreadState& state) const;
  static int OnMatch(unsigned int id, unsigned long long from, unsigned long long to,
                     unsigned int flags, void* context);
  bool Evaluate(const Instr* node, const ThreadState& state) const;
  bool Hit(const ThreadState& state, uint32_t signal) const {
    return (state.hit_bits[signal >> 6] >> (signal & 63)) & 1;
  }

  const uint64_t generation_;
  // Streams in ascending id order; a stream's index is its position here.
  std::vector<int64_t> ids_;
  std::vector<uint32_t> roots_;  // Where each stream starts in program_.
  std::vector<Instr> program_;
  std::vector<NearTest> nears_;
  std::vector<Signal> signals_;
  std::vector<FieldTest> fields_;
  FieldIndex field_index_;
  bool has_text_signals_ = false;
  absl::flat_hash_map<std::string, uint32_t> signal_index_;  // Key -> signal; Build only.
  int32_t position_slots_ = 0;
  // The streams each signal anchors (CSR: anchored_[anchor_begin_[s] .. anchor_begin_[s+1])),
  // and the streams that can match without any signal, evaluated on every post.
  std::vector<uint32_t> anchor_begin_;
  std::vector<uint32_t> anchored_;
  std::vector<uint32_t> always_;
  hs_database_t* database_ = nullptr;  // Null when no stream has a term.
};

absl::Status Compiled::Check(const query::Node& node) const {
  // Parse() guarantees this shape (ast.h); trees built by hand are checked too, because the
  // evaluation relies on it.
  switch (node.kind) {
    case NodeKind::kTerm:
      if (node.term.kind == TermKind::kText && query::Tokenize(node.term.text).empty()) {
        return absl::InvalidArgumentError(
            base::StrCat("the search term \"", node.term.text, "\" holds no words"));
      }
      return absl::OkStatus();
    case NodeKind::kField:
      return absl::OkStatus();
    case NodeKind::kNot:
      if (node.children.size() != 1) return absl::InvalidArgumentError("NOT needs one operand");
      break;
    case NodeKind::kNear:
      if (node.children.size() != 2 ||
          std::any_of(node.children.begin(), node.children.end(), [](const query::Node& child) {
            return child.kind != NodeKind::kTerm || child.term.kind != TermKind::kText;
          })) {
        return absl::InvalidArgumentError("NEAR needs two words or phrases");
      }
      break;
    case NodeKind::kAnd:
    case NodeKind::kOr:
      break;
  }
  for (const query::Node& child : node.children) RETURN_IF_ERROR(Check(child));
  return absl::OkStatus();
}

template <typename Make>
uint32_t Compiled::Intern(const std::string& key, int64_t stream_id, Make&& make) {
  const auto [it, inserted] =
      signal_index_.try_emplace(key, static_cast<uint32_t>(signals_.size()));
  if (inserted) {
    signals_.push_back(make());
    signals_.back().first_stream = stream_id;
  }
  Signal& signal = signals_[it->second];
  if (signal.streams == 0 || signal.last_stream != stream_id) {
    ++signal.streams;
    signal.last_stream = stream_id;
  }
  return it->second;
}

uint32_t Compiled::TermSignal(const query::Term& term, int64_t stream_id) {
  const char* end = term.prefix ? "" : " ";
  std::string pattern, alternate;
  switch (term.kind) {
    case TermKind::kText:
      pattern = base::StrCat(" ", base::StrJoin(query::Tokenize(term.text), " "), end);
      break;
    case TermKind::kHashtag:
      pattern = base::StrCat(" #", query::FoldTag(term.text), end);
      break;
    case TermKind::kMention: {
      const std::string tag = query::FoldTag(term.text);
      pattern = base::StrCat(" @", tag, end);
      if (!term.prefix) alternate = base::StrCat(" @", tag, "@");
      break;
    }
  }
  // Patterns start with a space; field keys (FieldSignal) never do.
  return Intern(pattern, stream_id, [&] {
    has_text_signals_ = true;
    Signal signal;
    // Longer patterns occur in fewer posts.
    signal.commonness = 1.0 + 16.0 / static_cast<double>(pattern.size());
    signal.pattern = pattern;
    signal.alternate = alternate;
    return signal;
  });
}

uint32_t Compiled::FieldSignal(const query::FieldFilter& filter, int64_t stream_id) {
  FieldTest test;
  test.filter = filter;
  const std::string_view text = filter.text;
  test.value = base::AsciiLower(filter.field == Field::kAuthor ? StripAts(text) : text);
  test.name_value = base::AsciiLower(text);
  // Filters that decide alike share a signal: lang:NL and lang:nl, followers:>1k and >1000.
  std::string key = base::StrCat(query::FieldName(filter.field), ":");
  switch (filter.field) {
    case Field::kFollowers:
      base::StrAppend(key, static_cast<int>(filter.number.op), ":", filter.number.value, ":",
                      filter.number.upper);
      break;
    case Field::kSentiment:
      base::StrAppend(key, query::SentimentName(filter.sentiment));
      break;
    case Field::kHas:
    case Field::kIs:
      base::StrAppend(key, query::FlagName(filter.flag));
      break;
    default:
      base::StrAppend(key, test.value, "\n", test.name_value);
  }
  return Intern(key, stream_id, [&] {
    Signal signal;
    signal.field = static_cast<int32_t>(fields_.size());
    // Rough shares of posts: a language, network, sentiment or flag holds for a large part of
    // them, a follower threshold for fewer, a channel or author for few.
    switch (filter.field) {
      case Field::kLang:
      case Field::kNetwork:
      case Field::kSentiment:
      case Field::kHas:
      case Field::kIs:
        signal.commonness = 8;
        break;
      case Field::kFollowers:
        signal.commonness = 4;
        break;
      default:
        signal.commonness = 1.5;
    }
    test.signal = static_cast<uint32_t>(signals_.size());
    fields_.push_back(test);
    return signal;
  });
}

// Children of an AND or OR are laid out cheapest first, so that evaluation usually decides on
// signal bits alone; the order does not change the result.
int EvaluationRank(const query::Node& node) {
  switch (node.kind) {
    case NodeKind::kTerm:
    case NodeKind::kField:
      return 0;
    case NodeKind::kAnd:
    case NodeKind::kOr:
    case NodeKind::kNot:
      return 1;
    case NodeKind::kNear:
      return 2;
  }
  return 1;
}

void Compiled::Emit(const query::Node& node, int64_t stream_id) {
  const size_t at = program_.size();
  program_.emplace_back();
  Instr instr;
  switch (node.kind) {
    case NodeKind::kTerm:
      instr.op = Op::kSignal;
      instr.arg = TermSignal(node.term, stream_id);
      break;
    case NodeKind::kField:
      instr.op = Op::kSignal;
      instr.arg = FieldSignal(node.filter, stream_id);
      break;
    case NodeKind::kNear: {
      instr.op = Op::kNear;
      instr.arg = static_cast<uint32_t>(nears_.size());
      NearTest near;
      near.distance = node.near_distance;
      const query::Term& first = node.children[0].term;
      const query::Term& second = node.children[1].term;
      near.first = TermSignal(first, stream_id);
      near.second = TermSignal(second, stream_id);
      near.first_tokens = static_cast<uint32_t>(query::Tokenize(first.text).size());
      near.second_tokens = static_cast<uint32_t>(query::Tokenize(second.text).size());
      for (const uint32_t signal : {near.first, near.second}) {
        if (signals_[signal].position_slot < 0) {
          signals_[signal].position_slot = position_slots_++;
        }
      }
      nears_.push_back(near);
      break;
    }
    case NodeKind::kAnd:
    case NodeKind::kOr:
    case NodeKind::kNot: {
      instr.op = node.kind == NodeKind::kAnd  ? Op::kAnd
                 : node.kind == NodeKind::kOr ? Op::kOr
                                              : Op::kNot;
      std::vector<const query::Node*> children;
      for (const query::Node& child : node.children) children.push_back(&child);
      std::stable_sort(children.begin(), children.end(),
                       [](const query::Node* a, const query::Node* b) {
                         return EvaluationRank(*a) < EvaluationRank(*b);
                       });
      for (const query::Node* child : children) Emit(*child, stream_id);
      break;
    }
  }
  instr.size = static_cast<uint32_t>(program_.size() - at);
  program_[at] = instr;
}

// The expected work an anchor set causes: how often its signals are true for a post times how
// many streams they wake. Neither is known ahead, so both are estimated from the streams: a
// signal many streams test is a topic word ("storing", #storing, klant*) or a common filter,
// true for many posts and shared by the streams that choose it; one that few test is a name,
// true for few. A heuristic only: any valid anchor set gives the same answers, a good one
// merely wakes fewer streams.
double Compiled::Cost(const std::vector<uint32_t>& anchors) const {
  double cost = 0;
  for (const uint32_t index : anchors) {
    cost += signals_[index].streams * signals_[index].commonness;
  }
  return cost;
}

bool Compiled::Anchors(const Instr* node, std::vector<uint32_t>* anchors) const {
  const Instr* const end = node + node->size;
  switch (node->op) {
    case Op::kSignal:
      anchors->assign({node->arg});
      return true;
    case Op::kNear: {  // Both phrases must occur; either will do.
      const NearTest& near = nears_[node->arg];
      anchors->assign({near.first});
      if (Cost({near.second}) < Cost({near.first})) anchors->assign({near.second});
      return true;
    }
    case Op::kNot:  // True when something is absent: no signal needs to be true.
      return false;
    case Op::kAnd: {
      bool found = false;
      std::vector<uint32_t> child_anchors;
      for (const Instr* child = node + 1; child < end; child += child->size) {
        if (!Anchors(child, &child_anchors)) continue;
        if (!found || Cost(child_anchors) < Cost(*anchors)) {
          anchors->swap(child_anchors);
          found = true;
        }
      }
      return found;
    }
    case Op::kOr: {
      // Every alternative must bring its own anchors; an OR of none is never true.
      std::vector<uint32_t> all, child_anchors;
      for (const Instr* child = node + 1; child < end; child += child->size) {
        if (!Anchors(child, &child_anchors)) return false;
        all.insert(all.end(), child_anchors.begin(), child_anchors.end());
      }
      std::sort(all.begin(), all.end());
      all.erase(std::unique(all.begin(), all.end()), all.end());
      anchors->swap(all);
      return true;
    }
  }
  return false;
}

void Compiled::IndexFields() {
  for (const FieldTest& test : fields_) {
    switch (test.filter.field) {
      case Field::kLang:
        field_index_.lang[test.value].push_back(test.signal);
        break;
      case Field::kNetwork:
        field_index_.network[test.value].push_back(test.signal);
        break;
      case Field::kChannel:
        field_index_.channel[test.value].push_back(test.signal);
        break;
      case Field::kAuthor:
        field_index_.handle[test.value].push_back(test.signal);
        field_index_.name[test.name_value].push_back(test.signal);
        break;
      case Field::kStream:
        break;  // Refused by Build (CheckStreamQuery).
      default:
        field_index_.direct.push_back(test.signal);
    }
  }
}

absl::Status Compiled::Build(std::span<const StreamQuery> streams) {
  std::vector<const StreamQuery*> sorted;
  sorted.reserve(streams.size());
  for (const StreamQuery& stream : streams) sorted.push_back(&stream);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const StreamQuery* a, const StreamQuery* b) { return a->id < b->id; });
  for (size_t i = 0; i < sorted.size(); ++i) {
    const StreamQuery& stream = *sorted[i];
    // Matches are reported by id, so two streams with one id could not be told apart.
    if (i > 0 && sorted[i - 1]->id == stream.id) {
      return absl::InvalidArgumentError(
          base::StrCat("stream ", stream.id, ": the id is used by two streams"));
    }
    absl::Status status = CheckStreamQuery(stream.query);
    if (status.ok()) status = Check(stream.query.root);
    if (!status.ok()) {
      return absl::InvalidArgumentError(base::StrCat("stream ", stream.id, ": ", status.message()));
    }
    ids_.push_back(stream.id);
    roots_.push_back(static_cast<uint32_t>(program_.size()));
    Emit(stream.query.root, stream.id);
  }
  signal_index_ = {};
  IndexFields();

  std::vector<std::vector<uint32_t>> anchored(signals_.size());
  std::vector<uint32_t> anchors;
  for (uint32_t stream = 0; stream < roots_.size(); ++stream) {
    if (!Anchors(&program_[roots_[stream]], &anchors)) {
      always_.push_back(stream);
      continue;
    }
    for (const uint32_t signal : anchors) anchored[signal].push_back(stream);
  }
  anchor_begin_.push_back(0);
  for (const std::vector<uint32_t>& list : anchored) {
    anchored_.insert(anchored_.end(), list.begin(), list.end());
    anchor_begin_.push_back(static_cast<uint32_t>(anchored_.size()));
  }
  return CompileDatabase();
}

absl::Status Compiled::CompileDatabase() {
  if (!has_text_signals_) return absl::OkStatus();
  std::vector<const char*> patterns;
  std::vector<size_t> lengths;
  std::vector<unsigned int> flags, ids;
  std::vector<uint32_t> signal_of;  // Pattern index -> signal, for error messages.
  for (uint32_t i = 0; i < signals_.size(); ++i) {
    const Signal& signal = signals_[i];
    // Only a NEAR needs every occurrence; for the rest the first one decides.
    const unsigned int flag = signal.position_slot >= 0 ? 0 : HS_FLAG_SINGLEMATCH;
    for (const std::string* text : {&signal.pattern, &signal.alternate}) {
      if (text->empty()) continue;
      patterns.push_back(text->data());
      lengths.push_back(text->size());
      flags.push_back(flag);
      ids.push_back(i);
      signal_of.push_back(i);
    }
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(patterns.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned int>(patterns.size()), HS_MODE_BLOCK, nullptr,
                           &database_, &error) != HS_SUCCESS) {
    std::string message =
        error != nullptr && error->message != nullptr ? error->message : "unknown error";
    std::string prefix = "the streams";
    if (error != nullptr && error->expression >= 0 &&
        static_cast<size_t>(error->expression) < signal_of.size()) {
      const Signal& signal = signals_[signal_of[static_cast<size_t>(error->expression)]];
      prefix = base::StrCat("stream ", signal.first_stream);
    }
    hs_free_compile_error(error);
    database_ = nullptr;
    return absl::InvalidArgumentError(
        base::StrCat(prefix, ": the pattern matcher refused a search term: ", message));
  }
  return absl::OkStatus();
}

void Compiled::BuildBuffer(const query::AnalysedText& text, ThreadState& state) const {
  std::string& buffer = state.buffer;
  buffer.clear();
  state.token_starts.clear();
  buffer.push_back(' ');
  for (const std::string& token : text.tokens) {
    state.token_starts.push_back(static_cast<uint32_t>(buffer.size()));
    buffer.append(token).push_back(' ');
  }
  for (const std::string& tag : text.tags.hashtags) buffer.append("#").append(tag).push_back(' ');
  for (const std::string& tag : text.tags.mentions) buffer.append("@").append(tag).push_back(' ');
}

// Notes that the pattern of text signal `signal` occurs in the buffer ending before `end`.
void Compiled::Record(ThreadState& state, uint32_t signal, size_t end) const {
  SetHit(state, signal);
  const Signal& found = signals_[signal];
  if (found.position_slot < 0) return;
  // Occurrences of one pattern arrive in order of their end, so also of their start. The
  // phrase's first token starts right after the pattern's leading space.
  const size_t start = end - found.pattern.size() + 1;
  const auto it = std::lower_bound(state.token_starts.begin(), state.token_starts.end(), start);
  if (it == state.token_starts.end() || *it != start) return;  // Cannot happen; see Signal.
  state.positions[static_cast<size_t>(found.position_slot)].push_back(
      static_cast<uint32_t>(it - state.token_starts.begin()));
}

void Compiled::ClearHits(ThreadState& state) const {
  for (const uint32_t signal : state.hits) {
    state.hit_bits[signal >> 6] = 0;  // Every set bit is in `hits`.
    const int32_t slot = signals_[signal].position_slot;
    if (slot >= 0) state.positions[static_cast<size_t>(slot)].clear();
  }
  state.hits.clear();
}

int Compiled::OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                      unsigned int /*flags*/, void* context) {
  auto* scan = static_cast<ScanContext*>(context);
  scan->self->Record(*scan->state, id, static_cast<size_t>(to));
  return 0;  // Go on: every pattern present must be found.
}

void Compiled::Scan(ThreadState& state) const {
  if (!force_fallback_scan.load(std::memory_order_relaxed) &&
      state.PrepareScratch(database_, generation_)) {
    ScanContext context{this, &state};
    if (hs_scan(database_, state.buffer.data(), static_cast<unsigned int>(state.buffer.size()), 0,
                state.scratch, &Compiled::OnMatch, &context) == HS_SUCCESS) {
      return;
    }
    spdlog::warn("stream matcher: Vectorscan scan failed; searching directly");
  }
  ClearHits(state);  // A failed scan may have recorded part of the patterns.
  FallbackScan(state);
}

void Compiled::FallbackScan(ThreadState& state) const {
  const std::string& buffer = state.buffer;
  for (uint32_t i = 0; i < signals_.size(); ++i) {
    const Signal& signal = signals_[i];
    for (const std::string* text : {&signal.pattern, &signal.alternate}) {
      if (text->empty()) continue;
      for (size_t at = buffer.find(*text); at != std::string::npos;
           at = buffer.find(*text, at + 1)) {
        Record(state, i, at + text->size());
        if (signal.position_slot < 0) break;
      }
    }
  }
}

void Compiled::LookUp(const FieldIndex::Map& map, std::string_view lowered,
                      ThreadState& state) const {
  const auto it = map.find(base::ToAbsl(lowered));
  if (it == map.end()) return;
  for (const uint32_t signal : it->second) SetHit(state, signal);
}

// The field signals true for `post`, decided as query::Filter decides each filter: lang:,
// network: and channel: equal ignoring ASCII case; author: the handle without leading '@'s,
// or its part before an '@', or the display name; the rest compared directly.
void Compiled::ComputeFieldSignals(const PostView& post, ThreadState& state) const {
  const FieldIndex& index = field_index_;
  std::string& lowered = state.lowered;
  const auto look_up = [&](const FieldIndex::Map& map, std::string_view value) {
    if (map.empty()) return;
    LowerInto(value, lowered);
    LookUp(map, lowered, state);
  };
  look_up(index.lang, post.language);
  look_up(index.network, post.network);
  look_up(index.channel, post.channel);
  look_up(index.name, post.author_name);
  if (!index.handle.empty()) {
    LowerInto(StripAts(post.author_handle), lowered);
    LookUp(index.handle, lowered, state);
    for (size_t at = lowered.find('@'); at != std::string::npos; at = lowered.find('@', at + 1)) {
      LookUp(index.handle, std::string_view(lowered).substr(0, at), state);
    }
  }
  for (const uint32_t signal : index.direct) {
    if (DirectFieldMatches(fields_[static_cast<size_t>(signals_[signal].field)], post)) {
      SetHit(state, signal);
    }
  }
}

bool Compiled::Evaluate(const Instr* node, const ThreadState& state) const {
  const Instr* const end = node + node->size;
  switch (node->op) {
    case Op::kSignal:
      return Hit(state, node->arg);
    case Op::kNear: {
      const NearTest& near = nears_[node->arg];
      if (!Hit(state, near.first) || !Hit(state, near.second)) return false;
      const auto& positions = state.positions;
      return NearMatches(positions[static_cast<size_t>(signals_[near.first].position_slot)],
                         positions[static_cast<size_t>(signals_[near.second].position_slot)],
                         near.first_tokens, near.second_tokens, near.distance);
    }
    case Op::kAnd:
      for (const Instr* child = node + 1; child < end; child += child->size) {
        if (!Evaluate(child, state)) return false;
      }
      return true;
    case Op::kOr:
      for (const Instr* child = node + 1; child < end; child += child->size) {
        if (Evaluate(child, state)) return true;
      }
      return false;
    case Op::kNot:
      return !Evaluate(node + 1, state);
  }
  return false;
}

void Compiled::Match(const PostView& post, const query::AnalysedText& text,
                     std::vector<int64_t>* out) const {
  out->clear();
  if (ids_.empty()) return;
  ThreadState& state = LocalState();
  const size_t words = (signals_.size() + 63) / 64;
  if (state.hit_bits.size() < words) state.hit_bits.resize(words, 0);
  if (state.positions.size() < static_cast<size_t>(position_slots_)) {
    state.positions.resize(static_cast<size_t>(position_slots_));
  }
  if (has_text_signals_) {
    BuildBuffer(text, state);
    Scan(state);
  }
  ComputeFieldSignals(post, state);

  // Only streams that can be true given the signals are evaluated: those woken by an anchor
  // that is true, each once, and those that need no signal. Only the matches are sorted;
  // there are far fewer of them than candidates.
  std::vector<uint32_t>& matched = state.matched;
  matched.clear();
  if (!state.hits.empty()) {
    const size_t stream_words = (ids_.size() + 63) / 64;
    if (state.seen_bits.size() < stream_words) state.seen_bits.resize(stream_words, 0);
    for (const uint32_t signal : state.hits) {
      for (uint32_t i = anchor_begin_[signal]; i < anchor_begin_[signal + 1]; ++i) {
        const uint32_t stream = anchored_[i];
        uint64_t& word = state.seen_bits[stream >> 6];
        const uint64_t bit = uint64_t{1} << (stream & 63);
        if ((word & bit) != 0) continue;
        word |= bit;
        state.seen.push_back(stream);
        if (Evaluate(&program_[roots_[stream]], state)) matched.push_back(stream);
      }
    }
    for (const uint32_t stream : state.seen) state.seen_bits[stream >> 6] = 0;
    state.seen.clear();
  }
  for (const uint32_t stream : always_) {
    if (Evaluate(&program_[roots_[stream]], state)) matched.push_back(stream);
  }
  std::sort(matched.begin(), matched.end());
  for (const uint32_t stream : matched) out->push_back(ids_[stream]);
  ClearHits(state);
}

absl::Status CheckNoStreamField(const query::Node& node) {
  if (node.kind == NodeKind::kField && node.filter.field == Field::kStream) {
    return absl::InvalidArgumentError(
        base::StrCat("a stream cannot use stream: (", query::Describe(node),
                     "): it would depend on which other streams a post matched"));
  }
  for (const query::Node& child : node.children) RETURN_IF_ERROR(CheckNoStreamField(child));
  return absl::OkStatus();
}

}  // namespace

namespace internal {
void ForceFallbackScanForTesting(bool on) { force_fallback_scan.store(on); }
}  // namespace internal

absl::Status CheckStreamQuery(const query::Query& query) { return CheckNoStreamField(query.root); }

absl::StatusOr<std::shared_ptr<const CompiledStreams>> CompiledStreams::Compile(
    std::span<const StreamQuery> streams) {
  auto compiled = std::make_shared<Compiled>();
  RETURN_IF_ERROR(compiled->Build(streams));
  return std::shared_ptr<const CompiledStreams>(std::move(compiled));
}

StreamMatcher::StreamMatcher() : current_(*CompiledStreams::Compile({})) {}

std::shared_ptr<const CompiledStreams> StreamMatcher::Current() const {
  return std::atomic_load(&current_);
}

void StreamMatcher::Replace(std::shared_ptr<const CompiledStreams> streams) {
  if (streams == nullptr) streams = *CompiledStreams::Compile({});  // Current() is never null.
  std::atomic_store(&current_, std::move(streams));
}

}  // namespace webcare::analysis::matcher
