#include "analysis/language/word_tables.h"

#include <array>

namespace webcare::analysis::language {
namespace {

// The tables are laid out by hand, many words to a line.
// clang-format off

// Dutch: function words, the most frequent verbs, adverbs and adjectives, and the vocabulary of
// webcare posts (storing, factuur, bezorging, ...), including chat spellings ("ff", "idd").
constexpr std::string_view kDutch[] = {
    // Articles, pronouns, determiners.
    "de", "het", "een", "ik", "je", "jij", "jou", "jouw", "u", "uw", "hij", "zij", "ze",
    "we", "wij", "me", "mij", "mijn", "m'n", "z'n", "ons", "onze", "jullie", "hun", "hen", "hem",
    "haar", "zich", "zelf", "dit", "dat", "deze", "die", "wat", "wie", "welke", "welk", "iets",
    "niets", "niks", "iemand", "niemand", "iedereen", "alles", "alle", "elk", "elke", "ieder",
    "sommige", "andere", "ander", "beide", "geen", "veel", "weinig", "meer", "minder", "meeste",
    // Prepositions and conjunctions.
    "van", "in", "op", "te", "aan", "met", "voor", "naar", "bij", "uit", "om", "over", "door",
    "tot", "tegen", "zonder", "onder", "tussen", "na", "sinds", "vanaf", "binnen", "buiten",
    "achter", "naast", "tijdens", "volgens", "via", "per", "en", "of", "maar", "want", "dus",
    "omdat", "als", "toen", "terwijl", "zodat", "hoewel", "dan", "noch", "ofwel", "zowel",
    // Adverbs and particles.
    "niet", "ook", "nog", "wel", "al", "er", "hier", "daar", "waar", "nu", "toch", "zo", "heel",
    "erg", "zeer", "echt", "gewoon", "even", "ff", "eens", "weer", "alweer", "nooit", "altijd",
    "vaak", "soms", "steeds", "zelfs", "eigenlijk", "natuurlijk", "misschien", "waarschijnlijk",
    "zeker", "helemaal", "inmiddels", "alsnog", "graag", "snel", "langzaam", "lang", "kort",
    "straks", "morgen", "vandaag", "gisteren", "vanavond", "vanochtend", "vanmorgen",
    "vanmiddag", "vannacht", "thuis", "opnieuw", "meteen", "direct", "pas", "nou", "hoor", "hè",
    "joh", "ja", "nee", "jawel", "oké", "idd", "wss", "mss", "ok", "hoe", "waarom", "wanneer",
    "waarop", "waarmee", "daarom", "daarna", "eerst", "verder", "ongeveer", "bijna", "genoeg",
    "samen", "allemaal", "iedere", "ergens", "nergens", "overal",
    // Verbs.
    "ben", "bent", "is", "zijn", "was", "waren", "geweest", "heb", "hebt", "heeft", "hebben",
    "had", "hadden", "gehad", "kan", "kun", "kunt", "kunnen", "kon", "konden", "wil", "wilt",
    "willen", "wilde", "zal", "zult", "zullen", "zou", "zouden", "moet", "moeten", "moest",
    "mag", "mogen", "mocht", "word", "wordt", "worden", "werd", "werden", "ga", "gaat", "gaan",
    "ging", "gingen", "gegaan", "doe", "doet", "doen", "deed", "gedaan", "kom", "komt", "komen",
    "kwam", "gekomen", "krijg", "krijgt", "krijgen", "kreeg", "gekregen", "zeg", "zegt",
    "zeggen", "zei", "gezegd", "weet", "weten", "wist", "vind", "vindt", "vinden", "gevonden",
    "denk", "denkt", "denken", "dacht", "zie", "ziet", "zien", "zag", "gezien", "sta", "staat",
    "staan", "stond", "laat", "laten", "liet", "maak", "maakt", "maken", "gemaakt", "blijf",
    "blijft", "blijven", "bleef", "geef", "geeft", "geven", "gaf", "zit", "zitten", "zat",
    "bel", "belt", "bellen", "gebeld", "mail", "gemaild", "stuur", "stuurt", "sturen",
    "gestuurd", "wacht", "wachten", "gewacht", "werkt", "werken", "gewerkt", "betalen",
    "betaald", "besteld", "ontvangen", "geholpen", "helpen", "opgelost", "oplossen", "gebeurd",
    "geprobeerd", "proberen", "geleverd", "bezorgd", "snap", "snapt", "hoop", "hoopt",
    "bedoel", "lukt", "gelukt", "klopt", "kost", "kosten", "duurt", "duren", "heet",
    // Adjectives and feelings.
    "goed", "goede", "slecht", "slechte", "beter", "best", "mooi", "fijn", "fijne", "leuk",
    "blij", "boos", "jammer", "helaas", "gelukkig", "prima", "nieuwe", "nieuw", "oude", "groot",
    "grote", "klein", "kleine", "zelfde", "hele", "volgende", "laatste", "eerste", "duidelijk",
    "vriendelijk", "vriendelijke", "snelle", "onmogelijk", "belachelijk", "waardeloos",
    "teleurgesteld", "verschrikkelijk", "geweldig", "bedankt", "dank", "dankjewel", "dankuwel",
    "bedankje", "hallo", "hoi", "goedemorgen", "goedemiddag", "goedenavond", "groet", "groeten",
    "mvg", "gr", "alvast", "succes", "sorry",
    // Nouns of everyday life and of webcare.
    "mensen", "vrouw", "kinderen", "huis", "werk", "geld", "tijd", "keer", "dag", "dagen",
    "week", "weken", "maand", "maanden", "jaar", "uur", "uren", "minuten", "klant", "klanten",
    "klantenservice", "storing", "storingen", "monteur", "aansluiting", "abonnement", "factuur",
    "rekening", "betaling", "bestelling", "pakket", "pakketje", "bezorging", "bezorger",
    "levering", "retour", "vraag", "vragen", "antwoord", "reactie", "probleem", "problemen",
    "oplossing", "wachttijd", "telefoon", "bericht", "berichten", "wachtwoord", "inloggen",
    "winkel", "medewerker", "medewerkers", "hulp", "trein", "treinen", "bus", "vertraging",
    "kaart", "saldo", "adres", "nummer", "gegevens", "klacht", "monteurs", "zaterdag",
    "zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "weekend", "ding",
    // Conversational words of Dutch posts.
    "lekker", "bezig", "gezellig", "hartelijk", "heerlijk", "nieuws", "trots", "kijk", "kijken",
    "gekeken", "lees", "lezen", "horen", "gehoord", "lopen", "rijden", "reis", "reizen",
    "perron", "chipkaart", "inchecken", "uitchecken", "ingecheckt", "uitgecheckt", "pagina",
    "stom", "raar", "vreemd", "irritant", "balen", "hoezo", "nogmaals", "zojuist", "gelijk",
    "namelijk", "trouwens", "overigens", "hopelijk", "blijkbaar", "voorlopig", "tenminste",
    "minstens", "weleens", "hierbij", "hierover", "daarvoor", "daarmee", "waarvoor", "eindelijk",
    "ongelooflijk", "vervelend", "schandalig", "netjes", "keurig", "begrijp", "weg",
    "vanuit", "wachtrij", "gesprek", "contact", "opnemen", "terug", "beste",
    "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "honderd",
    "duizend", "miljoen",
};

// English: function words, frequent verbs, adverbs and adjectives, contractions, and the
// vocabulary of customer-service posts.
constexpr std::string_view kEnglish[] = {
    // Articles, pronouns, determiners.
    "the", "a", "an", "i", "me", "my", "mine", "myself", "you", "your", "yours", "he", "him",
    "his", "she", "her", "hers", "it", "its", "we", "us", "our", "ours", "they", "them", "their",
    "theirs", "this", "that", "these", "those", "who", "whom", "whose", "what", "which",
    "something", "nothing", "anything", "everything", "someone", "anyone", "everyone", "nobody",
    "somebody", "all", "any", "some", "every", "each", "both", "few", "many", "much", "more",
    "most", "less", "other", "another", "such", "same", "own",
    // Prepositions and conjunctions.
    "of", "to", "in", "on", "at", "by", "for", "with", "from", "about", "as", "into", "onto",
    "than", "then", "through", "after", "before", "since", "until", "while", "during",
    "without", "within", "between", "against", "because", "although", "though", "however",
    "and", "or", "but", "if", "so", "nor", "up", "down", "out", "off", "over", "under",
    "around", "away", "via", "per",
    // Adverbs and particles.
    "not", "no", "yes", "yeah", "yep", "nope", "just", "also", "very", "really", "still",
    "already", "even", "again", "always", "never", "ever", "often", "sometimes", "now",
    "today", "yesterday", "tomorrow", "tonight", "here", "there", "where", "when", "why",
    "how", "soon", "later", "ago", "yet", "too", "well", "only", "actually", "probably",
    "maybe", "perhaps", "definitely", "literally", "seriously", "finally", "anymore", "almost",
    "enough", "together", "quite", "pretty", "right", "ok", "okay",
    // Verbs, contractions.
    "be", "am", "are", "is", "was", "were", "been", "being", "have", "has", "had", "having",
    "do", "does", "did", "done", "doing", "will", "would", "shall", "should", "can", "could",
    "may", "might", "must", "get", "gets", "got", "getting", "go", "goes", "going", "went",
    "gone", "make", "made", "take", "took", "taken", "come", "came", "see", "saw", "seen",
    "know", "knew", "known", "think", "thought", "say", "said", "says", "tell", "told", "want",
    "wanted", "need", "needed", "needs", "try", "tried", "trying", "call", "called", "calling",
    "help", "helped", "helpful", "please", "pls", "plz", "thanks", "thank", "thx", "ty",
    "sorry", "hello", "hi", "dear", "wait", "waiting", "waited", "work", "works", "working",
    "worked", "pay", "paid", "paying", "order", "ordered", "receive", "received", "deliver",
    "delivered", "fix", "fixed", "sort", "sorted", "keep", "keeps", "kept", "give", "gave",
    "given", "find", "found", "send", "sent", "let", "look", "looking", "use", "used",
    "don't", "doesn't", "didn't", "can't", "cannot", "won't", "isn't", "aren't", "wasn't",
    "weren't", "haven't", "hasn't", "couldn't", "wouldn't", "shouldn't", "i'm", "i've",
    "i'll", "i'd", "you're", "you've", "you'll", "we're", "we've", "they're", "it's",
    "that's", "there's", "what's", "let's", "dont", "doesnt", "didnt", "cant", "wont", "isnt",
    "im", "ive", "youre", "thats",
    // Adjectives and feelings.
    "good", "great", "bad", "terrible", "awful", "horrible", "nice", "new", "old", "best",
    "worst", "better", "worse", "happy", "unhappy", "disappointed", "angry", "frustrated",
    "amazing", "awesome", "excellent", "brilliant", "lovely", "quick", "fast", "slow", "long",
    "wrong", "sure", "useless", "ridiculous", "unacceptable", "fantastic", "first", "last",
    "next", "whole", "little", "big", "small", "real", "free", "full", "able",
    // Nouns of everyday life and of customer service.
    "people", "time", "times", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "hour", "hours", "minutes", "phone", "customer", "customers", "service",
    "support", "orders", "delivery", "package", "parcel", "account", "password", "bill",
    "refund", "payment", "money", "problem", "problems", "issue", "issues", "question",
    "answer", "reply", "email", "message", "messages", "internet", "connection", "outage",
    "store", "staff", "team", "website", "card", "train", "trains", "delay", "delayed",
    "ticket", "balance", "address", "number", "details", "complaint", "thing", "way", "life",
    "world", "home", "weekend", "morning", "evening", "night", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "hundred", "thousand", "million",
};

// German, French, Spanish and Afrikaans: their most frequent function words only.
constexpr std::string_view kGerman[] = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "und", "ist",
    "sind", "war", "nicht", "kein", "keine", "zu", "mit", "auf", "für", "von", "sich", "auch",
    "es", "ich", "du", "sie", "wir", "ihr", "er", "bin", "bist", "hat", "haben", "habe", "wird",
    "werden", "kann", "können", "muss", "noch", "schon", "nur", "aber", "oder", "wenn", "dass",
    "wie", "was", "warum", "wo", "hier", "jetzt", "sehr", "gut", "danke", "bitte", "nein",
    "ja", "mein", "meine", "dein", "unser", "heute", "immer", "wieder", "doch", "mal", "gibt",
    "geht", "im", "am", "um", "bei", "nach", "aus", "über", "vielen", "dank", "schnell",
};

constexpr std::string_view kFrench[] = {
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "sont", "pas", "ne",
    "je", "j'ai", "tu", "il", "elle", "nous", "vous", "ils", "elles", "on", "que", "qui",
    "quoi", "pour", "dans", "sur", "avec", "par", "mais", "ou", "où", "très", "bien", "merci",
    "bonjour", "oui", "non", "ce", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "son",
    "sa", "leur", "au", "aux", "avoir", "être", "fait", "plus", "tout", "tous", "comme",
    "aussi", "encore", "jamais", "toujours", "déjà", "ici", "suis", "avez", "ai", "c'est",
    "en", "beaucoup", "votre", "vos", "notre", "nos",
};

constexpr std::string_view kSpanish[] = {
    "el", "la", "los", "las", "un", "una", "unos", "de", "del", "y", "que", "en", "es", "son",
    "no", "sí", "por", "para", "con", "sin", "pero", "muy", "bien", "gracias", "hola", "yo",
    "tú", "él", "ella", "nosotros", "ellos", "mi", "mis", "tu", "su", "sus", "lo", "le", "se",
    "me", "te", "al", "más", "como", "qué", "cuando", "donde", "porque", "está", "estoy",
    "están", "ser", "hay", "ya", "también", "todo", "nada", "muchas", "buenos", "días",
};

constexpr std::string_view kAfrikaans[] = {
    "die", "en", "van", "is", "het", "nie", "ek", "jy", "hy", "sy", "ons", "hulle", "julle",
    "om", "te", "in", "op", "met", "vir", "aan", "nog", "al", "baie", "dankie",
    "asseblief", "goed", "wat", "wie", "waar", "hoekom", "hoe", "kan", "sal", "moet", "wil",
    "was", "gaan", "kom", "sê", "maak", "weet", "dink", "nou", "ook", "maar", "daar", "hier",
    "my", "jou", "geen", "niks", "iets", "alles", "reeds", "omdat", "lekker", "hierdie",
    "daardie", "mense", "mekaar", "aangesien", "egter", "sodat", "tydens", "nuwe", "deur",
    "jare", "kry", "gee", "sien", "eers", "slegs", "verskeie", "belangrike", "moontlik",
    "eintlik", "miskien", "saam", "altyd", "dalk", "twee", "drie", "word", "wees", "gesê",
};

using enum ModelLanguage;
constexpr uint8_t kNlBit = LanguageBit(kNl);
constexpr uint8_t kEnBit = LanguageBit(kEn);
constexpr uint8_t kDeBit = LanguageBit(kDe);
constexpr uint8_t kFrBit = LanguageBit(kFr);
constexpr uint8_t kEsBit = LanguageBit(kEs);
constexpr uint8_t kAfBit = LanguageBit(kAf);
constexpr HintPlace kAny = HintPlace::kAnywhere;
constexpr HintPlace kStart = HintPlace::kPrefix;
constexpr HintPlace kEnd = HintPlace::kSuffix;

// Spelling that tells the languages apart, with weights by how telling it is. Dutch against its
// neighbours: "ij" (Afrikaans writes "y", German "ei"), "sch" and "cht" (Afrikaans "sk", "g"),
// the diminutive "-tje" (Afrikaans "-tjie", German "-chen"), doubled vowels and "oe" (shared
// with Afrikaans, rare in German and English).
constexpr SpellingHint kHints[] = {
    // Dutch.
    {"ij", kAny, kNlBit, 2.0f},
    {"sch", kAny, kNlBit | kDeBit, 0.6f},
    {"cht", kAny, kNlBit | kDeBit, 0.6f},
    {"oe", kAny, kNlBit | kAfBit, 0.7f},
    {"aa", kAny, kNlBit | kAfBit, 0.8f},
    {"uu", kAny, kNlBit | kAfBit, 0.8f},
    {"ui", kAny, kNlBit | kAfBit, 0.5f},
    {"eu", kAny, kNlBit | kDeBit | kFrBit, 0.3f},
    {"ee", kAny, kNlBit | kAfBit | kEnBit, 0.3f},
    {"oo", kAny, kNlBit | kAfBit | kEnBit, 0.2f},
    {"ou", kAny, kNlBit | kAfBit | kFrBit | kEnBit, 0.1f},
    {"tje", kEnd, kNlBit, 1.5f},
    {"tjes", kEnd, kNlBit, 1.5f},
    {"heid", kEnd, kNlBit | kAfBit, 1.0f},
    {"isch", kEnd, kNlBit | kDeBit, 0.8f},
    {"en", kEnd, kNlBit | kDeBit, 0.3f},
    {"ge", kStart, kNlBit | kDeBit | kAfBit, 0.3f},
    {"ver", kStart, kNlBit | kDeBit | kAfBit, 0.3f},
    {"z", kStart, kNlBit | kDeBit, 0.4f},
    {"v", kStart, kNlBit | kAfBit | kDeBit, 0.3f},
    {"tie", kEnd, kNlBit, 0.8f},
    {"dde", kEnd, kNlBit, 0.8f},  // Past tense; Afrikaans has none (uitbreidde).
    {"ën", kAny, kNlBit | kAfBit, 0.8f},
    {"ë", kAny, kNlBit | kAfBit | kFrBit, 0.3f},
    {"é", kAny, kFrBit | kEsBit | kNlBit, 0.3f},
    // English.
    {"th", kAny, kEnBit, 1.2f},
    {"wh", kAny, kEnBit, 1.5f},
    {"ght", kAny, kEnBit, 1.5f},
    {"sh", kAny, kEnBit, 0.6f},
    // Dutch nouns end in "-ing" as often as English verbs do (storing, betaling, levering).
    {"ing", kEnd, kEnBit, 0.5f},
    {"ing", kEnd, kNlBit | kAfBit, 0.3f},
    {"tion", kEnd, kEnBit | kFrBit, 0.8f},
    {"ly", kEnd, kEnBit, 1.0f},
    {"ness", kEnd, kEnBit, 1.5f},
    {"ful", kEnd, kEnBit, 1.0f},
    {"ous", kEnd, kEnBit, 0.7f},
    {"ed", kEnd, kEnBit, 0.4f},
    {"y", kEnd, kEnBit | kAfBit, 0.4f},
    {"ay", kAny, kEnBit, 0.5f},
    {"ck", kAny, kEnBit | kDeBit, 0.3f},
    {"qu", kAny, kEnBit | kFrBit | kEsBit, 0.3f},
    {"ce", kAny, kEnBit | kFrBit | kEsBit, 0.3f},
    {"w", kStart, kEnBit | kNlBit | kDeBit, 0.2f},
    // German.
    {"ä", kAny, kDeBit, 2.0f},
    {"ö", kAny, kDeBit, 1.5f},
    {"ü", kAny, kDeBit, 1.5f},
    {"ß", kAny, kDeBit, 2.5f},
    {"tz", kAny, kDeBit, 0.8f},
    {"pf", kAny, kDeBit, 0.8f},
    {"ung", kEnd, kDeBit, 1.2f},
    {"keit", kEnd, kDeBit, 1.2f},
    {"lich", kEnd, kDeBit, 1.0f},
    {"chen", kEnd, kDeBit, 0.8f},
    {"ei", kAny, kDeBit | kNlBit, 0.2f},
    // French.
    {"è", kAny, kFrBit, 1.5f},
    {"à", kAny, kFrBit, 1.5f},
    {"ç", kAny, kFrBit, 2.0f},
    {"â", kAny, kFrBit, 1.5f},
    {"î", kAny, kFrBit, 1.5f},
    {"û", kAny, kFrBit, 1.5f},
    {"œ", kAny, kFrBit, 2.0f},
    {"eux", kEnd, kFrBit, 1.2f},
    {"aux", kEnd, kFrBit, 1.2f},
    {"eau", kAny, kFrBit, 1.2f},
    {"oi", kAny, kFrBit, 0.4f},
    {"ais", kEnd, kFrBit, 0.7f},
    {"ait", kEnd, kFrBit, 0.7f},
    {"ées", kEnd, kFrBit, 1.5f},
    // Spanish.
    {"ñ", kAny, kEsBit, 2.5f},
    {"á", kAny, kEsBit, 1.2f},
    {"í", kAny, kEsBit, 1.2f},
    {"ó", kAny, kEsBit, 1.2f},
    {"ú", kAny, kEsBit, 1.2f},
    {"ción", kEnd, kEsBit, 2.0f},
    {"dad", kEnd, kEsBit, 1.0f},
    {"rr", kAny, kEsBit, 0.5f},
    {"os", kEnd, kEsBit, 0.3f},
    {"as", kEnd, kEsBit, 0.2f},
    {"o", kEnd, kEsBit, 0.3f},
    // Afrikaans.
    {"ê", kAny, kAfBit | kFrBit, 1.0f},
    {"ô", kAny, kAfBit | kFrBit, 1.0f},
    {"ŉ", kAny, kAfBit, 2.5f},
    {"tjie", kEnd, kAfBit, 2.0f},
    {"kie", kEnd, kAfBit, 1.0f},
    {"sk", kAny, kAfBit, 0.8f},     // Dutch "sch": skool, gemeenskap.
    {"lik", kEnd, kAfBit, 1.2f},    // Dutch "-lijk": moontlik, eintlik.
    {"rik", kEnd, kAfBit, 1.0f},    // Dutch "-rijk": belangrik.
    {"sie", kEnd, kAfBit, 1.0f},    // Dutch "-tie": inligting, situasie.
    {"ou", kEnd, kAfBit, 0.5f},     // Dutch "-ouw": vrou, gebou.
    {"y", kAny, kAfBit | kEnBit, 0.3f},  // Dutch "ij": tyd, bly.
    // Dutch, like English, German and French, writes "c" in borrowed words; Afrikaans writes
    // "k" or "s" (konsert, aksie, sentrum).
    {"c", kAny, kNlBit | kEnBit | kDeBit | kFrBit | kEsBit, 0.2f},
    {"ouw", kAny, kNlBit, 0.8f},
    {"z", kAny, kNlBit | kDeBit | kEsBit, 0.2f},
};

// clang-format on

}  // namespace

std::string_view ModelLanguageCode(ModelLanguage language) {
  constexpr std::array<std::string_view, kModelLanguageCount> kCodes = {"nl", "en", "de",
                                                                        "fr", "es", "af"};
  return kCodes[static_cast<int>(language)];
}

int ModelLanguageIndex(std::string_view code) {
  for (int i = 0; i < kModelLanguageCount; ++i) {
    if (ModelLanguageCode(static_cast<ModelLanguage>(i)) == code) return i;
  }
  return -1;
}

std::span<const std::string_view> FrequentWords(ModelLanguage language) {
  switch (language) {
    case kNl:
      return kDutch;
    case kEn:
      return kEnglish;
    case kDe:
      return kGerman;
    case kFr:
      return kFrench;
    case kEs:
      return kSpanish;
    case kAf:
      return kAfrikaans;
  }
  return {};
}

std::span<const SpellingHint> SpellingHints() { return kHints; }

}  // namespace webcare::analysis::language
