#pragma once
// The people, accounts and ids of the demo world: a small deterministic PRNG, the seven
// networks the fictional brand is present on, customers derived from (seed, id) alone, and the
// way each network spells handles, addresses, post ids and links.

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/post.h"
#include "ingest/demo/demo_phrases.h"

namespace webcare::ingest::demo {

inline constexpr uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline constexpr uint64_t HashOf(uint64_t a, uint64_t b, uint64_t c = 0) {
  return Mix(a ^ Mix(b ^ Mix(c)));
}

// xoshiro256**: small, fast and identical on every platform, unlike the std distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      word = Mix(seed);
    }
  }
  uint64_t Next() {
    const uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = std::rotl(state_[3], 45);
    return result;
  }
  // Uniform in [0, n); the multiply-shift bias is far below anything a demo could notice.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  // Log-uniform between lo and hi: most delays are short, a few are long.
  int64_t LogUniform(int64_t lo, int64_t hi) {
    const double l = std::log(static_cast<double>(lo));
    const double h = std::log(static_cast<double>(hi));
    return static_cast<int64_t>(std::exp(l + (h - l) * Unit()));
  }

 private:
  std::array<uint64_t, 4> state_;
};

// ---- networks ----

enum Net : uint8_t { kX, kMastodon, kFacebook, kInstagram, kForum, kEmail, kPhone, kNetCount };

struct NetworkInfo {
  std::string_view name;
  std::string_view channel;
  std::string_view brand_handle;
  std::string_view brand_name;
  std::string_view brand_url;
  int64_t brand_followers;
  std::string_view mention;  // How customers address the brand there.
  bool social;               // Hashtags, emoji, public metrics.
  bool dm_capable;           // Account matters move to a DM.
  bool always_private;       // E-mail and phone are never public.
  int primary_weight;        // Share of people for whom this is the main channel.
};

inline constexpr NetworkInfo kNetworks[kNetCount] = {
    {"x", "x:@ovpas", "@ovpas", "OV-Pas", "https://x.com/ovpas", 41200, "@ovpas", true, true, false,
     28},
    {"mastodon", "mastodon:@ovpas@mastodon.social", "@ovpas@mastodon.social", "OV-Pas",
     "https://mastodon.social/@ovpas", 3800, "@ovpas", true, false, false, 7},
    {"facebook", "facebook:ovpas", "ovpas", "OV-Pas", "https://www.facebook.com/ovpas", 65400,
     "OV-Pas", true, true, false, 16},
    {"instagram", "instagram:@ovpas", "@ovpas", "OV-Pas", "https://www.instagram.com/ovpas/", 22900,
     "@ovpas", true, true, false, 11},
    {"forum", "forum:community.ovpas.nl", "ovpas_team", "OV-Pas Team",
     "https://community.ovpas.nl/u/ovpas_team", 0, "OV-Pas", false, false, false, 9},
    {"email", "email:klantenservice@ovpas.nl", "klantenservice@ovpas.nl", "OV-Pas Klantenservice",
     "", 0, "OV-Pas", false, false, true, 18},
    {"phone", "phone:klantenservice", "klantenservice", "OV-Pas Klantenservice", "", 0, "OV-Pas",
     false, false, true, 11},
};

inline constexpr uint32_t kInfluencerBit = 0x8000'0000u;

// A customer, derived entirely from (seed, id) so nothing about people needs to be stored.
struct Person {
  uint32_t id = 0;
  bool influencer = false;
  std::string_view display_first;
  std::string display_name;
  std::string_view ascii_first;
  std::string_view ascii_last;
  uint32_t variant = 0;  // Distinguishes people who share a first and last name.
  std::string_view influencer_handle;
  Lang lang = Lang::kNl;
  uint8_t networks = 0;  // Bit per Net.
  Net primary = kX;
  uint64_t hash = 0;
};

// The customer with this id; influencers have kInfluencerBit set.
Person MakePerson(uint64_t seed, uint32_t id);

// The customer's account on `net`: handle, display name, reach and profile address.
void FillAuthor(uint64_t seed, const Person& person, Net net, core::AuthorIdentity* author);

// The brand's own account on `net`.
void FillBrandAuthor(Net net, core::AuthorIdentity* author);

// The network's id for post number `counter` on the brand's channel there. Injective in
// `counter`, so ids are unique per channel; the low bits are noise so they look like real ids.
std::string ExternalId(Net net, uint64_t counter, bool outbound, uint64_t seed);

// The post's public address; DMs, e-mails and call notes have none.
std::string PostUrl(Net net, const core::AuthorIdentity& author, std::string_view id,
                    bool is_private);

}  // namespace webcare::ingest::demo
