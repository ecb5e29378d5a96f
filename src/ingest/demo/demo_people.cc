// Customers are a pure function of (seed, id): nothing about them is stored, so the generator
// can draw from millions of people with flat memory and still show the same person again.

#include "ingest/demo/demo_people.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace webcare::ingest::demo {
namespace {

constexpr std::string_view kMastodonInstances[] = {"mastodon.social", "mastodon.example.nl",
                                                   "toot.example.com"};
constexpr std::string_view kMailDomains[] = {"example.nl", "example.com"};
constexpr char kMailSeparators[] = {'.', '_', '-'};

void AppendUint(uint64_t value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
}

void AppendPadded(uint64_t value, int width, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  for (int n = static_cast<int>(result.ptr - buffer); n < width; ++n) out->push_back('0');
  out->append(buffer, result.ptr);
}

// Reach on one network: log-normal-ish for ordinary people, 50k-300k for influencers.
int64_t Followers(uint64_t seed, const Person& person, Net net) {
  if (net == kForum || net == kEmail || net == kPhone) return 0;
  const uint64_t h = HashOf(seed, person.id, 100 + net);
  if (person.influencer) return 50'000 + static_cast<int64_t>(h % 250'001);
  // Sum of four uniforms approximates a normal; scaled to unit variance.
  double z = 0;
  for (int i = 0; i < 4; ++i) z += static_cast<double>((h >> (16 * i)) & 0xffff) / 65536.0;
  z = (z - 2.0) * 1.732;
  const double followers = std::exp(3.4 + 1.5 * z) - 1.0;
  return static_cast<int64_t>(std::clamp(followers, 0.0, 5000.0));
}

void AppendVariant(const Person& person, std::string* out) {
  if (person.variant > 0) AppendUint(person.variant + 1, out);
}

// The user part of a social handle, without "@": "anna_devries", "annadevries7".
std::string SocialUser(const Person& person, Net net) {
  if (person.influencer) return std::string(person.influencer_handle);
  std::string user(person.ascii_first);
  const uint64_t style = person.hash >> (44 + 2 * net);
  if (net == kFacebook) {
    user.push_back('.');  // Facebook user names allow dots but no underscores.
  } else if (net == kInstagram) {
    user.push_back((style & 1) ? '.' : '_');
  } else if (net == kX && (style & 1)) {
    user.push_back('_');
  }
  user.append(person.ascii_last);
  AppendVariant(person, &user);
  return user;
}

}  // namespace

// The network's id for post number `counter` on that channel. Injective in `counter`, so ids
// are unique per channel; the low bits are noise so they look like real ids.
std::string ExternalId(Net net, uint64_t counter, bool outbound, uint64_t seed) {
  const uint64_t noise = HashOf(seed, counter, net);
  // Each seed gets its own id range, so demo worlds of different seeds never collide in one
  // database (ingest would take the second world's posts for duplicates).
  const uint64_t seed_block = Mix(seed) % 100'000;
  std::string id;
  switch (net) {
    case kX:
      AppendUint(1'760'000'000'000'000'000ULL + seed_block * 1'000'000'000'000ULL + counter * 4096 +
                     (noise & 4095),
                 &id);
      break;
    case kMastodon:
      AppendUint(113'000'000'000'000'000ULL + seed_block * 1'000'000'000'000ULL + counter * 1024 +
                     (noise & 1023),
                 &id);
      break;
    case kFacebook:
      id = "500100200300400_";
      AppendUint(10'000'000'000ULL + seed_block * 100'000'000'000ULL + counter * 97 + noise % 97, &id);
      break;
    case kInstagram:
      AppendUint(17'900'000'000'000'000ULL + seed_block * 1'000'000'000'000ULL + counter * 512 +
                     (noise & 511),
                 &id);
      break;
    case kForum:
      id = "post-";
      AppendUint(seed_block, &id);
      id.push_back('-');
      AppendUint(counter, &id);
      break;
    case kEmail: {
      static constexpr char kHex[] = "0123456789abcdef";
      id = "<";
      AppendUint(counter, &id);
      id.push_back('.');
      for (int shift = 28; shift >= 0; shift -= 4) id.push_back(kHex[(noise >> shift) & 15]);
      id.append(outbound ? "@mail.ovpas.nl>" : "@mail.example.nl>");
      break;
    }
    case kPhone:
    case kNetCount:
      id = "call-";
      AppendUint(seed_block, &id);
      id.push_back('-');
      AppendPadded(counter, 8, &id);
      break;
  }
  return id;
}

