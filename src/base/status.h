#pragma once
// Status helpers shared by every module. Expected failures travel as absl::Status /
// absl::StatusOr<T>; these macros keep the early-return pattern short and uniform.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define WEBCARE_CONCAT_INNER_(a, b) a##b
#define WEBCARE_CONCAT_(a, b) WEBCARE_CONCAT_INNER_(a, b)

// Returns from the current function when `expr` (an absl::Status) is not OK.
#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    if (absl::Status status_ = (expr); !status_.ok()) { \
      return status_;                          \
    }                                          \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, Foo());` declares x from an absl::StatusOr<T>, or returns its error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(WEBCARE_CONCAT_(status_or_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) {                             \
    return std::move(tmp).status();            \
  }                                            \
  lhs = std::move(tmp).value()
