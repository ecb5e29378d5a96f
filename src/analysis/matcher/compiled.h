#pragma once
// Internal to the matcher: the compiled form of a set of streams (README.md), shared by the
// compiler (compiler.cc, which builds it) and the runtime (matcher.cc, which matches posts
// against it). Not for use outside analysis/matcher/.

#include <hs/hs.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "analysis/matcher/matcher.h"
#include "analysis/query/ast.h"
#include "analysis/query/evaluator.h"

namespace webcare::analysis::matcher::internal {

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

// kAnyOf is a kOr whose children are all kSignal.
enum class Op : uint8_t { kSignal, kNear, kAnd, kOr, kAnyOf, kNot };

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

// An author: value without its leading '@'s, as query::Filter compares handles.
inline std::string_view StripAts(std::string_view text) {
  while (!text.empty() && text.front() == '@') text.remove_prefix(1);
  return text;
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

// A stream woken by a true anchor, with what rules most woken streams out without reading
// their program: most are about the post's brand but not its topic, and a bit test on the
// signals the stream cannot do without is enough to tell. The tests read the post's signal
// bits (a few hundred bytes, in cache), the program would be a cache miss at 10,000 streams.
struct Wake {
  uint32_t stream = 0;  // Index in ids_.
  uint32_t root = 0;    // Where its program starts in program_.
  // Signals that must be true for the stream to be; Compiled::true_signal_ fills unused places.
  uint32_t must[2] = {};
};

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

// Testing only (matcher_internal.h): find the literals without Vectorscan.
extern std::atomic<bool> force_fallback_scan;

class Compiled final : public CompiledStreams {
 public:
  Compiled();
  ~Compiled() override;
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;

  // compiler.cc: compiles `streams`; the set is usable only when this returns OK.
  absl::Status Build(std::span<const StreamQuery> streams);

  // matcher.cc.
  void Match(const query::PostView& post, const query::AnalysedText& text,
             std::vector<int64_t>* out) const override;
  size_t size() const override { return ids_.size(); }

 private:
  struct ScanContext {
    const Compiled* self;
    ThreadState* state;
  };

  // The compiler (compiler.cc).
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
  // Appends signals that must all be true for `node` to be true.
  void Required(const Instr* node, std::vector<uint32_t>* required) const;
  double Cost(const std::vector<uint32_t>& anchors) const;
  void IndexFields();
  // Fills the wake lists and lays the programs out in the order they are woken in.
  void BuildWakeLists();
  absl::Status CompileDatabase();

  // The runtime (matcher.cc).
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
  void ComputeFieldSignals(const query::PostView& post, ThreadState& state) const;
  void LookUp(const FieldIndex::Map& map, std::string_view lowered, ThreadState& state) const;
  static int OnMatch(unsigned int id, unsigned long long from, unsigned long long to,
                     unsigned int flags, void* context);
  bool Evaluate(const Instr* node, const ThreadState& state) const;
  // Evaluate() without a call for a signal test or the NOT of one, most nodes of every
  // program: a call per node cost more than the tests themselves.
  bool Test(const Instr* node, const ThreadState& state) const {
    switch (node->op) {
      case Op::kSignal:
        return Hit(state, node->arg);
      case Op::kAnyOf:
        return AnyHit(node, state);
      case Op::kNot:
        if (node[1].op == Op::kSignal) return !Hit(state, node[1].arg);
        if (node[1].op == Op::kAnyOf) return !AnyHit(node + 1, state);
        break;
      default:
        break;
    }
    return Evaluate(node, state);
  }
  static bool AnyHit(const Instr* any_of, const ThreadState& state) {
    const Instr* const end = any_of + any_of->size;
    for (const Instr* child = any_of + 1; child < end; ++child) {
      if (Hit(state, child->arg)) return true;
    }
    return false;
  }
  static bool Hit(const ThreadState& state, uint32_t signal) {
    return (state.hit_bits[signal >> 6] >> (signal & 63)) & 1;
  }
  // Evaluates a woken stream and notes it in state.matched when it matches.
  void Wakeup(const Wake& wake, ThreadState& state) const;

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
  // A bit past the last signal that Match() sets for the duration of a post: the filler of
  // Wake::must.
  uint32_t true_signal_ = 0;
  // The streams each signal wakes (CSR: woken_[wake_begin_[s] .. wake_begin_[s+1])), and the
  // streams that can match without any signal, evaluated on every post.
  std::vector<uint32_t> wake_begin_;
  std::vector<Wake> woken_;
  std::vector<Wake> always_;
  hs_database_t* database_ = nullptr;  // Null when no stream has a term.
};

}  // namespace webcare::analysis::matcher::internal
