// Phrase pools for the demo world. Texts are invented for a fictional company ("OV-Pas"); every
// person, agent and influencer name is made up. Templates are compiled once into literal and
// slot segments so rendering is a handful of appends.

#include "ingest/demo/demo_phrases.h"

#include <array>
#include <charconv>

namespace webcare::ingest::demo {
namespace {

constexpr Lang NL = Lang::kNl;
constexpr Lang EN = Lang::kEn;
using P = Phrase;
using T = Topic;

struct Entry {
  Lang lang;
  Phrase phrase;
  Topic topic;
  std::string_view text;
};

// clang-format off
constexpr Entry kEntries[] = {
  // ---- Dutch: questions ----
  {NL, P::kInbound, T::kSaldo, "{mention} hoe kan ik mijn saldo checken zonder de app? Sta nu bij {station} en weet niet of ik genoeg heb 🤔"},
  {NL, P::kInbound, T::kSaldo, "Waarom staat er {amount} minder op mijn OV-Pas dan gisteren? Alleen van {station} naar {station2} gereisd {mention}"},
  {NL, P::kInbound, T::kSaldo, "{mention} saldo opgewaardeerd bij de automaat op {station} maar na een uur staat het er nog steeds niet op??"},
  {NL, P::kInbound, T::kSaldo, "Hoi {mention}, kan ik mijn saldo ook automatisch laten opwaarderen? Ik vergeet het steeds 🙈"},
  {NL, P::kInbound, T::kSaldo, "ff vraagje {mention}: is het saldo van mijn oude pas over te zetten naar de nieuwe?"},
  {NL, P::kInbound, T::kCheckin, "{mention} vergeten uit te checken op {station} 🤦 krijg ik die {amount} terug?"},
  {NL, P::kInbound, T::kCheckin, "Help! Op {date} bij {station} ingecheckt maar het poortje piepte niet. Ben ik nu mijn instaptarief kwijt? {mention}"},
  {NL, P::kInbound, T::kCheckin, "{mention} hoe lang heb ik om een vergeten check-out te melden? Was op {weekday} bij {station2}."},
  {NL, P::kInbound, T::kCheckin, "Ik ben vergeten in te checken in bus {line}, chauffeur was er niet blij mee. Wat moet ik nu doen {mention}?"},
  {NL, P::kInbound, T::kRefund, "{mention} hoe vraag ik geld terug voor een rit die niet doorging? Trein naar {station2} viel uit op {date}."},
  {NL, P::kInbound, T::kRefund, "Al {minutes} minuten vertraging bij {station}. Krijg ik mijn geld terug {mention}? {tag}"},
  {NL, P::kInbound, T::kRefund, "{mention} ik wacht al 3 weken op mijn restitutie van {amount}, hoe lang duurt dat normaal?"},
  {NL, P::kInbound, T::kRefund, "Kan iemand uitleggen hoe die geld-terug-regeling werkt? Het formulier op de site snap ik echt niet {mention}"},
  {NL, P::kInbound, T::kSubscription, "{mention} kan ik mijn abonnement per maand opzeggen? Ik ga verhuizen naar de buurt van {station2}."},
  {NL, P::kInbound, T::kSubscription, "Wat is het verschil tussen Daluren Plus en Altijd Onderweg? Ik reis elke dag {station} – {station2} {mention}"},
  {NL, P::kInbound, T::kSubscription, "{mention} mijn abonnement staat niet op mijn pas terwijl ik wel betaald heb?? Moet om {time} naar {station2}"},
  {NL, P::kInbound, T::kSubscription, "Hoi! Kan ik mijn studentenabonnement combineren met een weekendabonnement? {mention}"},
  {NL, P::kInbound, T::kApp, "{mention} de app blijft hangen bij het inloggen sinds de update 😩"},
  {NL, P::kInbound, T::kApp, "Waarom zie ik mijn reizen van {date} niet in de OV-Pas app? {mention}"},
  {NL, P::kInbound, T::kApp, "{mention} app zegt 'kaart niet gevonden' terwijl ik hem al 2 jaar heb. Iemand anders ook?"},
  {NL, P::kInbound, T::kApp, "hoe koppel ik een tweede pas aan mijn account in de app {mention}? kan het nergens vinden"},
  // ---- Dutch: complaints ----
  {NL, P::kInbound, T::kOutage, "Weer een storing bij {station} {emoji} {mention} wat is er nu weer aan de hand?"},
  {NL, P::kInbound, T::kOutage, "{mention} storing in de incheckpalen op {station}, niemand weet wat we moeten doen {tag}"},
  {NL, P::kInbound, T::kOutage, "Elke week wel een storing, dit is toch niet normaal {mention} {emoji}"},
  {NL, P::kInbound, T::kGates, "Poortjes op {station} werken weer eens niet {emoji} hele rij mensen staat vast {tag}"},
  {NL, P::kInbound, T::kGates, "{mention} het poortje bij {station} slikt mijn pas niet, al 3 keer geprobeerd. Trein gemist 😤"},
  {NL, P::kInbound, T::kGates, "Waarom gaan de poortjes op {station2} nooit open met de OV-Pas?! {mention}"},
  {NL, P::kInbound, T::kDoubleCharge, "{mention} er is 2x {amount} afgeschreven voor dezelfde rit op {date}. Graag terug!"},
  {NL, P::kInbound, T::kDoubleCharge, "Dubbel afgeschreven, wéér {emoji} check je rekeningen mensen {tag} {mention}"},
  {NL, P::kInbound, T::kDoubleCharge, "{mention} jullie hebben deze maand dubbel afgeschreven voor mijn abonnement, wie gaat dat oplossen?"},
  {NL, P::kInbound, T::kWaitTime, "Al {minutes} minuten in de wacht bij de klantenservice van {mention} {emoji}"},
  {NL, P::kInbound, T::kWaitTime, "{mention} op {date} gemaild en nog steeds geen antwoord. Hoe lang nog?"},
  {NL, P::kInbound, T::kWaitTime, "{minutes} minuten wachtmuziek... {mention} zijn jullie er nog? {tag}"},
  {NL, P::kInbound, T::kRunaround, "Van het kastje naar de muur gestuurd door {mention}. Vervoerder zegt bel OV-Pas, OV-Pas zegt bel de vervoerder {emoji}"},
  {NL, P::kInbound, T::kRunaround, "{mention} ik word echt van het kastje naar de muur gestuurd over mijn restitutie van {amount}. Niemand voelt zich verantwoordelijk."},
  {NL, P::kInbound, T::kRunaround, "Drie keer gebeld, drie verschillende antwoorden. Klantvriendelijk is anders {mention} {tag}"},
  // ---- Dutch: praise and neutral ----
  {NL, P::kInbound, T::kPraise, "Top geholpen door {mention}! Binnen 10 minuten opgelost 👍"},
  {NL, P::kInbound, T::kPraise, "Complimenten aan de webcare van {mention}, super snel gereageerd {happy}"},
  {NL, P::kInbound, T::kPraise, "Eindelijk een bedrijf dat wél antwoordt. Dank je {mention}! {happy}"},
  {NL, P::kInbound, T::kPraise, "Vriendelijke medewerker op {station} die me hielp met mijn pas. Bedankt {mention}"},
  {NL, P::kInbound, T::kNeutral, "Wist je dat je met de OV-Pas ook in bus {line} kunt betalen? Handig {mention}"},
  {NL, P::kInbound, T::kNeutral, "Vanaf volgende maand nieuwe tarieven bij {mention}, zie hun site voor de details."},
  {NL, P::kInbound, T::kNeutral, "Nieuwe OV-Pas binnen, ziet er strak uit {happy}"},
  {NL, P::kInbound, T::kNeutral, "Zit in de trein van {station} naar {station2}, mooi weer buiten {happy} {tag}"},
  {NL, P::kInbound, T::kNeutral, "Iemand een tip hoe je het goedkoopst reist van {station} naar {station2} met de OV-Pas?"},
  // ---- Dutch: outage surge ----
  {NL, P::kOutageSurge, T::kAny, "{mention} {theme} op {station}!! Wat is er aan de hand? {emoji} #storing"},
  {NL, P::kOutageSurge, T::kAny, "Alweer {theme} bij {station}, ik sta hier al {minutes} minuten {emoji}"},
  {NL, P::kOutageSurge, T::kAny, "Is er een storing? Bij mij ook: {theme}. {mention} graag info! #storing"},
  {NL, P::kOutageSurge, T::kAny, "Hele stationshal op {station} vol mensen want {theme} {emoji} {mention}"},
  {NL, P::kOutageSurge, T::kAny, "Wie heeft er nog meer last van de storing? Op {station2} ook {theme} #ovpas"},
  {NL, P::kOutageSurge, T::kAny, "{mention} wanneer is de storing voorbij? Moet om {time} op mijn werk zijn {emoji}"},
  {NL, P::kOutageSurge, T::kAny, "wtf {mention} {theme} op {station} en niemand van jullie te zien {emoji} {tag}"},
  // ---- Dutch: customer follow-ups ----
  {NL, P::kFollowUpThanks, T::kAny, "Dank jullie wel, het is gelukt! {happy}"},
  {NL, P::kFollowUpThanks, T::kAny, "Top, bedankt voor de snelle hulp!"},
  {NL, P::kFollowUpThanks, T::kAny, "Opgelost, dank je {agent}! {happy}"},
  {NL, P::kFollowUpThanks, T::kAny, "Fijn, dat was precies wat ik moest weten 👍"},
  {NL, P::kFollowUpUnresolved, T::kAny, "Heb ik al geprobeerd, werkt nog steeds niet {emoji}"},
  {NL, P::kFollowUpUnresolved, T::kAny, "Dat formulier heb ik op {date} al ingevuld, geen reactie..."},
  {NL, P::kFollowUpUnresolved, T::kAny, "Sorry maar dit helpt me niet verder. Kan iemand me bellen?"},
  {NL, P::kFollowUpUnresolved, T::kAny, "nog steeds niks veranderd hoor {emoji}"},
  {NL, P::kDmFollowUp, T::kAny, "Hoi, hierbij mijn kaartnummer, het eindigt op {card}. Het gaat om de rit van {date}."},
  {NL, P::kDmFollowUp, T::kAny, "Mijn pas eindigt op {card}, het gaat om {amount}. Alvast bedankt!"},
  {NL, P::kDmFollowUp, T::kAny, "Hallo, kaartnummer eindigt op {card}. Ik reisde van {station} naar {station2}."},
  // ---- Dutch: the team ----
  {NL, P::kReply, T::kSaldo, "Hoi {first}, je saldo zie je in de app onder 'Mijn pas' of bij elke automaat. Opwaarderen bij de automaat staat er meteen op, online duurt het tot 24 uur."},
  {NL, P::kReply, T::kSaldo, "Vervelend {first}! Een online opwaardering haal je op bij een incheckpaal, bijvoorbeeld op {station}. Lukt het niet, laat het ons weten."},
  {NL, P::kReply, T::kCheckin, "Hoi {first}, een vergeten check-out meld je binnen 14 dagen via 'Mijn reizen' in de app. Het teveel betaalde krijg je binnen 5 werkdagen terug."},
  {NL, P::kReply, T::kCheckin, "Balen {first}! Als je de rit van {date} in de app corrigeert, krijg je het instaptarief terug."},
  {NL, P::kReply, T::kRefund, "Hoi {first}, geld terug bij vertraging vraag je aan met het formulier op onze site. Vul de rit van {station} naar {station2} in, dan komt het goed."},
  {NL, P::kReply, T::kRefund, "Excuses voor het lange wachten {first}. Ik heb je aanvraag van {amount} voorrang gegeven; je hoort binnen 3 werkdagen van ons."},
  {NL, P::kReply, T::kSubscription, "Hoi {first}, je abonnement is maandelijks opzegbaar via 'Mijn abonnementen'. Het stopt dan aan het einde van de maand."},
  {NL, P::kReply, T::kSubscription, "Goed dat je het meldt {first}. Haal je abonnement even op bij een incheckpaal, daarna staat het op je pas."},
  {NL, P::kReply, T::kApp, "Vervelend {first}! Wil je de app verwijderen en opnieuw installeren? Dat lost dit meestal op. Laat je weten of het gelukt is?"},
  {NL, P::kReply, T::kApp, "Bedankt voor je melding {first}. Onze ontwikkelaars kijken ernaar, deze week komt er een nieuwe versie van de app."},
  {NL, P::kReply, T::kOutage, "Sorry voor het ongemak {first}! Er was een storing in de palen op {station}, die is inmiddels opgelost. Je rit wordt automatisch gecorrigeerd."},
  {NL, P::kReply, T::kGates, "Vervelend {first}! Ik heb de poortjes op {station} doorgegeven aan de beheerder. Heb je een trein gemist, dan kun je geld terug aanvragen."},
  {NL, P::kReply, T::kDoubleCharge, "Dat hoort niet {first}, excuses! Ik zet de dubbele afschrijving van {amount} terug, je ziet het binnen 5 werkdagen op je rekening."},
  {NL, P::kReply, T::kWaitTime, "Sorry voor het lange wachten {first}, het is erg druk. Hier helpen we je ook graag verder: wat is je vraag?"},
  {NL, P::kReply, T::kRunaround, "Dat is echt vervelend {first}, sorry. Ik neem het nu zelf op me en zoek het uit met de vervoerder. Je hoort vandaag nog van me."},
  {NL, P::kReply, T::kPraise, "Wat fijn om te horen {first}, dank je wel! Ik geef het door aan het team {happy}"},
  {NL, P::kReply, T::kPraise, "Dank je {first}! Goede reis vandaag 🚆"},
  {NL, P::kReply, T::kNeutral, "Klopt {first}! Meer info vind je op onze site onder 'Reizen met OV-Pas'. Goede reis!"},
  {NL, P::kReplyAskDm, T::kAny, "Vervelend {first}! Stuur je ons even een DM met je kaartnummer? Dan zoeken we het voor je uit."},
  {NL, P::kReplyAskDm, T::kAny, "Hoi {first}, dat kijken we graag voor je na. Wil je je kaartnummer en de datum van de rit in een DM sturen?"},
  {NL, P::kReplyOutage, T::kAny, "Excuses {first}, we weten van de problemen op {station} ({theme}). Onze technici zijn ermee bezig, ritten worden achteraf gecorrigeerd."},
  {NL, P::kReplyOutage, T::kAny, "Sorry {first}, er is op dit moment een storing ({theme}). We werken aan een oplossing, je hoeft zelf niets te doen."},
  {NL, P::kReplyUnresolved, T::kAny, "Dat is niet de bedoeling {first}. Ik bel je morgen even, is dat goed?"},
  {NL, P::kReplyUnresolved, T::kAny, "Sorry {first}, ik heb je zaak doorgezet naar onze backoffice. Je hoort binnen 2 werkdagen van ons."},
  {NL, P::kReplyThanks, T::kAny, "Graag gedaan {first}! {happy}"},
  {NL, P::kReplyThanks, T::kAny, "Fijn dat het gelukt is {first}, goede reis!"},
  // ---- Dutch: e-mail and phone framing ----
  {NL, P::kEmailSubject, T::kSaldo, "Saldo klopt niet"},
  {NL, P::kEmailSubject, T::kCheckin, "Vergeten uit te checken"},
  {NL, P::kEmailSubject, T::kRefund, "Verzoek om restitutie"},
  {NL, P::kEmailSubject, T::kSubscription, "Vraag over mijn abonnement"},
  {NL, P::kEmailSubject, T::kApp, "Probleem met de app"},
  {NL, P::kEmailSubject, T::kOutage, "Storing"},
  {NL, P::kEmailSubject, T::kGates, "Poortjes gaan niet open"},
  {NL, P::kEmailSubject, T::kDoubleCharge, "Dubbele afschrijving"},
  {NL, P::kEmailSubject, T::kWaitTime, "Nog steeds geen reactie"},
  {NL, P::kEmailSubject, T::kRunaround, "Klacht over de afhandeling"},
  {NL, P::kEmailSubject, T::kPraise, "Compliment"},
  {NL, P::kEmailSubject, T::kAny, "Vraag"},
  {NL, P::kEmailOpen, T::kAny, "Beste OV-Pas,"},
  {NL, P::kEmailOpen, T::kAny, "Geachte heer/mevrouw,"},
  {NL, P::kEmailOpen, T::kAny, "Hallo klantenservice,"},
  {NL, P::kEmailClose, T::kAny, "Met vriendelijke groet,"},
  {NL, P::kEmailClose, T::kAny, "Groet,"},
  {NL, P::kEmailClose, T::kAny, "Alvast bedankt,"},
  {NL, P::kPhoneNote, T::kAny, "Klant belt: "},
  {NL, P::kPhoneNote, T::kAny, "Telefoongesprek, klant meldt: "},
  {NL, P::kPhoneCallback, T::kAny, "Klant teruggebeld. "},
  {NL, P::kPhoneCallback, T::kAny, "Terugbelnotitie: "},

  // ---- English: questions ----
  {EN, P::kInbound, T::kSaldo, "{mention} how do I check my balance without the app? I'm at {station} and not sure I have enough 🤔"},
  {EN, P::kInbound, T::kSaldo, "Why is my card {amount} lower than yesterday? Only travelled {station} to {station2} {mention}"},
  {EN, P::kInbound, T::kSaldo, "{mention} topped up at the machine in {station} but an hour later the balance still isn't there??"},
  {EN, P::kInbound, T::kSaldo, "Hi {mention}, can I set up automatic top-ups? I keep forgetting 🙈"},
  {EN, P::kInbound, T::kCheckin, "{mention} forgot to check out at {station} 🤦 will I get the {amount} back?"},
  {EN, P::kInbound, T::kCheckin, "Checked in at {station} on {date} but the reader didn't beep. Did I lose the boarding fare? {mention}"},
  {EN, P::kInbound, T::kCheckin, "{mention} how long do I have to report a missed check-out? It was {weekday} at {station2}."},
  {EN, P::kInbound, T::kRefund, "{mention} how do I get a refund for a train that was cancelled? The one to {station2} on {date}."},
  {EN, P::kInbound, T::kRefund, "{minutes} minutes delay at {station}. Do I get my money back {mention}? {tag}"},
  {EN, P::kInbound, T::kRefund, "{mention} still waiting for my refund of {amount} after 3 weeks, is that normal?"},
  {EN, P::kInbound, T::kSubscription, "{mention} can I cancel my subscription monthly? Moving near {station2} soon."},
  {EN, P::kInbound, T::kSubscription, "{mention} my subscription isn't on my card even though I paid?? Need to be in {station2} by {time}"},
  {EN, P::kInbound, T::kSubscription, "What's the difference between Off-Peak Plus and Always On the Move? I commute {station} – {station2} daily {mention}"},
  {EN, P::kInbound, T::kApp, "{mention} the app keeps freezing at login since the update 😩"},
  {EN, P::kInbound, T::kApp, "Why can't I see my trips from {date} in the OV-Pas app? {mention}"},
  {EN, P::kInbound, T::kApp, "how do I add a second card to my account in the app {mention}? can't find it anywhere"},
  // ---- English: complaints ----
  {EN, P::kInbound, T::kOutage, "Another outage at {station} {emoji} {mention} what is going on this time?"},
  {EN, P::kInbound, T::kOutage, "{mention} card readers down at {station}, nobody knows what to do {tag}"},
  {EN, P::kInbound, T::kGates, "Gates at {station} not working again {emoji} huge queue of people stuck {tag}"},
  {EN, P::kInbound, T::kGates, "{mention} the gate at {station} won't take my card, tried 3 times. Missed my train 😤"},
  {EN, P::kInbound, T::kDoubleCharge, "{mention} I was charged {amount} twice for the same trip on {date}. Please refund!"},
  {EN, P::kInbound, T::kDoubleCharge, "Double charged AGAIN {emoji} check your statements people {tag} {mention}"},
  {EN, P::kInbound, T::kWaitTime, "{minutes} minutes on hold with {mention} customer service {emoji}"},
  {EN, P::kInbound, T::kWaitTime, "{mention} emailed you on {date} and still no answer. How much longer?"},
  {EN, P::kInbound, T::kRunaround, "Sent from pillar to post by {mention}. The operator says call OV-Pas, OV-Pas says call the operator {emoji}"},
  {EN, P::kInbound, T::kRunaround, "Three calls, three different answers. Not exactly customer friendly {mention} {tag}"},
  // ---- English: praise and neutral ----
  {EN, P::kInbound, T::kPraise, "Thanks for the quick help {mention}! Sorted in 10 minutes 👍"},
  {EN, P::kInbound, T::kPraise, "Shout-out to the {mention} support team, super fast reply {happy}"},
  {EN, P::kInbound, T::kPraise, "Friendly staff member at {station} helped me with my card. Thank you {mention}"},
  {EN, P::kInbound, T::kNeutral, "Did you know you can pay with the OV-Pas on bus {line} too? Handy {mention}"},
  {EN, P::kInbound, T::kNeutral, "On the train from {station} to {station2}, lovely weather outside {happy} {tag}"},
  {EN, P::kInbound, T::kNeutral, "Any tips for the cheapest way to travel {station} to {station2} with the OV-Pas?"},
  // ---- English: outage surge ----
  {EN, P::kOutageSurge, T::kAny, "{mention} {theme} at {station}!! What is going on? {emoji} #storing"},
  {EN, P::kOutageSurge, T::kAny, "{theme} at {station} again, been standing here for {minutes} minutes {emoji}"},
  {EN, P::kOutageSurge, T::kAny, "Is there an outage? Same here: {theme}. {mention} please update us!"},
  {EN, P::kOutageSurge, T::kAny, "{mention} when will the outage be fixed? I need to be at work by {time} {emoji}"},
  {EN, P::kOutageSurge, T::kAny, "Anyone else affected? {theme} at {station2} too #ovpas {tag}"},
  // ---- English: customer follow-ups ----
  {EN, P::kFollowUpThanks, T::kAny, "Thanks, that worked! {happy}"},
  {EN, P::kFollowUpThanks, T::kAny, "Sorted, thank you {agent}! {happy}"},
  {EN, P::kFollowUpThanks, T::kAny, "thx, that's exactly what I needed 👍"},
  {EN, P::kFollowUpUnresolved, T::kAny, "Already tried that, still not working {emoji}"},
  {EN, P::kFollowUpUnresolved, T::kAny, "Sorry but that doesn't help. Can someone call me please?"},
  {EN, P::kFollowUpUnresolved, T::kAny, "I filled in that form on {date} already, no reply..."},
  {EN, P::kDmFollowUp, T::kAny, "Hi, my card number ends in {card}. It's about the trip on {date}."},
  {EN, P::kDmFollowUp, T::kAny, "Card ends in {card}, it's about {amount}. Thanks in advance!"},
  // ---- English: the team ----
  {EN, P::kReply, T::kSaldo, "Hi {first}, you can see your balance in the app under 'My card' or at any machine. Top-ups at a machine show at once, online ones within 24 hours."},
  {EN, P::kReply, T::kCheckin, "Hi {first}, you can report a missed check-out within 14 days under 'My trips' in the app. You'll get the difference back within 5 working days."},
  {EN, P::kReply, T::kRefund, "Hi {first}, you can claim a delay refund with the form on our website. Enter the trip from {station} to {station2} and you're all set."},
  {EN, P::kReply, T::kSubscription, "Hi {first}, your subscription can be cancelled monthly under 'My subscriptions'. It ends at the end of the month."},
  {EN, P::kReply, T::kApp, "Sorry about that {first}! Could you remove and reinstall the app? That usually fixes it. Let us know if it works?"},
  {EN, P::kReply, T::kOutage, "Sorry for the trouble {first}! The readers at {station} had an outage, fixed now. Your trip will be corrected automatically."},
  {EN, P::kReply, T::kGates, "Sorry {first}! I've reported the gates at {station} to the station manager. If you missed a train you can claim a refund."},
  {EN, P::kReply, T::kDoubleCharge, "That shouldn't happen {first}, apologies! I'm reversing the double charge of {amount}, you'll see it within 5 working days."},
  {EN, P::kReply, T::kWaitTime, "Sorry for the wait {first}, it's very busy. We're happy to help you here too: what's your question?"},
  {EN, P::kReply, T::kRunaround, "That's really frustrating {first}, sorry. I'll take this on myself and sort it out with the operator. You'll hear from me today."},
  {EN, P::kReply, T::kPraise, "So good to hear {first}, thank you! I'll pass it on to the team {happy}"},
  {EN, P::kReply, T::kNeutral, "That's right {first}! You'll find more on our website under 'Travelling with OV-Pas'. Have a good trip!"},
  {EN, P::kReplyAskDm, T::kAny, "Sorry to hear that {first}! Could you send us a DM with your card number? We'll look into it."},
  {EN, P::kReplyAskDm, T::kAny, "Hi {first}, happy to check that for you. Please DM us your card number and the date of the trip."},
  {EN, P::kReplyOutage, T::kAny, "Apologies {first}, we know about the problems at {station} ({theme}). Our engineers are on it, trips will be corrected afterwards."},
  {EN, P::kReplyOutage, T::kAny, "Sorry {first}, there is an outage right now ({theme}). We're working on a fix, you don't need to do anything."},
  {EN, P::kReplyUnresolved, T::kAny, "That's not how it should be {first}. I'll call you tomorrow, is that OK?"},
  {EN, P::kReplyUnresolved, T::kAny, "Sorry {first}, I've passed your case to our back office. You'll hear from us within 2 working days."},
  {EN, P::kReplyThanks, T::kAny, "You're welcome {first}! {happy}"},
  {EN, P::kReplyThanks, T::kAny, "Glad it worked out {first}, have a good trip!"},
  // ---- English: e-mail and phone framing ----
  {EN, P::kEmailSubject, T::kSaldo, "Balance is wrong"},
  {EN, P::kEmailSubject, T::kCheckin, "Forgot to check out"},
  {EN, P::kEmailSubject, T::kRefund, "Refund request"},
  {EN, P::kEmailSubject, T::kSubscription, "Question about my subscription"},
  {EN, P::kEmailSubject, T::kApp, "Problem with the app"},
  {EN, P::kEmailSubject, T::kOutage, "Outage"},
  {EN, P::kEmailSubject, T::kGates, "Gates won't open"},
  {EN, P::kEmailSubject, T::kDoubleCharge, "Charged twice"},
  {EN, P::kEmailSubject, T::kWaitTime, "Still no reply"},
  {EN, P::kEmailSubject, T::kRunaround, "Complaint about how my case was handled"},
  {EN, P::kEmailSubject, T::kPraise, "Compliment"},
  {EN, P::kEmailSubject, T::kAny, "Question"},
  {EN, P::kEmailOpen, T::kAny, "Dear OV-Pas,"},
  {EN, P::kEmailOpen, T::kAny, "Hello customer service,"},
  {EN, P::kEmailClose, T::kAny, "Kind regards,"},
  {EN, P::kEmailClose, T::kAny, "Best,"},
  {EN, P::kPhoneNote, T::kAny, "Customer calls (English): "},
  {EN, P::kPhoneCallback, T::kAny, "Called the customer back. "},
};

constexpr PersonName kFirstNames[] = {
  {"Anna", "anna"}, {"Daan", "daan"}, {"Sanne", "sanne"}, {"Lucas", "lucas"}, {"Emma", "emma"},
  {"Sem", "sem"}, {"Julia", "julia"}, {"Finn", "finn"}, {"Zoë", "zoe"}, {"Noah", "noah"},
  {"Lotte", "lotte"}, {"Milan", "milan"}, {"Fleur", "fleur"}, {"Thijs", "thijs"},
  {"Iris", "iris"}, {"Bram", "bram"}, {"Sophie", "sophie"}, {"Jesse", "jesse"},
  {"Noor", "noor"}, {"Ruben", "ruben"}, {"Femke", "femke"}, {"Lars", "lars"}, {"Eva", "eva"},
  {"Koen", "koen"}, {"Maud", "maud"}, {"Stijn", "stijn"}, {"Lieke", "lieke"}, {"Niels", "niels"},
  {"Anouk", "anouk"}, {"Joris", "joris"}, {"Chloë", "chloe"}, {"Mohamed", "mohamed"},
  {"Fatima", "fatima"}, {"Yusuf", "yusuf"}, {"Aylin", "aylin"}, {"Priya", "priya"},
  {"James", "james"}, {"Olivia", "olivia"}, {"Mateo", "mateo"}, {"Sofia", "sofia"},
  {"Wei", "wei"}, {"Lukas", "lukas"}, {"Marieke", "marieke"}, {"Henk", "henk"},
  {"Ingrid", "ingrid"}, {"Gerrit", "gerrit"}, {"Wilma", "wilma"}, {"Kees", "kees"},
  {"Hanneke", "hanneke"}, {"Pieter", "pieter"}, {"Renée", "renee"}, {"Joël", "joel"},
};

constexpr PersonName kLastNames[] = {
  {"de Vries", "devries"}, {"Jansen", "jansen"}, {"de Jong", "dejong"}, {"Bakker", "bakker"},
  {"van Dijk", "vandijk"}, {"Visser", "visser"}, {"Smit", "smit"}, {"Meijer", "meijer"},
  {"de Boer", "deboer"}, {"Mulder", "mulder"}, {"de Groot", "degroot"}, {"Bos", "bos"},
  {"Vos", "vos"}, {"Peters", "peters"}, {"Hendriks", "hendriks"}, {"van Leeuwen", "vanleeuwen"},
  {"Dekker", "dekker"}, {"Brouwer", "brouwer"}, {"de Wit", "dewit"}, {"Dijkstra", "dijkstra"},
  {"Smits", "smits"}, {"de Graaf", "degraaf"}, {"van der Meer", "vandermeer"},
  {"van den Berg", "vandenberg"}, {"Kok", "kok"}, {"Jacobs", "jacobs"}, {"Vermeulen", "vermeulen"},
  {"van der Linden", "vanderlinden"}, {"Hoekstra", "hoekstra"}, {"Koster", "koster"},
  {"Prins", "prins"}, {"Huisman", "huisman"}, {"Özdemir", "ozdemir"}, {"Yılmaz", "yilmaz"},
  {"El Amrani", "elamrani"}, {"Nguyen", "nguyen"}, {"Kowalski", "kowalski"}, {"García", "garcia"},
  {"Müller", "muller"}, {"Smith", "smith"}, {"Sharma", "sharma"}, {"Postma", "postma"},
  {"Wijnands", "wijnands"}, {"Terpstra", "terpstra"}, {"van Beek", "vanbeek"},
};

constexpr Influencer kInfluencers[] = {
  {"Sanne Onderweg", "sanneonderweg_demo", NL}, {"De Forenzenpodcast", "forenzenpodcast_demo", NL},
  {"Milan Reist Rond", "milanreistrond_demo", NL}, {"Joyce op het Spoor", "joyceophetspoor_demo", NL},
  {"Commute Chronicles NL", "commutechronicles_demo", EN}, {"Kees Kijkt Mee", "keeskijktmee_demo", NL},
  {"Fietsen & Sporen", "fietsensporen_demo", NL}, {"Laura on Rails", "lauraonrails_demo", EN},
  {"Daily Dutch Commuter", "dailydutchcommuter_demo", EN}, {"Bas Bericht", "basbericht_demo", NL},
};

constexpr Agent kAgents[] = {
  {"MB", "Marloes"}, {"SK", "Sven"}, {"LJ", "Lotte"}, {"DV", "Dirk"},
  {"FA", "Fenna"}, {"TH", "Tim"}, {"NE", "Nadia"}, {"RO", "Rik"},
};

constexpr std::string_view kStations[] = {
  "Utrecht Centraal", "Amsterdam Centraal", "Rotterdam Centraal", "Den Haag Centraal",
  "Eindhoven Centraal", "Schiphol Airport", "Amersfoort Centraal", "Arnhem Centraal",
  "Nijmegen", "Zwolle", "Groningen", "Leiden Centraal", "Haarlem", "Breda", "'s-Hertogenbosch",
  "Tilburg", "Delft", "Almere Centrum", "Enschede", "Maastricht", "Amsterdam Zuid",
  "Amsterdam Sloterdijk", "Rotterdam Blaak", "Hilversum", "Deventer", "Gouda", "Dordrecht",
  "Leeuwarden", "Alkmaar", "Zaandam",
};

struct Theme {
  std::string_view nl;
  std::string_view en;
  Topic topic;
};
constexpr Theme kThemes[] = {
  {"storing in de incheckpalen", "check-in outage", T::kOutage},
  {"poortjes werken niet", "gates not working", T::kGates},
  {"storing in de app", "app outage", T::kOutage},
  {"poortjes blijven dicht", "gates stuck closed", T::kGates},
  {"storing in de betaalautomaten", "ticket machine outage", T::kOutage},
};

constexpr std::string_view kTags[] = {"#ovpas", "#OV", "#treinreis", "#ovchaos", "#forens",
                                      "#maandagochtend", "#webcare", "#OVpas"};
constexpr std::string_view kAngry[] = {"😡", "🙄", "😤", "🤬", "😭", "😩", "🤷‍♀️", "⏳", "💸", "!!!"};
constexpr std::string_view kHappy[] = {"😊", "👍", "🙏", "🎉", "❤️", "🚆", "💚", "😄"};
constexpr std::string_view kMonthsNl[] = {"januari", "februari", "maart", "april", "mei", "juni",
  "juli", "augustus", "september", "oktober", "november", "december"};
constexpr std::string_view kMonthsEn[] = {"January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December"};
constexpr std::string_view kWeekdaysNl[] = {"maandag", "dinsdag", "woensdag", "donderdag",
  "vrijdag", "zaterdag", "zondag"};
constexpr std::string_view kWeekdaysEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
  "Friday", "Saturday", "Sunday"};
// clang-format on

enum class Slot : uint8_t {
  kLiteral,
  kStation,
  kStation2,
  kTheme,
  kAmount,
  kLine,
  kMinutes,
  kDate,
  kWeekday,
  kTime,
  kCard,
  kFirst,
  kAgent,
  kMention,
  kTag,
  kEmoji,
  kHappy,
};

constexpr std::pair<std::string_view, Slot> kSlotNames[] = {
    {"station", Slot::kStation}, {"station2", Slot::kStation2}, {"theme", Slot::kTheme},
    {"amount", Slot::kAmount},   {"line", Slot::kLine},         {"minutes", Slot::kMinutes},
    {"date", Slot::kDate},       {"weekday", Slot::kWeekday},   {"time", Slot::kTime},
    {"card", Slot::kCard},       {"first", Slot::kFirst},       {"agent", Slot::kAgent},
    {"mention", Slot::kMention}, {"tag", Slot::kTag},           {"emoji", Slot::kEmoji},
    {"happy", Slot::kHappy},
};

struct Segment {
  Slot slot;
  std::string_view literal;  // Only for Slot::kLiteral.
};
using Template = std::vector<Segment>;

struct Pools {
  std::array<std::array<std::array<std::vector<Template>, kTopicCount>, kPhraseCount>, kLangCount>
      templates;
  std::vector<std::string> problems;
};

Pools Compile() {
  Pools pools;
  for (const Entry& entry : kEntries) {
    Template compiled;
    std::string_view text = entry.text;
    size_t pos = 0;
    while (pos < text.size()) {
      const size_t open = text.find('{', pos);
      if (open == std::string_view::npos) {
        compiled.push_back({Slot::kLiteral, text.substr(pos)});
        break;
      }
      if (open > pos) compiled.push_back({Slot::kLiteral, text.substr(pos, open - pos)});
      const size_t close = text.find('}', open);
      if (close == std::string_view::npos) {
        pools.problems.push_back("unbalanced '{' in: " + std::string(text));
        break;
      }
      const std::string_view name = text.substr(open + 1, close - open - 1);
      Slot slot = Slot::kLiteral;
      for (const auto& [slot_name, value] : kSlotNames) {
        if (slot_name == name) slot = value;
      }
      if (slot == Slot::kLiteral) {
        pools.problems.push_back("unknown slot {" + std::string(name) +
                                 "} in: " + std::string(text));
      } else {
        compiled.push_back({slot, {}});
      }
      pos = close + 1;
    }
    pools
        .templates[static_cast<int>(entry.lang)][static_cast<int>(entry.phrase)]
                  [static_cast<int>(entry.topic)]
        .push_back(std::move(compiled));
  }
  return pools;
}

const Pools& GetPools() {
  static const Pools* const pools = new Pools(Compile());
  return *pools;
}

const std::vector<Template>& PoolFor(Lang lang, Phrase phrase, Topic topic) {
  const auto& by_topic = GetPools().templates[static_cast<int>(lang)][static_cast<int>(phrase)];
  const auto& own = by_topic[static_cast<int>(topic)];
  return own.empty() ? by_topic[static_cast<int>(Topic::kAny)] : own;
}

void AppendInt(int64_t value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
}

void AppendTwoDigits(int value, std::string* out) {
  out->push_back(static_cast<char>('0' + value / 10 % 10));
  out->push_back(static_cast<char>('0' + value % 10));
}

template <typename T, size_t N>
const T& Pick(const T (&table)[N], uint64_t index) {
  return table[index % N];
}

void AppendSlot(Slot slot, const SlotValues& v, std::string* out) {
  const bool nl = v.lang == Lang::kNl;
  switch (slot) {
    case Slot::kLiteral:
      break;
    case Slot::kStation:
      out->append(Pick(kStations, v.station));
      break;
    case Slot::kStation2:
      out->append(Pick(kStations, v.station2));
      break;
    case Slot::kTheme:
      out->append(nl ? Pick(kThemes, v.theme).nl : Pick(kThemes, v.theme).en);
      break;
    case Slot::kAmount:
      // Dutch writes "€ 4,35", English "€4.35".
      out->append(nl ? "€ " : "€");
      AppendInt(v.amount_cents / 100, out);
      out->push_back(nl ? ',' : '.');
      AppendTwoDigits(static_cast<int>(v.amount_cents % 100), out);
      break;
    case Slot::kLine:
      AppendInt(v.line, out);
      break;
    case Slot::kMinutes:
      AppendInt(v.minutes, out);
      break;
    case Slot::kDate:
      if (nl) {
        AppendInt(v.day_of_month, out);
        out->push_back(' ');
        out->append(Pick(kMonthsNl, v.month - 1));
      } else {
        out->append(Pick(kMonthsEn, v.month - 1));
        out->push_back(' ');
        AppendInt(v.day_of_month, out);
      }
      break;
    case Slot::kWeekday:
      out->append(nl ? Pick(kWeekdaysNl, v.weekday) : Pick(kWeekdaysEn, v.weekday));
      break;
    case Slot::kTime:
      AppendTwoDigits(v.hour, out);
      out->push_back(':');
      AppendTwoDigits(v.minute, out);
      break;
    case Slot::kCard:
      AppendTwoDigits(v.card_last4 / 100, out);
      AppendTwoDigits(v.card_last4 % 100, out);
      break;
    case Slot::kFirst:
      out->append(v.first_name);
      break;
    case Slot::kAgent:
      out->append(v.agent_name);
      break;
    case Slot::kMention:
      out->append(v.mention);
      break;
    case Slot::kTag:
      if (!v.plain) out->append(Pick(kTags, v.salt));
      break;
    case Slot::kEmoji:
      if (!v.plain) out->append(Pick(kAngry, v.salt >> 16));
      break;
    case Slot::kHappy:
      if (!v.plain) out->append(Pick(kHappy, v.salt >> 32));
      break;
  }
}

// True when every segment after `i` is an optional decoration (hashtag, emoji).
bool OnlyOptionalAfter(const Template& segments, size_t i) {
  for (size_t k = i + 1; k < segments.size(); ++k) {
    const Slot slot = segments[k].slot;
    if (slot == Slot::kLiteral) {
      if (segments[k].literal.find_first_not_of(' ') != std::string_view::npos) return false;
    } else if (slot != Slot::kTag && slot != Slot::kEmoji && slot != Slot::kHappy) {
      return false;
    }
  }
  return true;
}

}  // namespace

