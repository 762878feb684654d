// CitysimProcess: the built `hall-citysim` as a child process, for the
// simulator's tests — the real binary on port 0, as the hall's tests and a
// demo run it. start() launches it and reads its stdout up to the line
// "citysim serving at http://HOST:PORT" (with a deadline); from then on two
// threads drain its stdout and stderr so it never blocks on a full pipe.
// stop() sends SIGTERM and waits (with a deadline); the destructor kills a
// child still running.
//
// CitysimClient: one HTTP request per connection to it, signed as the
// contract says with request_signature (or deliberately not).
//
// Thread-safety: one owning thread each.
#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tools/citysim/request_signature.h"
#include "wf/status.h"
#include "wf/value.h"

namespace hall::citysim::test {

struct CitysimProcessOptions {
  std::vector<std::string> args = {"--port", "0"};
  std::map<std::string, std::string> env;  // added to this process's environment
  std::chrono::milliseconds start_timeout{10000};
  std::chrono::milliseconds stop_timeout{5000};
};

class CitysimProcess {
 public:
  // Unavailable when it cannot be launched, exits, or prints no URL in time
  // (with what it printed).
  static wf::Result<std::unique_ptr<CitysimProcess>> start(CitysimProcessOptions options);
  // On port 0, quiet, with `key` as CITYSIM_KEY and `extra_args` after those:
  // what the connector and hall tests start.
  static wf::Result<std::unique_ptr<CitysimProcess>> startQuiet(
      const std::string& key, const std::vector<std::string>& extra_args = {});
  ~CitysimProcess();
  CitysimProcess(const CitysimProcess&) = delete;
  CitysimProcess& operator=(const CitysimProcess&) = delete;

  const std::string& url() const { return url_; }
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  std::string errorOutput() const;
  // SIGTERM, then its exit status (-1 when it had to be killed).
  int stop();

 private:
  explicit CitysimProcess(CitysimProcessOptions options) : options_(std::move(options)) {}
  void readStdout();
  void readStderr();
  void joinReaders();

  const CitysimProcessOptions options_;
  std::optional<Poco::ProcessHandle> handle_;
  std::unique_ptr<Poco::Pipe> out_pipe_;
  std::unique_ptr<Poco::Pipe> err_pipe_;
  std::thread out_reader_;
  std::thread err_reader_;
  std::optional<int> exit_status_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool out_ended_ = false;
  std::string start_output_;
  std::string stderr_tail_;
  std::string url_;
  std::string host_;
  int port_ = 0;
};

// The runtime outcome of a request: status 0 when the connection closed
// without an answer.
struct Reply {
  int status = 0;
  std::string body;
  wf::Value json;                              // null when the body is not JSON
  std::map<std::string, std::string> headers;  // the answer's (the last of a repeated one)

  // The "code" / "field" members of an error body ("" when absent).
  std::string code() const;
  std::string field() const;
};

class CitysimClient {
 public:
  CitysimClient(std::string host, int port, std::string key, std::string app_key = "hall-changning")
      : host_(std::move(host)), port_(port), key_(std::move(key)), app_key_(std::move(app_key)) {}

  // Signed now with a fresh nonce.
  Reply send(const std::string& method, const std::string& path_with_query,
             const std::string& body = {}, const std::map<std::string, std::string>& headers = {});
  Reply get(const std::string& path_with_query) { return send("GET", path_with_query); }
  Reply post(const std::string& path, const std::string& body,
             const std::map<std::string, std::string>& headers = {}) {
    return send("POST", path, body, headers);
  }
  // Exactly these headers, no signing of its own.
  Reply sendRaw(const std::string& method, const std::string& path_with_query,
                const std::string& body, const std::map<std::string, std::string>& headers);
  // The X-Ca-* headers of a request signed with `key` at `timestamp_ms`.
  std::map<std::string, std::string> signedHeaders(const std::string& key,
                                                   const std::string& method,
                                                   const std::string& path_with_query,
                                                   const std::string& body, int64_t timestamp_ms,
                                                   const std::string& nonce) const;

  const std::string& key() const { return key_; }

 private:
  std::string host_;
  int port_;
  std::string key_;
  std::string app_key_;
};

int64_t nowMs();

}  // namespace hall::citysim::test
