#include "tests/integration/test_server.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

extern char** environ;

namespace webcare::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string NewTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "webcare-it-XXXXXX").string();
  return mkdtemp(pattern.data());
}

// Spawns the binary with stdin from `input_path` and stdout+stderr to `output_path`.
pid_t Spawn(const std::vector<std::string>& args, const std::string& input_path,
            const std::string& output_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, input_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<std::string> argv_storage = {WEBCARE_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, WEBCARE_BINARY, &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

CommandResult RunWebcare(const std::vector<std::string>& args, const std::string& input) {
  const std::string dir = NewTempDir();
  const std::string input_path = dir + "/stdin", output_path = dir + "/output";
  std::ofstream(input_path) << input;
  CommandResult result;
  const pid_t pid = Spawn(args, input_path, output_path);
  if (pid > 0) result.exit_code = Wait(pid);
  result.output = ReadFile(output_path);
  std::filesystem::remove_all(dir);
  return result;
}

TestServer::TestServer(int demo_posts) : data_dir_(NewTempDir() + "/data"), log_path_(data_dir_ + ".log") {
  auto demo = RunWebcare({"demo", "--data", data_dir_, "--posts", std::to_string(demo_posts), "--seed", "11",
                          "--end", "2026-11-01T12:00:00Z"});
  EXPECT_EQ(demo.exit_code, 0) << demo.output;
  for (const char* role : {"admin", "lead", "agent", "viewer"}) {
    auto added = RunWebcare({"user", "add", "--data", data_dir_, "--email", std::string(role) + "@example.com",
                             "--name", std::string("Test ") + role, "--role", role},
                            std::string(kPassword) + "\n");
    EXPECT_EQ(added.exit_code, 0) << added.output;
  }
  Start();
}

TestServer::~TestServer() {
  if (pid_ > 0) Stop();
  std::filesystem::remove_all(std::filesystem::path(data_dir_).parent_path());
}

void TestServer::Start() {
  const std::string dev_null = "/dev/null";
  pid_ = Spawn({"serve", "--data", data_dir_, "--listen", "127.0.0.1:0", "--threads", "4"}, dev_null, log_path_);
  ASSERT_GT(pid_, 0) << "cannot start " << WEBCARE_BINARY;
  const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
  for (int attempt = 0; attempt < 300; ++attempt) {
    std::smatch match;
    const std::string log = ReadFile(log_path_);
    if (std::regex_search(log, match, listening)) {
      port_ = static_cast<uint16_t>(std::stoi(match[1]));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL() << "webcare serve exited early:\n" << log;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL() << "webcare serve did not start within 30 s:\n" << ReadFile(log_path_);
}

int TestServer::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int status = Wait(pid_);
  pid_ = -1;
  return status;
}

Response TestServer::Call(const std::string& method, const std::string& target, const std::string& body,
                          const std::map<std::string, std::string>& headers) const {
  Request request{.method = method, .target = target, .headers = headers, .body = body};
  if (!body.empty() && !request.headers.contains("Content-Type")) request.headers["Content-Type"] = "application/json";
  return Send(port_, request);
}

Client Client::LogIn(const TestServer& server, const std::string& email) {
  Client client;
  client.server_ = &server;
  const Response response = server.Call(
      "POST", "/api/v1/auth/login", nlohmann::json{{"email", email}, {"password", kPassword}}.dump());
  EXPECT_EQ(response.status, 200) << response.body;
  const std::string set_cookie = response.Header("set-cookie");
  client.cookie_ = set_cookie.substr(0, set_cookie.find(';'));
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("csrf_token")) client.csrf_ = body["csrf_token"].get<std::string>();
  return client;
}

Client Client::WithToken(const TestServer& server, const std::string& token) {
  Client client;
  client.server_ = &server;
  client.token_ = token;
  return client;
}

std::map<std::string, std::string> Client::Headers(bool with_csrf) const {
  std::map<std::string, std::string> headers;
  if (!cookie_.empty()) headers["Cookie"] = cookie_;
  if (!token_.empty()) headers["Authorization"] = "Bearer " + token_;
  if (with_csrf && !csrf_.empty()) headers["X-CSRF-Token"] = csrf_;
  return headers;
}

Response Client::Get(const std::string& target) const { return server_->Call("GET", target, "", Headers(false)); }

Response Client::Post(const std::string& target, const std::string& body, bool with_csrf) const {
  return server_->Call("POST", target, body, Headers(with_csrf));
}

Response Client::Send(const std::string& method, const std::string& target, const std::string& body) const {
  return server_->Call(method, target, body, Headers(true));
}

Response Client::Delete(const std::string& target) const {
  return server_->Call("DELETE", target, "", Headers(true));
}

nlohmann::json Json(const Response& response) {
  return nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
}

People SetUpPeople(const TestServer& server, const PeopleSetUp& setup) {
  const Client admin = Client::LogIn(server, "admin@example.com");
  for (const auto& [email, name] : setup.new_agents) {
    const Response created = admin.Post("/api/v1/users", nlohmann::json{{"email", email}, {"name", name},
                                                                        {"role", "agent"}, {"password", kPassword}}
                                                              .dump());
    EXPECT_EQ(created.status, 201) << email << ": " << created.body;
  }
  People people;
  const nlohmann::json teams = Json(admin.Get("/api/v1/teams"));
  for (const nlohmann::json& team : teams["teams"]) people.teams[team["name"]] = team["id"];
  const nlohmann::json users = Json(admin.Get("/api/v1/users"));
  for (const nlohmann::json& user : users["users"]) people.users[user["email"]] = user["id"];
  for (const auto& [email, team] : setup.memberships) {
    if (!people.teams.contains(team) || !people.users.contains(email)) {
      ADD_FAILURE() << "no team " << team << " or no user " << email;
      continue;
    }
    const Response added = admin.Send("PUT", "/api/v1/teams/" + std::to_string(people.teams[team]) + "/members/" +
                                                  std::to_string(people.users[email]), "");
    EXPECT_EQ(added.status, 204) << email << " in " << team << ": " << added.body;
  }
  return people;
}

std::vector<nlohmann::json> ReceivedBodies(LoopbackHttpReceiver& receiver) {
  std::vector<nlohmann::json> bodies;
  const size_t count = receiver.request_count();
  for (size_t i = 0; i < count; ++i) {
    bodies.push_back(nlohmann::json::parse(receiver.Request(i).body, nullptr, /*allow_exceptions=*/false));
  }
  return bodies;
}

nlohmann::json WaitForDelivery(LoopbackHttpReceiver& receiver, int64_t post, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    for (const nlohmann::json& body : ReceivedBodies(receiver)) {
      if (body.contains("reply") && body["reply"]["id"] == post) return body;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return nullptr;
}

}  // namespace webcare::testing
