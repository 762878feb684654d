// PostgresServer: a throwaway PostgreSQL server for tests. initdb writes a
// cluster into a temporary folder; the server listens on a free loopback
// port, with its unix socket in that folder, and is stopped and removed
// when the test process ends. One per process, started on first use and
// shared by the tests of that process; each test takes a fresh database.
//
// initdb and the server refuse to run as root, as CI does: then they run as
// the `postgres` system user (Debian's postgresql package creates it), who
// owns the temporary folder. The server is this process's child and gets
// SIGQUIT when the process dies, so a crashed test leaves no server behind.
//
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "support/temp_dir.h"

namespace soci {
class session;
}

namespace hall::test {

class PostgresServer {
 public:
  // The process's server, started on the first call. nullptr when no server
  // can run here (the binaries are missing, or no unprivileged user to run
  // them as); `why` then says what is missing.
  static PostgresServer* shared(std::string* why);

  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A new empty database; returns its URL for EngineOptions::db_url.
  std::string createDatabase();
  // Drops a database that createDatabase() made, with its connections.
  void dropDatabase(const std::string& url);
  // postgresql://postgres@127.0.0.1:PORT/NAME
  std::string url(const std::string& database) const;
  int port() const { return port_; }

 private:
  PostgresServer() = default;
  // Throws std::runtime_error with the server's log when it does not start.
  void start();
  void stop();

  TempDir dir_;
  int port_ = 0;
  int pid_ = -1;
  std::mutex mutex_;
  int databases_ = 0;
  std::unique_ptr<soci::session> admin_;  // on the maintenance database
};

}  // namespace hall::test
