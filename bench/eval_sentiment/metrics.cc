#include "bench/eval_sentiment/metrics.h"

namespace webcare::bench::eval_sentiment {

Scores Score(const std::vector<Polarity>& gold, const std::vector<Polarity>& predicted,
             bool binary) {
  Scores scores;
  const size_t n = std::min(gold.size(), predicted.size());
  scores.n = static_cast<int>(n);
  int correct = 0;
  for (size_t i = 0; i < n; ++i) {
    Polarity guess = predicted[i];
    if (binary && guess == Polarity::kNeutral) guess = Polarity::kNegative;
    scores.confusion[static_cast<int>(gold[i])][static_cast<int>(guess)]++;
    if (guess == gold[i]) ++correct;
  }
  scores.accuracy = n == 0 ? 0 : static_cast<double>(correct) / static_cast<double>(n);
  double f1_sum = 0;
  int classes = 0;
  for (int c = 0; c < 3; ++c) {
    if (binary && c == static_cast<int>(Polarity::kNeutral)) continue;
    int true_positive = scores.confusion[c][c];
    int gold_count = 0;
    int predicted_count = 0;
    for (int k = 0; k < 3; ++k) {
      gold_count += scores.confusion[c][k];
      predicted_count += scores.confusion[k][c];
    }
    if (gold_count == 0 && predicted_count == 0) continue;
    const double precision = predicted_count == 0 ? 0 : 1.0 * true_positive / predicted_count;
    const double recall = gold_count == 0 ? 0 : 1.0 * true_positive / gold_count;
    scores.f1[c] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    f1_sum += scores.f1[c];
    ++classes;
  }
  scores.macro_f1 = classes == 0 ? 0 : f1_sum / classes;
  return scores;
}

}  // namespace webcare::bench::eval_sentiment
