#include "support/postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <soci/soci.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/sql_session.h"

namespace hall::test {

namespace {

constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";
constexpr const char* kSetpriv = "/usr/bin/setpriv";
// A fresh port is tried this often when another process took the one we
// found free before our server could bind it.
constexpr int kStartAttempts = 5;
constexpr auto kStartTimeout = std::chrono::seconds(60);
constexpr auto kStopTimeout = std::chrono::seconds(30);
constexpr auto kPollEvery = std::chrono::milliseconds(20);

// Who runs the server binaries: this process's user, or (as root) the
// `postgres` system user through setpriv.
struct RunAs {
  bool drop = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

// A loopback port that nothing listens on right now.
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("postgres server: socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("postgres server: no free loopback port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts `args` (a server binary and its arguments) with output appended to
// `log`; returns the child's pid. `die_with_us`: the child gets SIGQUIT when
// this process ends, however it ends.
pid_t spawn(const RunAs& as, const std::vector<std::string>& args, const std::string& log,
            bool die_with_us) {
  std::vector<std::string> full;
  if (as.drop) {
    full = {kSetpriv, "--reuid=" + std::to_string(as.uid), "--regid=" + std::to_string(as.gid),
            "--clear-groups"};
    // setpriv sets it after changing the user, which would otherwise clear it.
    if (die_with_us) full.push_back("--pdeathsig=QUIT");
    full.push_back("--");
  }
  full.insert(full.end(), args.begin(), args.end());
  // Everything the child needs is made before fork: after it, only
  // async-signal-safe calls.
  std::vector<char*> argv;
  for (std::string& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("postgres server: fork failed");
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
    }
    if (die_with_us && !as.drop) ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// Waits at most `timeout` for a child; true when it exited (status in `*status`).
bool waitFor(pid_t pid, std::chrono::steady_clock::duration timeout, int* status) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const pid_t r = ::waitpid(pid, status, WNOHANG);
    if (r == pid || r < 0) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollEvery);
  }
}

std::mutex g_shared_mutex;
std::unique_ptr<PostgresServer>* g_shared = nullptr;  // lives until exit
std::string g_unavailable;                            // why there is none

}  // namespace

PostgresServer* PostgresServer::shared(std::string* why) {
  std::lock_guard<std::mutex> lock(g_shared_mutex);
  if (g_shared != nullptr) return g_shared->get();
  if (!g_unavailable.empty()) {
    if (why != nullptr) *why = g_unavailable;
    return nullptr;
  }
  for (const char* binary : {"initdb", "postgres"}) {
    const std::filesystem::path path = std::filesystem::path(kBinDir) / binary;
    if (::access(path.c_str(), X_OK) != 0) {
      g_unavailable = "no PostgreSQL server here (" + path.string() +
                      " is missing; Debian package postgresql-15)";
    }
  }
  if (g_unavailable.empty() && ::geteuid() == 0 &&
      (::getpwnam("postgres") == nullptr || ::access(kSetpriv, X_OK) != 0)) {
    g_unavailable = "running as root, and PostgreSQL refuses root: no `postgres` user or no " +
                    std::string(kSetpriv) + " to run it as";
  }
  if (!g_unavailable.empty()) {
    if (why != nullptr) *why = g_unavailable;
    return nullptr;
  }
  // Started once; a server that fails to start throws (a failure, not a skip).
  std::unique_ptr<PostgresServer> server(new PostgresServer());
  server->start();
  g_shared = new std::unique_ptr<PostgresServer>(std::move(server));
  // Stopped at exit, after the tests and their engines are gone.
  std::atexit([] { g_shared->reset(); });
  return g_shared->get();
}

void PostgresServer::start() {
  RunAs as;
  if (::geteuid() == 0) {
    const passwd* pw = ::getpwnam("postgres");
    as = {true, pw->pw_uid, pw->pw_gid};
    if (::chown(dir_.path().c_str(), as.uid, as.gid) != 0) {
      throw std::runtime_error("postgres server: cannot give " + dir_.path().string() +
                               " to the postgres user");
    }
  }
  const std::string data = dir_.file("data");
  const std::string log = dir_.file("server.log");
  const std::string bin = kBinDir;
  int status = 0;
  const pid_t initdb = spawn(as,
                             {bin + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E",
                              "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                             dir_.file("initdb.log"), true);
  if (!waitFor(initdb, kStartTimeout, &status) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("postgres server: initdb failed:\n" +
                             readFile(dir_.file("initdb.log")));
  }
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    port_ = freePort();
    // Durability is of no use to a test database: nothing survives the run.
    pid_ = spawn(
        as,
        {bin + "/postgres", "-D", data, "-p", std::to_string(port_), "-k", dir_.path().string(),
         "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
         "-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "shared_buffers=64MB"},
        log, true);
    const std::string ping = "host=127.0.0.1 port=" + std::to_string(port_) +
                             " user=postgres dbname=postgres connect_timeout=5";
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    bool exited = false;
    while (std::chrono::steady_clock::now() < deadline) {
      if (PQping(ping.c_str()) == PQPING_OK) {
        admin_ = sqlSession(url("postgres"));
        return;
      }
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(kPollEvery);
    }
    if (!exited) {
      stop();
      break;
    }
    pid_ = -1;
    // Another process bound the port first: try another one.
    if (readFile(log).find("could not bind") == std::string::npos) break;
  }
  throw std::runtime_error("postgres server: did not start:\n" + readFile(log));
}

void PostgresServer::stop() {
  if (pid_ <= 0) return;
  int status = 0;
  ::kill(pid_, SIGINT);  // fast shutdown: disconnects clients, no checkpoint wait
  if (!waitFor(pid_, kStopTimeout, &status)) {
    ::kill(pid_, SIGKILL);
    (void)waitFor(pid_, kStopTimeout, &status);
  }
  pid_ = -1;
}

PostgresServer::~PostgresServer() {
  admin_.reset();
  stop();
}

std::string PostgresServer::url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::createDatabase() {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string name = "hall_" + std::to_string(++databases_);
  *admin_ << "CREATE DATABASE " + name;
  return url(name);
}

void PostgresServer::dropDatabase(const std::string& url) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string name = url.substr(url.rfind('/') + 1);
  *admin_ << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
}

}  // namespace hall::test
