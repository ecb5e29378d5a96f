#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "app/commands.h"
#include "app/data_dir.h"
#include "server/auth_service.h"

namespace webcare::app {
namespace {

// Reads one line from standard input; on a terminal, asks for it without echoing it.
std::string ReadPassword() {
  const bool terminal = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal) {
    std::fprintf(stderr, "Password: ");
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  return password;
}

}  // namespace

int RunUserAdd(const UserAddFlags& flags, const base::Clock& clock) {
  const auto role = core::ParseRole(flags.role);
  if (!role) {
    std::fprintf(stderr, "webcare user add: --role must be viewer, agent, lead or admin\n");
    return 2;
  }
  const std::string password = ReadPassword();
  auto store = OpenDataDir(flags.data_dir, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "webcare user add: %s\n", store.status().ToString().c_str());
    return 1;
  }
  server::AuthService auth(**store, clock);
  auto user = auth.CreateUser({.email = flags.email, .name = flags.name, .role = *role}, password);
  if (!user.ok()) {
    std::fprintf(stderr, "webcare user add: %s\n", std::string(user.status().message()).c_str());
    return 1;
  }
  std::printf("created user %lld: %s (%s)\n", static_cast<long long>(user->id.value()), user->email.c_str(),
              core::RoleName(user->role));
  return 0;
}

}  // namespace webcare::app
