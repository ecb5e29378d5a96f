// Attachments and four-eyes review through the real binary: upload limits and types sniffed
// from the content, the headers a download is served with, who may download what, a reply with
// an attachment reaching the webhook, and replies held until a lead approves them.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

using nlohmann::json;


const std::string kPng("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1F\x15\xC4\x89", 33);
const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

class AttachmentsReviewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    // Both agents work in Support; the third agent only in PR. The lead leads Support, so it
    // is asked to approve Support's replies.
    People people = SetUpPeople(*server_, {.new_agents = {{"agent2@example.com", "Daan de Wit"},
                                                          {"pr@example.com", "Sanne de Boer"}},
                                           .memberships = {{"agent@example.com", "Support"},
                                                           {"agent2@example.com", "Support"},
                                                           {"lead@example.com", "Support"},
                                                           {"pr@example.com", "PR"}}});
    teams_ = std::move(people.teams);
    users_ = std::move(people.users);
    for (const char* email : {"agent@example.com", "agent2@example.com", "pr@example.com", "viewer@example.com"}) {
      const Client user = Client::LogIn(*server_, email);
      const Response token = user.Post("/api/v1/tokens", R"({"name":"integration"})");
      ASSERT_EQ(token.status, 201) << token.body;
      tokens_[email] = Json(token)["token"];
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // POST /api/v1/attachments with `content` as the body, as `email` (with its API token).
  static Response Upload(const std::string& email, const std::string& content, const std::string& file_name,
                         const std::string& claimed_type = "application/octet-stream") {
    return server_->Call("POST", "/api/v1/attachments?filename=" + file_name, content,
                         {{"Authorization", "Bearer " + tokens_[email]}, {"Content-Type", claimed_type}});
  }
  static int64_t UploadedId(const std::string& email, const std::string& content, const std::string& file_name) {
    const Response uploaded = Upload(email, content, file_name);
    EXPECT_EQ(uploaded.status, 201) << uploaded.body;
    return Json(uploaded)["attachment"].value("id", int64_t{0});
  }
  static Response Download(const std::string& email, int64_t id,
                           const std::map<std::string, std::string>& headers = {}) {
    std::map<std::string, std::string> all = headers;
    all["Authorization"] = "Bearer " + tokens_[email];
    return server_->Call("GET", "/api/v1/attachments/" + std::to_string(id), "", all);
  }

  // A new inbound post of `network` as its own conversation in `team`; returns its id.
  static int64_t NewConversation(const std::string& id, const std::string& team, const std::string& network = "x") {
    const Client lead = Client::LogIn(*server_, "lead@example.com");
    const Response posted = lead.Post("/api/v1/posts", json{{"network", network}, {"channel", network + ":@ovpas"},
                                                            {"external_id", id},
                                                            {"author", {{"handle", "@klant_" + id}, {"name", "Klant"}}},
                                                            {"text", "Mijn pas doet het niet, zie foto"},
                                                            {"created_at", "2026-11-21T09:00:00Z"}}.dump());
    EXPECT_EQ(posted.status, 201) << posted.body;
    const json found = Json(lead.Get("/api/v1/conversations?q=author%3A%22%40klant_" + id + "%22&limit=5"));
    int64_t conversation = 0;
    for (const json& item : found["conversations"]) {
      if (item["author"]["handle"] == "@klant_" + id) conversation = item["id"];
    }
    EXPECT_GT(conversation, 0) << found.dump();
    const Response moved = lead.Post(Path(conversation, "team"), json{{"team_id", teams_[team]}}.dump());
    EXPECT_EQ(moved.status, 200) << moved.body;
    return conversation;
  }

  static std::string Path(int64_t conversation, const std::string& action = "") {
    return "/api/v1/conversations/" + std::to_string(conversation) + (action.empty() ? "" : "/" + action);
  }

  static void UseWebhook(const LoopbackHttpReceiver& receiver) {
    const Client admin = Client::LogIn(*server_, "admin@example.com");
    ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/webhook",
                         json{{"url", receiver.url()}, {"secret", "attachments-secret-1"}}.dump()).status, 200);
  }

  static void SetTeamReview(const std::string& team, bool required) {
    const Client admin = Client::LogIn(*server_, "admin@example.com");
    const Response set = admin.Send("PUT", "/api/v1/settings/review/teams/" + std::to_string(teams_[team]),
                                    json{{"required", required}}.dump());
    ASSERT_EQ(set.status, 200) << set.body;
  }

  static std::vector<json> Notifications(const std::string& email) {
    const Client user = Client::LogIn(*server_, email);
    const json list = Json(user.Get("/api/v1/notifications"));
    return list["notifications"].get<std::vector<json>>();
  }

  static TestServer* server_;
  static std::map<std::string, int64_t> teams_;
  static std::map<std::string, int64_t> users_;
  static std::map<std::string, std::string> tokens_;
};
TestServer* AttachmentsReviewTest::server_ = nullptr;
std::map<std::string, int64_t> AttachmentsReviewTest::teams_;
std::map<std::string, int64_t> AttachmentsReviewTest::users_;
std::map<std::string, std::string> AttachmentsReviewTest::tokens_;

