#pragma once
// Runs the real `webcare` binary for a test: a temporary data folder with demo data and one
// user per role, `webcare serve` on port 0, stopped with SIGTERM when the fixture ends.

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/test_http_receiver.h"
#include "tests/integration/http_client.h"

namespace webcare::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // Standard output and standard error together.
};

// Runs `webcare args...` with `input` on standard input and waits for it.
CommandResult RunWebcare(const std::vector<std::string>& args, const std::string& input = "");

inline constexpr char kPassword[] = "integration-pass-1";

class TestServer {
 public:
  // Creates the data folder (demo posts, users admin@, lead@, agent@, viewer@example.com
  // with kPassword) and starts the server. Aborts the test on failure.
  explicit TestServer(int demo_posts = 300);
  ~TestServer();

  uint16_t port() const { return port_; }
  const std::string& data_dir() const { return data_dir_; }

  // Starts serving again on the same data folder (after Stop()).
  void Start();
  // SIGTERM, then waits; returns the exit status.
  int Stop();

  Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                const std::map<std::string, std::string>& headers = {}) const;

 private:
  std::string data_dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
};

// A logged-in browser session or an API token, for calls as one user.
class Client {
 public:
  // Logs in with e-mail and kPassword; aborts the test on failure.
  static Client LogIn(const TestServer& server, const std::string& email);
  static Client WithToken(const TestServer& server, const std::string& token);

  Response Get(const std::string& target) const;
  // Sends the CSRF token when `with_csrf`, as the web UI does.
  Response Post(const std::string& target, const std::string& body, bool with_csrf = true) const;
  Response Delete(const std::string& target) const;
  // Any method (PUT, PATCH, ...) with the CSRF token.
  Response Send(const std::string& method, const std::string& target, const std::string& body) const;

  const std::string& csrf_token() const { return csrf_; }

 private:
  std::map<std::string, std::string> Headers(bool with_csrf) const;

  const TestServer* server_ = nullptr;
  std::string cookie_;
  std::string csrf_;
  std::string token_;
};

// A response's body as JSON; discarded (is_discarded()) when it is not JSON. Keep the result
// in a variable before a range-for over part of it: a loop over Json(r)["x"] would dangle.
nlohmann::json Json(const Response& response);

// The people a test arranges on its server through the admin API: agents to add (with
// kPassword) and team memberships to set.
struct PeopleSetUp {
  std::vector<std::pair<std::string, std::string>> new_agents;   // E-mail, name.
  std::vector<std::pair<std::string, std::string>> memberships;  // E-mail, team name.
};
// Every team and user of the server, as looked up after the set-up.
struct People {
  std::map<std::string, int64_t> teams;  // Name -> id.
  std::map<std::string, int64_t> users;  // E-mail -> id.
};
// Applies `setup` as admin@example.com and looks everyone up; a failed call fails the test.
People SetUpPeople(const TestServer& server, const PeopleSetUp& setup);

using base::testing_support::LoopbackHttpReceiver;

// The JSON bodies of the requests `receiver` has got so far (webhook deliveries), in order.
std::vector<nlohmann::json> ReceivedBodies(LoopbackHttpReceiver& receiver);
// The webhook delivery of reply `post`, waiting up to `seconds` for it; null when none came.
nlohmann::json WaitForDelivery(LoopbackHttpReceiver& receiver, int64_t post, int seconds = 15);

}  // namespace webcare::testing
