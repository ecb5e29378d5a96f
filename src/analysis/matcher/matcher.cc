// The runtime: matching a post against a compiled set (README.md, "How a post is matched"),
// and the atomically swapped current set. compiler.cc builds what this reads.

#include "analysis/matcher/matcher.h"

#include <hs/hs.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <string_view>
#include <utility>

#include "analysis/matcher/compiled.h"
#include "analysis/matcher/matcher_internal.h"
#include "analysis/query/tokenizer.h"
#include "base/strings.h"

namespace webcare::analysis::matcher {
namespace internal {

std::atomic<bool> force_fallback_scan{false};

void ForceFallbackScanForTesting(bool on) { force_fallback_scan.store(on); }

namespace {

using query::Field;
using query::PostView;

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

ThreadState& LocalState() {
  thread_local ThreadState state;
  return state;
}

}  // namespace

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
        if (!Test(child, state)) return false;
      }
      return true;
    case Op::kOr:
      for (const Instr* child = node + 1; child < end; child += child->size) {
        if (Test(child, state)) return true;
      }
      return false;
    case Op::kAnyOf:
      return AnyHit(node, state);
    case Op::kNot:
      return !Test(node + 1, state);
  }
  return false;
}

void Compiled::Wakeup(const Wake& wake, ThreadState& state) const {
  if (!Hit(state, wake.must[0]) || !Hit(state, wake.must[1])) return;
  // A stream may be woken by several of its anchors; it is evaluated once.
  uint64_t& word = state.seen_bits[wake.stream >> 6];
  const uint64_t bit = uint64_t{1} << (wake.stream & 63);
  if ((word & bit) != 0) return;
  word |= bit;
  state.seen.push_back(wake.stream);
  if (Test(&program_[wake.root], state)) state.matched.push_back(wake.stream);
}

void Compiled::Match(const PostView& post, const query::AnalysedText& text,
                     std::vector<int64_t>* out) const {
  out->clear();
  if (ids_.empty()) return;
  ThreadState& state = LocalState();
  const size_t words = true_signal_ / 64 + 1;
  if (state.hit_bits.size() < words) state.hit_bits.resize(words, 0);
  if (state.positions.size() < static_cast<size_t>(position_slots_)) {
    state.positions.resize(static_cast<size_t>(position_slots_));
  }
  const size_t stream_words = (ids_.size() + 63) / 64;
  if (state.seen_bits.size() < stream_words) state.seen_bits.resize(stream_words, 0);
  if (has_text_signals_) {
    BuildBuffer(text, state);
    Scan(state);
  }
  ComputeFieldSignals(post, state);

  // Only streams that can be true given the signals are evaluated: those woken by an anchor
  // that is true, each once, and those that need no signal. Only the matches are sorted;
  // there are far fewer of them than candidates.
  uint64_t& true_word = state.hit_bits[true_signal_ >> 6];
  const uint64_t true_bit = uint64_t{1} << (true_signal_ & 63);
  true_word |= true_bit;
  std::vector<uint32_t>& matched = state.matched;
  matched.clear();
  for (const uint32_t signal : state.hits) {
    const Wake* const end = woken_.data() + wake_begin_[signal + 1];
    for (const Wake* wake = woken_.data() + wake_begin_[signal]; wake < end; ++wake) {
      Wakeup(*wake, state);
    }
  }
  for (const uint32_t stream : state.seen) state.seen_bits[stream >> 6] = 0;
  state.seen.clear();
  for (const Wake& wake : always_) {
    if (Test(&program_[wake.root], state)) matched.push_back(wake.stream);
  }
  std::sort(matched.begin(), matched.end());
  for (const uint32_t stream : matched) out->push_back(ids_[stream]);
  ClearHits(state);
  state.hit_bits[true_signal_ >> 6] &= ~true_bit;  // ClearHits may have left it.
}

}  // namespace internal

StreamMatcher::StreamMatcher() : current_(*CompiledStreams::Compile({})) {}

std::shared_ptr<const CompiledStreams> StreamMatcher::Current() const {
  return std::atomic_load(&current_);
}

void StreamMatcher::Replace(std::shared_ptr<const CompiledStreams> streams) {
  if (streams == nullptr) streams = *CompiledStreams::Compile({});  // Current() is never null.
  std::atomic_store(&current_, std::move(streams));
}

}  // namespace webcare::analysis::matcher