size_t TemplateCount(Lang lang, Phrase phrase, Topic topic) {
  return PoolFor(lang, phrase, topic).size();
}

void RenderTemplate(Lang lang, Phrase phrase, Topic topic, uint64_t index, const SlotValues& values,
                    std::string* out) {
  const std::vector<Template>& pool = PoolFor(lang, phrase, topic);
  if (pool.empty()) return;
  const Template& segments = pool[index % pool.size()];
  const size_t start = out->size();
  bool capitalize = false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const Segment& segment = segments[i];
    if (segment.slot == Slot::kLiteral) {
      out->append(segment.literal);
      continue;
    }
    // Nobody opens or closes an e-mail, a DM or a call with the brand's name as if tagging it.
    if (values.plain && segment.slot == Slot::kMention &&
        (i == 0 || OnlyOptionalAfter(segments, i))) {
      if (i == 0) {
        capitalize = true;
      } else if (out->size() > start && out->back() == ' ') {
        out->pop_back();
      }
      continue;
    }
    const size_t before = out->size();
    AppendSlot(segment.slot, values, out);
    // An empty optional slot would leave a double or trailing space behind; drop the one
    // written before it.
    if (out->size() == before && !out->empty() && out->back() == ' ') out->pop_back();
  }
  if (capitalize) {
    size_t first = start;
    while (first < out->size() && ((*out)[first] == ' ' || (*out)[first] == ',')) ++first;
    out->erase(start, first - start);
    if (start < out->size() && (*out)[start] >= 'a' && (*out)[start] <= 'z') {
      (*out)[start] = static_cast<char>((*out)[start] - 'a' + 'A');
    }
  }
}