TEST_F(AttachmentsReviewTest, UploadChecksSizeAndTheTypeOfTheContentNotTheClaim) {
  const Response png = Upload("agent@example.com", kPng, "C%3A%5Cfoto%27s%5Cpas%22kaart.png", "text/plain");
  ASSERT_EQ(png.status, 201) << png.body;
  const json attachment = Json(png)["attachment"];
  EXPECT_EQ(attachment["media_type"], "image/png");  // Sniffed; the claimed text/plain is ignored.
  EXPECT_EQ(attachment["name"], "pas_kaart.png");     // Folder dropped, quote replaced.
  EXPECT_EQ(attachment["size"], kPng.size());
  EXPECT_EQ(attachment["attached"], false);
  EXPECT_EQ(attachment["sha256"].get<std::string>().size(), 64u);

  const Response html = Upload("agent@example.com", "<html><script>alert(1)</script></html>", "foto.png", "image/png");
  EXPECT_EQ(html.status, 415);
  EXPECT_NE(html.body.find("this file is an HTML page"), std::string::npos) << html.body;
  const Response svg = Upload("agent@example.com", "<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg");
  EXPECT_EQ(svg.status, 415);
  EXPECT_EQ(Upload("agent@example.com", "", "leeg.png").status, 400);
  // Larger than any JSON body may be, within the attachment limit.
  const Response photo = Upload("agent@example.com", kPng + std::string(3 * 1024 * 1024, 'x'), "groot.png");
  EXPECT_EQ(photo.status, 201) << photo.body.substr(0, 200);
  // Ten MiB is the default limit; one byte more is refused by the HTTP layer itself.
  const Response big = Upload("agent@example.com", kPng + std::string(10 * 1024 * 1024, 'x'), "groot.png");
  EXPECT_EQ(big.status, 413) << big.body.substr(0, 200);
  // Other paths keep the 1 MiB limit for JSON bodies.
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  EXPECT_EQ(anna.Post("/api/v1/replies/measure", std::string(2 * 1024 * 1024, ' ')).status, 413);
  // Viewers do not upload.
  EXPECT_EQ(Upload("viewer@example.com", kPng, "a.png").status, 403);
  // Like every endpoint, only for those signed in.
  const Response anonymous = server_->Call("POST", "/api/v1/attachments?filename=a.png", kPng,
                                           {{"Content-Type", "image/png"}});
  EXPECT_EQ(anonymous.status, 401);
}

