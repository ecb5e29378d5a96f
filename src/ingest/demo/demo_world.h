#pragma once
// A deterministic, streaming generator of a realistic webcare world for a fictional Dutch
// public-transport-card company ("OV-Pas", @ovpas): customer questions, complaints, praise and
// mentions in Dutch and English on seven networks, outage surges, repeat customers across
// networks, influencers, and the webcare team's replies. Demos, benchmarks and load tests use it
// so they all see the same data for the same options.

#include <functional>

#include "absl/status/status.h"
#include "base/clock.h"
#include "core/post.h"

namespace webcare::ingest::demo {

struct DemoOptions {
  int64_t posts = 20000;      // total posts to generate (inbound + outbound replies)
  uint64_t seed = 1;
  base::Micros end_time = 0;  // newest post is before this; posts span the 90 days before it
};

// Calls `sink` once per post, in non-decreasing created_at order. Stops and returns the first
// non-OK status returned by sink. Same options => byte-identical sequence of posts.
absl::Status GenerateDemoWorld(const DemoOptions& options,
                               const std::function<absl::Status(core::NewPost&&)>& sink);

}  // namespace webcare::ingest::demo
