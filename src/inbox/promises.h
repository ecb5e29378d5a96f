#pragma once
// Promises in outgoing replies: "we bellen u morgen terug", "I'll call you back within an
// hour". A promise found in a reply is proposed to the agent as a follow-up with the due time
// the promise names, so that what was promised to a customer is not forgotten.
//
// Rule-based for Dutch and English: a sentence promises when the company (ik/we, I/we) commits
// to an action towards the customer (call, get back, let know, send, look into, keep informed)
// without a negation and not as a question; the time is read from the same sentence
// ("morgen", "vanmiddag", "binnen een uur", "om half 3", "tomorrow 10am", "by Friday").

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "base/clock.h"
#include "core/follow_up.h"

namespace webcare::inbox {

struct Promise {
  std::string sentence;  // The sentence that holds the promise, as written.
  core::FollowUpKind kind = core::FollowUpKind::kFollowUp;  // kCall when a call is promised.
  std::string when;      // The time as the sentence says it ("morgen om 10 uur"); "" if none.
  base::Micros due_at = 0;
  // False when the sentence names no time: due_at is then the next morning, a default the
  // agent should check.
  bool time_stated = false;
};

// Every promise in `text`, in order, with due times counted from `now` in `zone` (the
// company's local time: "morgen" is the customer's tomorrow, not UTC's).
std::vector<Promise> DetectPromises(std::string_view text, base::Micros now, absl::TimeZone zone);

}  // namespace webcare::inbox