TEST_F(AttachmentsReviewTest, DownloadsCarryHeadersThatKeepBrowsersFromRunningThem) {
  const int64_t image = UploadedId("agent@example.com", kPng, "kaart.png");
  const Response shown = Download("agent@example.com", image);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.body, kPng);
  EXPECT_EQ(shown.Header("content-type"), "image/png");
  EXPECT_EQ(shown.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(shown.Header("content-security-policy"), "sandbox; default-src 'none'");
  EXPECT_EQ(shown.Header("content-disposition"), "inline; filename=\"kaart.png\"; filename*=UTF-8''kaart.png");
  EXPECT_EQ(shown.Header("cache-control"), "private, max-age=86400");
  const std::string etag = shown.Header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(Download("agent@example.com", image, {{"If-None-Match", etag}}).status, 304);

  const int64_t pdf = UploadedId("agent@example.com", kPdf, "factuur%20mei.pdf.exe");
  const Response saved = Download("agent@example.com", pdf);
  ASSERT_EQ(saved.status, 200);
  EXPECT_EQ(saved.Header("content-type"), "application/pdf");
  // Anything but an image is a download, named for what it is.
  EXPECT_EQ(saved.Header("content-disposition"),
            "attachment; filename=\"factuur mei.pdf.exe.pdf\"; filename*=UTF-8''factuur%20mei.pdf.exe.pdf");
}