size_t TemplatesPerLanguage(Lang lang) {
  size_t count = 0;
  for (const auto& by_topic : GetPools().templates[static_cast<int>(lang)]) {
    for (const auto& pool : by_topic) count += pool.size();
  }
  return count;
}

std::vector<std::string> CheckPhrasePools() {
  std::vector<std::string> problems = GetPools().problems;
  // Every combination the generator asks for must have at least one template.
  for (int lang = 0; lang < kLangCount; ++lang) {
    for (int phrase = 0; phrase < kPhraseCount; ++phrase) {
      const bool per_topic = phrase == static_cast<int>(Phrase::kInbound) ||
                             phrase == static_cast<int>(Phrase::kReply);
      for (int topic = 0; topic < kTopicCount; ++topic) {
        if (per_topic && topic == static_cast<int>(Topic::kAny)) continue;
        if (!per_topic && topic != static_cast<int>(Topic::kAny)) continue;
        if (TemplateCount(static_cast<Lang>(lang), static_cast<Phrase>(phrase),
                          static_cast<Topic>(topic)) == 0) {
          problems.push_back("no templates for lang " + std::to_string(lang) + " phrase " +
                             std::to_string(phrase) + " topic " + std::to_string(topic));
        }
      }
    }
  }
  return problems;
}

std::span<const PersonName> FirstNames() { return kFirstNames; }
std::span<const PersonName> LastNames() { return kLastNames; }
std::span<const Influencer> Influencers() { return kInfluencers; }
std::span<const Agent> Agents() { return kAgents; }
std::span<const std::string_view> Stations() { return kStations; }
size_t ThemeCount() { return std::size(kThemes); }
Topic ThemeTopic(uint32_t theme) { return Pick(kThemes, theme).topic; }

}  // namespace webcare::ingest::demo
