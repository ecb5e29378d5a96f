#pragma once
// Accuracy and macro-F1 over three classes (or two, for binary sets).

#include <array>
#include <vector>

#include "bench/eval_sentiment/datasets.h"

namespace webcare::bench::eval_sentiment {

struct Scores {
  int n = 0;
  double accuracy = 0;
  double macro_f1 = 0;
  std::array<double, 3> f1{};                     // Per class, by Polarity.
  std::array<std::array<int, 3>, 3> confusion{};  // [gold][predicted].
};

// Macro-F1 averages the F1 of the classes present: negative, neutral and positive, or for a
// binary set negative and positive (a prediction of neutral then counts as "not positive",
// i.e. negative). A class with no gold and no predicted examples is left out.
Scores Score(const std::vector<Polarity>& gold, const std::vector<Polarity>& predicted,
             bool binary);

}  // namespace webcare::bench::eval_sentiment
