#include "bench/stream_generator.h"

#include <algorithm>
#include <cctype>
#include <random>
#include <string_view>

#include "base/strings.h"

namespace webcare::bench {
namespace {

struct Brand {
  std::string text;     // As a word or phrase: "OV-Pas", "bol.com".
  std::string tag;      // Hashtag body: "ovpas".
  std::string mention;  // Account: "ovpas".
};

// The demo world's own company and the names its posts use (src/ingest/demo/).
const std::vector<Brand>& HomeBrands() {
  static const auto* brands = new std::vector<Brand>{{"OV-Pas", "ovpas", "ovpas"},
                                                     {"ovpas", "ovpas", "ovpas"},
                                                     {"ov-chipkaart", "ovchipkaart", "ovpas"},
                                                     {"NS", "ns", "ns_online"},
                                                     {"OV", "ov", "ovpas"}};
  return *brands;
}

// Other companies a shared installation (an agency, a group of operators) monitors.
const std::vector<Brand>& KnownBrands() {
  static const auto* brands = new std::vector<Brand>{{"GVB", "gvb", "gvb"},
                                                     {"RET", "ret", "ret"},
                                                     {"HTM", "htm", "htm"},
                                                     {"Arriva", "arriva", "arriva_nl"},
                                                     {"Qbuzz", "qbuzz", "qbuzz"},
                                                     {"Connexxion", "connexxion", "connexxion"},
                                                     {"Keolis", "keolis", "keolis_nl"},
                                                     {"EBS", "ebs", "ebs_ov"},
                                                     {"Translink", "translink", "translink"},
                                                     {"KLM", "klm", "klm"},
                                                     {"Schiphol", "schiphol", "schiphol"},
                                                     {"PostNL", "postnl", "postnl"},
                                                     {"bol.com", "bolcom", "bolcom"},
                                                     {"KPN", "kpn", "kpnwebcare"},
                                                     {"Ziggo", "ziggo", "ziggo"},
                                                     {"Vattenfall", "vattenfall", "vattenfallnl"},
                                                     {"Eneco", "eneco", "eneco"},
                                                     {"Greenwheels", "greenwheels", "greenwheels"},
                                                     {"Swapfiets", "swapfiets", "swapfiets"},
                                                     {"Felyx", "felyx", "felyx"}};
  return *brands;
}

// Invented brand names for the long tail, from syllables: "Velonet", "Stadlijn", ...
constexpr std::string_view kFront[] = {
    "velo",  "trans", "mobi",   "rail", "metro", "stad", "lijn",  "city",  "euro",    "holland",
    "noord", "zuid",  "west",   "oost", "flex",  "snel", "groen", "blauw", "fiets",   "taxi",
    "air",   "zee",   "rivier", "ster", "park",  "tele", "post",  "bank",  "energie", "delta"};
constexpr std::string_view kBack[] = {"net",     "go",     "lijn",    "link",   "rail",
                                      "bus",     "pas",    "kaart",   "way",    "express",
                                      "connect", "reizen", "vervoer", "mobiel", "plus",
                                      "direct",  "flex",   "tel",     "stroom", "pay"};

Brand InventedBrand(size_t index) {
  const std::string_view front = kFront[index % std::size(kFront)];
  const std::string_view back = kBack[index / std::size(kFront) % std::size(kBack)];
  std::string name = base::StrCat(front, back);
  const std::string tag = name;
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return {name, tag, tag};
}

// Topic words, as monitoring teams write them: synonyms to OR together.
const std::vector<std::string> kOutageNl = {
    "storing", "storingen",      "\"werkt niet\"", "uitval", "kapot",
    "defect",  "\"ligt eruit\"", "plat",           "stor*",  "\"doet het niet\""};
const std::vector<std::string> kOutageEn = {"outage",  "down",        "\"not working\"", "broken",
                                            "offline", "\"is down\"", "crash*"};
const std::vector<std::string> kDelayNl = {"vertraging",  "vertraagd",        "\"te laat\"",
                                           "wachttijd",   "\"lang wachten\"", "wachtrij",
                                           "uitgevallen", "opgeheven"};
const std::vector<std::string> kDelayEn = {"delay",     "delayed",          "late",
                                           "cancelled", "\"waiting time\"", "queue"};
const std::vector<std::string> kMoneyNl = {"\"geld terug\"", "terugbetaling", "restitutie",
                                           "compensatie",    "saldo",         "opladen",
                                           "opwaarderen",    "afgeschreven",  "dubbel*"};
const std::vector<std::string> kMoneyEn = {"refund",  "\"money back\"", "compensation",
                                           "charged", "overcharged",    "refund*"};
const std::vector<std::string> kApp = {"inlog*",   "inloggen",       "login",
                                       "crash*",   "update",         "wachtwoord",
                                       "password", "\"werkt niet\"", "error"};
const std::vector<std::string> kServiceWords = {
    "klantenservice", "klantendienst", "webcare", "klacht", "\"customer service\"", "support"};
const std::vector<std::string> kCard = {"ov-chipkaart", "pas",      "kaart",    "incheck*",
                                        "uitcheck*",    "poortje*", "check-in", "\"check out\""};
const std::vector<std::string> kJobs = {"vacature", "vacatures",     "job",
                                        "jobs",     "\"we zoeken\"", "hiring"};
const std::vector<std::string> kPlaces = {"\"utrecht centraal\"",
                                          "\"amsterdam centraal\"",
                                          "rotterdam",
                                          "\"den haag\"",
                                          "schiphol",
                                          "eindhoven",
                                          "zwolle",
                                          "groningen",
                                          "leiden",
                                          "amersfoort"};
const std::vector<std::string> kFieldOnly = {
    "lang:nl is:question followers:>10000", "sentiment:negative followers:>5000 -is:reply",
    "network:x followers:>50000", "is:private sentiment:negative", "lang:en is:question -is:reply"};

// SplitMix64's finaliser: nearby inputs (stream 1, 2, 3) give unrelated seeds.
uint64_t SplitMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

class StreamWriter {
 public:
  // Each stream has its own generator, so stream i is the same whatever the count.
  StreamWriter(uint64_t seed, int index)
      : rng_(static_cast<uint32_t>(
            SplitMix(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(index)))) {}

  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Uniform(0, static_cast<int>(items.size()) - 1))];
  }

  // (a OR b OR c): 2..5 synonyms of a topic, in random order.
  std::string Group(const std::vector<std::string>& words) {
    std::vector<std::string> picked = words;
    std::shuffle(picked.begin(), picked.end(), rng_);
    picked.resize(static_cast<size_t>(Uniform(2, std::min<int>(5, picked.size()))));
    return base::StrCat("(", base::StrJoin(picked, " OR "), ")");
  }

  // A company monitoring itself starts with its own name: most of the first streams are about
  // the demo world's company, and a few of the rest (partners, press, an agency's clients).
  Brand PickBrand(int index) {
    if (Chance(index < 25 ? 0.6 : 0.03)) return Pick(HomeBrands());
    if (Chance(0.15)) return Pick(KnownBrands());
    return InventedBrand(static_cast<size_t>(Uniform(0, 599)));
  }

  // The brand as a user types it: any case; quoted when it is more than one token.
  std::string Word(const Brand& brand) {
    std::string text = brand.text;
    const int how = Uniform(0, 3);
    for (char& c : text) {
      if (how == 1) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (how == 2) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    return plain ? text : base::StrCat("\"", text, "\"");
  }

  std::string Query(int index) {
    const int kind = Uniform(0, 99);
    if (kind < 1) return Pick(kFieldOnly);
    const Brand brand = PickBrand(index);
    const std::string word = Word(brand);
    const std::string tag = base::StrCat("#", brand.tag);
    const std::string at = base::StrCat("@", brand.mention);
    switch (kind % 12) {
      case 0:
        return base::StrCat("(", word, " OR ", tag, " OR ", at, ") ", Group(kOutageNl), " -rt",
                            Chance(0.5) ? " lang:nl" : "");
      case 1:
        return base::StrCat(word, " ", Group(kMoneyEn), " lang:en");
      case 2:
        return base::StrCat("\"", brand.text, " app\" ", Group(kApp));
      case 3:
        return base::StrCat(Pick(kServiceWords), " NEAR/3 ", word);
      case 4:
        return base::StrCat("#storing (", word, " OR ", at, ") followers:>1000");
      case 5:
        return base::StrCat(at, " ", Group(kDelayNl), " -is:reply");
      case 6:
        return base::StrCat(word, " ", Group(kCard), " ", Group(kMoneyNl), " lang:nl");
      case 7:
        return base::StrCat("(", word, " OR ", brand.tag, "*) ", Group(kDelayEn), " -rt lang:en");
      case 8:
        return base::StrCat("klant* (", word, " OR ", tag, ") sentiment:negative");
      case 9:
        return base::StrCat(word, " (", Pick(kDelayNl), " NEAR/5 ", Pick(kPlaces), ")");
      case 10:
        return base::StrCat(word, " -", Group(kJobs), " -rt");
      default:
        return base::StrCat("(", word, " OR ", at, ") (is:question OR \"hoe kan ik\" OR ",
                            "\"how do i\") ", Group(Chance(0.5) ? kOutageEn : kDelayNl));
    }
  }

 private:
  std::mt19937 rng_;
};

}  // namespace

std::vector<std::string> GenerateStreamQueries(int count, uint64_t seed) {
  std::vector<std::string> queries;
  queries.reserve(static_cast<size_t>(std::max(count, 0)));
  for (int i = 0; i < count; ++i) queries.push_back(StreamWriter(seed, i).Query(i));
  return queries;
}

}  // namespace webcare::bench
