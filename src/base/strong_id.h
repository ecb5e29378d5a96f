#pragma once
// Strong id types: a PostId cannot be passed where a ConversationId is expected.

#include <cstdint>
#include <functional>

namespace webcare::base {

template <typename Tag>
class StrongId {
 public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(int64_t value) : value_(value) {}
  constexpr int64_t value() const { return value_; }
  // Ids start at 1; 0 means "none".
  constexpr bool valid() const { return value_ > 0; }
  friend constexpr auto operator<=>(StrongId, StrongId) = default;

  template <typename H>
  friend H AbslHashValue(H h, StrongId id) {
    return H::combine(std::move(h), id.value_);
  }

 private:
  int64_t value_ = 0;
};

}  // namespace webcare::base