Person MakePerson(uint64_t seed, uint32_t id) {
  Person person;
  person.id = id;
  person.hash = HashOf(seed, id, 0x5eed);
  const uint64_t h = person.hash;
  if (id & kInfluencerBit) {
    const Influencer& influencer = Influencers()[(id & ~kInfluencerBit) % Influencers().size()];
    person.influencer = true;
    person.display_name = influencer.name;
    person.display_first = influencer.name.substr(0, influencer.name.find(' '));
    person.influencer_handle = influencer.handle;
    person.lang = influencer.lang;
    person.primary = (h & 1) ? kInstagram : kX;
    person.networks = (1u << kX) | (1u << person.primary);
    if ((h >> 8) % 3 == 0) person.networks |= 1u << kMastodon;
    return person;
  }
  // A bijection from id to (first, last, variant), scrambled so that the most active customers
  // (the lowest ids) do not all share a first name.
  const uint64_t firsts = FirstNames().size();
  const uint64_t combos = firsts * LastNames().size();
  const uint64_t r = (id % combos * 7919 + seed % combos) % combos;
  const PersonName& first = FirstNames()[r % firsts];
  const PersonName& last = LastNames()[r / firsts];
  person.variant = static_cast<uint32_t>(id / combos);
  person.display_first = first.display;
  person.ascii_first = first.ascii;
  person.ascii_last = last.ascii;
  person.display_name.reserve(first.display.size() + last.display.size() + 1);
  person.display_name.append(first.display).append(" ").append(last.display);
  person.lang = h % 100 < 70 ? Lang::kNl : Lang::kEn;
  // Main channel by weight; every other network with some chance, e-mail more often.
  int pick = static_cast<int>((h >> 8) % 100);
  for (int n = 0; n < kNetCount; ++n) {
    pick -= kNetworks[n].primary_weight;
    if (pick < 0) {
      person.primary = static_cast<Net>(n);
      break;
    }
  }
  person.networks = static_cast<uint8_t>(1u << person.primary);
  for (int n = 0; n < kNetCount; ++n) {
    const uint64_t roll = (h >> (16 + 4 * n)) & 15;
    if (roll < 3 || (n == kEmail && roll < 6)) person.networks |= static_cast<uint8_t>(1u << n);
  }
  return person;
}

void FillAuthor(uint64_t seed, const Person& person, Net net, core::AuthorIdentity* author) {
  author->network = std::string(kNetworks[net].name);
  author->name = person.display_name;
  author->followers = Followers(seed, person, net);
  switch (net) {
    case kX: {
      const std::string user = SocialUser(person, net);
      author->handle = "@" + user;
      author->url = "https://x.com/" + user;
      break;
    }
    case kMastodon: {
      const std::string user = SocialUser(person, net);
      const std::string_view instance =
          person.influencer
              ? kMastodonInstances[0]
              : kMastodonInstances[(person.hash >> 58) % std::size(kMastodonInstances)];
      author->handle = "@" + user + "@" + std::string(instance);
      author->url = "https://" + std::string(instance) + "/@" + user;
      break;
    }
    case kFacebook:
      author->handle = SocialUser(person, net);
      author->url = "https://www.facebook.com/" + author->handle;
      break;
    case kInstagram: {
      const std::string user = SocialUser(person, net);
      author->handle = "@" + user;
      author->url = "https://www.instagram.com/" + user + "/";
      break;
    }
    case kForum:
      author->handle = SocialUser(person, net);
      author->url = "https://community.ovpas.nl/u/" + author->handle;
      break;
    case kEmail:
      // Addresses use example.nl/example.com only: no real mailbox can be hit by a demo.
      author->handle = std::string(person.ascii_first);
      author->handle.push_back(kMailSeparators[(person.hash >> 50) % std::size(kMailSeparators)]);
      author->handle.append(person.ascii_last);
      AppendVariant(person, &author->handle);
      author->handle.push_back('@');
      author->handle.append(kMailDomains[(person.hash >> 54) & 1]);
      author->url.clear();
      break;
    case kPhone:
    case kNetCount:
      // +31 6 0xxxxxxx, one number per person id.
      author->handle = "+3160";
      AppendPadded(person.id % 10'000'000, 7, &author->handle);
      author->url.clear();
      break;
  }
}

std::string PostUrl(Net net, const core::AuthorIdentity& author, std::string_view id,
                    bool is_private) {
  if (is_private) return {};
  switch (net) {
    case kX:
      return author.url + "/status/" + std::string(id);
    case kMastodon:
      return author.url + "/" + std::string(id);
    case kFacebook:
      return "https://www.facebook.com/" + std::string(id);
    case kInstagram:
      return "https://www.instagram.com/p/" + std::string(id) + "/";
    case kForum:
      return "https://community.ovpas.nl/p/" + std::string(id);
    default:
      return {};
  }
}

void FillBrandAuthor(Net net, core::AuthorIdentity* author) {
  const NetworkInfo& info = kNetworks[net];
  author->network = std::string(info.name);
  author->handle = std::string(info.brand_handle);
  author->name = std::string(info.brand_name);
  author->followers = info.brand_followers;
  author->url = std::string(info.brand_url);
}

}  // namespace webcare::ingest::demo
