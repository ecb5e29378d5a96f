// The compiler: streams into signals, programs, wake lists and one Vectorscan database
// (README.md). The runtime that uses them is matcher.cc.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>

#include "analysis/matcher/compiled.h"
#include "analysis/matcher/matcher.h"
#include "analysis/query/tokenizer.h"
#include "base/status.h"
#include "base/strings.h"

namespace webcare::analysis::matcher {
namespace internal {
namespace {

using query::Field;
using query::NodeKind;
using query::TermKind;

// Every compiled set gets its own number, so a thread's cached scratch space is keyed by
// something that is never reused (an address could be, once the old set is freed).
std::atomic<uint64_t> next_generation{1};

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

}  // namespace

Compiled::Compiled() : generation_(next_generation.fetch_add(1)) {}

Compiled::~Compiled() {
  if (database_ != nullptr) hs_free_database(database_);
}

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
      // An OR of terms and filters only, the synonym groups most streams are made of, is
      // decided by a loop over its signals (Compiled::Test) rather than a call per child.
      if (instr.op == Op::kOr &&
          std::all_of(program_.begin() + static_cast<ptrdiff_t>(at) + 1, program_.end(),
                      [](const Instr& child) { return child.op == Op::kSignal; })) {
        instr.op = Op::kAnyOf;
      }
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
    case Op::kOr:
    case Op::kAnyOf: {
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

  BuildWakeLists();
  return CompileDatabase();
}

void Compiled::Required(const Instr* node, std::vector<uint32_t>* required) const {
  const Instr* const end = node + node->size;
  switch (node->op) {
    case Op::kSignal:
      required->push_back(node->arg);
      return;
    case Op::kNear:  // Both phrases must occur.
      required->push_back(nears_[node->arg].first);
      required->push_back(nears_[node->arg].second);
      return;
    case Op::kAnd:
      for (const Instr* child = node + 1; child < end; child += child->size) {
        Required(child, required);
      }
      return;
    case Op::kOr:  // Could be true by any alternative.
    case Op::kAnyOf:
    case Op::kNot:  // True when something is absent.
      return;
  }
}

void Compiled::BuildWakeLists() {
  true_signal_ = static_cast<uint32_t>(signals_.size());
  std::vector<std::vector<uint32_t>> anchored(signals_.size());
  std::vector<uint32_t> always, anchors;
  for (uint32_t stream = 0; stream < roots_.size(); ++stream) {
    if (!Anchors(&program_[roots_[stream]], &anchors)) {
      always.push_back(stream);
      continue;
    }
    for (const uint32_t signal : anchors) anchored[signal].push_back(stream);
  }

  // The programs are laid out again in the order the wake lists name them: the streams a
  // signal wakes then lie side by side, and the ones that pass their bit tests are read from
  // memory nearly in sequence rather than from all over the program.
  constexpr uint32_t kUnplaced = ~uint32_t{0};
  std::vector<Instr> program;
  program.reserve(program_.size());
  std::vector<uint32_t> roots(roots_.size(), kUnplaced);
  const auto place = [&](uint32_t stream) {
    if (roots[stream] != kUnplaced) return;
    roots[stream] = static_cast<uint32_t>(program.size());
    const Instr* root = &program_[roots_[stream]];
    program.insert(program.end(), root, root + root->size);
  };
  for (const uint32_t stream : always) place(stream);
  for (const std::vector<uint32_t>& list : anchored) {
    for (const uint32_t stream : list) place(stream);
  }
  // Streams nothing wakes (an empty OR is never true) keep a program all the same.
  for (uint32_t stream = 0; stream < roots.size(); ++stream) place(stream);
  program_.swap(program);
  roots_.swap(roots);

  // Which signals each stream needs, rarest first: those are the likeliest to be false.
  const auto cost = [&](uint32_t signal) {
    return signals_[signal].streams * signals_[signal].commonness;
  };
  std::vector<std::vector<uint32_t>> required(roots_.size());
  for (uint32_t stream = 0; stream < roots_.size(); ++stream) {
    std::vector<uint32_t>& list = required[stream];
    Required(&program_[roots_[stream]], &list);
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    std::stable_sort(list.begin(), list.end(),
                     [&](uint32_t a, uint32_t b) { return cost(a) < cost(b); });
  }
  // A stream woken by `signal` has that one true already; the tests are for the others.
  const auto wake = [&](uint32_t stream, uint32_t signal) {
    Wake entry{.stream = stream, .root = roots_[stream], .must = {true_signal_, true_signal_}};
    size_t used = 0;
    for (const uint32_t needed : required[stream]) {
      if (needed == signal) continue;
      entry.must[used++] = needed;
      if (used == std::size(entry.must)) break;
    }
    return entry;
  };
  for (const uint32_t stream : always) always_.push_back(wake(stream, true_signal_));
  wake_begin_.push_back(0);
  for (uint32_t signal = 0; signal < anchored.size(); ++signal) {
    for (const uint32_t stream : anchored[signal]) woken_.push_back(wake(stream, signal));
    wake_begin_.push_back(static_cast<uint32_t>(woken_.size()));
  }
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

}  // namespace internal

namespace {

absl::Status CheckNoStreamField(const query::Node& node) {
  if (node.kind == query::NodeKind::kField && node.filter.field == query::Field::kStream) {
    return absl::InvalidArgumentError(
        base::StrCat("a stream cannot use stream: (", query::Describe(node),
                     "): it would depend on which other streams a post matched"));
  }
  for (const query::Node& child : node.children) RETURN_IF_ERROR(CheckNoStreamField(child));
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckStreamQuery(const query::Query& query) { return CheckNoStreamField(query.root); }

absl::StatusOr<std::shared_ptr<const CompiledStreams>> CompiledStreams::Compile(
    std::span<const StreamQuery> streams) {
  auto compiled = std::make_shared<internal::Compiled>();
  RETURN_IF_ERROR(compiled->Build(streams));
  return std::shared_ptr<const CompiledStreams>(std::move(compiled));
}

}  // namespace webcare::analysis::matcher