TEST_F(AttachmentsReviewTest, OnlyThoseWhoMaySeeTheConversationGetTheFile) {
  const int64_t id = UploadedId("agent@example.com", kPng, "pas.png");
  // Before it is attached, only its uploader gets it.
  EXPECT_EQ(Download("agent2@example.com", id).status, 404);
  // Someone else's upload cannot be attached.
  const int64_t support = NewConversation("att-access", "Support");
  const Client daan = Client::LogIn(*server_, "agent2@example.com");
  const Response stolen = daan.Post(Path(support, "replies"), json{{"text", "Kijk"}, {"attachments", {id}}}.dump());
  EXPECT_EQ(stolen.status, 400);
  EXPECT_NE(stolen.body.find("not one of your uploads"), std::string::npos) << stolen.body;

  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const Response sent = anna.Post(Path(support, "replies"), json{{"text", "Zo ziet de pas eruit"},
                                                                 {"attachments", {id}}}.dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  const json post = Json(sent)["post"];
  ASSERT_EQ(post["attachments"].size(), 1u);
  EXPECT_EQ(post["attachments"][0]["url"], "/api/v1/attachments/" + std::to_string(id));
  EXPECT_EQ(post["attachments"][0]["media_type"], "image/png");
  // A colleague in the team may see it now; an agent of another team may not.
  EXPECT_EQ(Download("agent2@example.com", id).status, 200);
  EXPECT_EQ(Download("pr@example.com", id).status, 404);
  // Attached once means attached: not to a second reply.
  const Response again = anna.Post(Path(support, "replies"), json{{"text", "Nog eens"}, {"attachments", {id}}}.dump());
  EXPECT_EQ(again.status, 400) << again.body;

  // A PDF does not go on X; at most four files per reply.
  const int64_t pdf = UploadedId("agent@example.com", kPdf, "folder.pdf");
  const Response on_x = anna.Post(Path(support, "replies"), json{{"text", "Folder"}, {"attachments", {pdf}}}.dump());
  EXPECT_EQ(on_x.status, 400);
  EXPECT_NE(on_x.body.find("only images"), std::string::npos) << on_x.body;
  json five = json::array();
  for (int i = 0; i < 5; ++i) five.push_back(UploadedId("agent@example.com", kPng, "p.png"));
  EXPECT_EQ(anna.Post(Path(support, "replies"), json{{"text", "Vijf"}, {"attachments", five}}.dump()).status, 400);
}

TEST_F(AttachmentsReviewTest, ReplyWithAttachmentReachesTheWebhook) {
  LoopbackHttpReceiver receiver;
  UseWebhook(receiver);
  const int64_t conversation = NewConversation("att-hook", "Support", "email");
  const Response uploaded = Upload("agent@example.com", kPdf, "voorwaarden.pdf");
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const int64_t pdf = Json(uploaded)["attachment"]["id"];
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const Response sent = anna.Post(Path(conversation, "replies"),
                                  json{{"text", "De voorwaarden zitten erbij."}, {"attachments", {pdf}}}.dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  const json body = WaitForDelivery(receiver, Json(sent)["post"]["id"]);
  ASSERT_FALSE(body.is_null()) << "no webhook delivery";
  const json attachments = body["reply"]["attachments"];
  ASSERT_EQ(attachments.size(), 1u) << body.dump();
  EXPECT_EQ(attachments[0]["name"], "voorwaarden.pdf");
  EXPECT_EQ(attachments[0]["media_type"], "application/pdf");
  EXPECT_EQ(attachments[0]["size"], kPdf.size());
  EXPECT_EQ(attachments[0]["url"], "/api/v1/attachments/" + std::to_string(pdf));
  // The receiver checks what it fetches from `url` against this.
  EXPECT_EQ(attachments[0]["sha256"], Json(uploaded)["attachment"]["sha256"]);
}

TEST_F(AttachmentsReviewTest, ReviewedReplyLeavesOnlyAfterALeadApprovesIt) {
  LoopbackHttpReceiver receiver;
  UseWebhook(receiver);
  SetTeamReview("Support", true);
  const int64_t conversation = NewConversation("review-1", "Support");
  const int64_t photo = UploadedId("agent@example.com", kPng, "bon.png");
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const Response sent = anna.Post(Path(conversation, "replies"),
                                  json{{"text", "Uw pas is onderweg"}, {"status_after", "resolved"},
                                       {"attachments", {photo}}}.dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  const json held = Json(sent)["post"];
  const int64_t post = held["id"];
  EXPECT_EQ(held["review"]["state"], "pending");
  EXPECT_TRUE(held["delivery"].is_null());
  EXPECT_NE(Json(anna.Get(Path(conversation)))["conversation"]["status"], "resolved");

  // Not delivered while it waits.
  EXPECT_TRUE(WaitForDelivery(receiver, post, 2).is_null());
  // The lead is told and sees it in the list; agents may not decide.
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const json pending = Json(lead.Get("/api/v1/replies/pending"));
  bool listed = false;
  for (const json& item : pending["replies"]) listed = listed || item["post"]["id"] == post;
  EXPECT_TRUE(listed) << pending.dump();
  bool asked = false;
  for (const json& n : Notifications("lead@example.com")) asked = asked || n["kind"] == "approval_requested";
  EXPECT_TRUE(asked);
  EXPECT_EQ(anna.Get("/api/v1/replies/pending").status, 403);
  const Client daan = Client::LogIn(*server_, "agent2@example.com");
  EXPECT_EQ(daan.Post("/api/v1/replies/" + std::to_string(post) + "/approve", "").status, 403);

  // Rejected with a reason: the author hears why and may edit and resend.
  EXPECT_EQ(lead.Post("/api/v1/replies/" + std::to_string(post) + "/reject", R"({"reason":""})").status, 400);
  const Response rejected = lead.Post("/api/v1/replies/" + std::to_string(post) + "/reject",
                                      R"({"reason":"Noem de levertijd"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(Json(rejected)["post"]["review"]["reason"], "Noem de levertijd");
  bool told = false;
  for (const json& n : Notifications("agent@example.com")) {
    told = told || (n["kind"] == "reply_rejected" && n["text"] == "Noem de levertijd");
  }
  EXPECT_TRUE(told);
  EXPECT_EQ(daan.Post("/api/v1/replies/" + std::to_string(post) + "/resubmit", R"({"text":"x"})").status, 403);
  const Response resent = anna.Post("/api/v1/replies/" + std::to_string(post) + "/resubmit",
                                    R"({"text":"Uw pas is onderweg, binnen 3 dagen in huis ^TA"})");
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_EQ(Json(resent)["post"]["review"]["state"], "pending");
  EXPECT_TRUE(WaitForDelivery(receiver, post, 1).is_null());

  const Response approved = lead.Post("/api/v1/replies/" + std::to_string(post) + "/approve", "");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved)["post"]["review"]["reviewer"]["name"], "Test lead");
  EXPECT_EQ(lead.Post("/api/v1/replies/" + std::to_string(post) + "/approve", "").status, 409);
  const json delivered = WaitForDelivery(receiver, post);
  ASSERT_FALSE(delivered.is_null()) << "the approved reply was not delivered";
  EXPECT_EQ(delivered["reply"]["text"], "Uw pas is onderweg, binnen 3 dagen in huis ^TA");
  EXPECT_EQ(delivered["reply"]["attachments"].size(), 1u);
  EXPECT_EQ(Json(anna.Get(Path(conversation)))["conversation"]["status"], "resolved");

  // Every step is in the conversation's history.
  std::vector<std::string> kinds;
  const json events = Json(anna.Get(Path(conversation, "history")))["events"];
  for (const json& event : events) kinds.push_back(event["kind"]);
  for (const char* kind : {"reply.awaiting_approval", "reply.rejected", "reply.resubmitted", "reply.approved"}) {
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), kind), kinds.end()) << kind;
  }
  SetTeamReview("Support", false);
}

