#pragma once
// Realistic standing-stream queries for the stream-matching benchmark: what webcare teams
// monitor. A few streams follow the demo world's own brand (OV-Pas, @ovpas, the OV-chipkaart,
// NS), the rest follow other transport and service brands, each with Dutch and English topic
// words: outages (storing, vertraging, uitval), waiting (wachttijd), money (refund, geld
// terug), the app, customer service; as OR groups of synonyms, "phrases", prefixes (klant*),
// NOT rt, lang:nl, #hashtags, @mentions, followers:>1000 and NEAR/3.

#include <cstdint>
#include <string>
#include <vector>

namespace webcare::bench {

// `count` stream queries in the query language (docs/query-language.md), every one accepted by
// query::Parse. Deterministic: the same seed gives the same list, and stream i does not depend
// on `count`, so the first 10 of a 10,000-stream list are the 10-stream list.
std::vector<std::string> GenerateStreamQueries(int count, uint64_t seed);

}  // namespace webcare::bench
