#pragma once
// A test hook of the matcher runtime (matcher.cc); compiled.h holds the rest of the internals.

namespace webcare::analysis::matcher::internal {

// Testing only: when on, Match() finds the literals with a plain substring search instead of
// Vectorscan. This is the path Match() takes when Vectorscan fails at run time (no memory for
// a scratch space), where it must still answer correctly; tests run it against the same
// expectations as the Vectorscan path.
void ForceFallbackScanForTesting(bool on);

}  // namespace webcare::analysis::matcher::internal