TEST_F(AttachmentsReviewTest, LeadsAndTrustedAgentsAreNotHeldNewAgentsAre) {
  LoopbackHttpReceiver receiver;
  UseWebhook(receiver);
  SetTeamReview("Support", true);
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  const auto set_user = [&](const std::string& email, const json& required) {
    const Response set = admin.Send("PUT", "/api/v1/settings/review/users/" + std::to_string(users_[email]),
                                    json{{"required", required}}.dump());
    ASSERT_EQ(set.status, 200) << set.body;
  };
  set_user("agent2@example.com", false);   // Trusted in a team that reviews.
  set_user("pr@example.com", true);     // New, in a team that does not.
  const json settings = Json(admin.Get("/api/v1/settings/review"));
  bool support_required = false;
  for (const json& team : settings["teams"]) {
    if (team["id"] == teams_["Support"]) support_required = team["required"];
  }
  EXPECT_TRUE(support_required);
  EXPECT_EQ(Client::LogIn(*server_, "agent@example.com").Get("/api/v1/settings/review").status, 403);

  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const int64_t first = NewConversation("review-lead", "Support");
  const Response by_lead = lead.Post(Path(first, "replies"), R"({"text":"Van de teamleider"})");
  ASSERT_EQ(by_lead.status, 201);
  EXPECT_TRUE(Json(by_lead)["post"]["review"].is_null());
  EXPECT_FALSE(Json(by_lead)["post"]["delivery"].is_null());

  const Client daan = Client::LogIn(*server_, "agent2@example.com");
  const int64_t second = NewConversation("review-trusted", "Support");
  const Response trusted = daan.Post(Path(second, "replies"), R"({"text":"Vertrouwd"})");
  ASSERT_EQ(trusted.status, 201);
  EXPECT_TRUE(Json(trusted)["post"]["review"].is_null());

  const Client sanne = Client::LogIn(*server_, "pr@example.com");
  const int64_t third = NewConversation("review-new", "PR");
  const Response held = sanne.Post(Path(third, "replies"), R"({"text":"Mijn eerste antwoord"})");
  ASSERT_EQ(held.status, 201);
  EXPECT_EQ(Json(held)["post"]["review"]["state"], "pending");

  set_user("agent2@example.com", nullptr);
  set_user("pr@example.com", nullptr);
  SetTeamReview("Support", false);
}

}  // namespace
}  // namespace webcare::testing
