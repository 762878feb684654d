// HallServerProcess: `hall serve` as a child process, for the device
// simulator's test and the screens benchmark — the real binary, as an
// operator runs it, rather than a server put together in-process.
//
// start() launches it and reads its standard output up to "Press Ctrl-C",
// which it prints once it listens, taking the URL from the line "Hall is
// serving at …" — reading that far is the wait, with a deadline. From then on
// two threads of its own drain the child's stdout and stderr (stderr goes to
// `log_file` when one is given), so the child never blocks on a full pipe.
// stop() sends SIGTERM and waits, with a deadline, for it to exit; the
// destructor kills a child still running (SIGKILL), so a failed test or a
// crashed benchmark leaves no server behind.
//
// Thread-safety: one owning thread.
#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tools/devicesim/hall_api_client.h"
#include "wf/status.h"

namespace hall::devicesim {

struct HallServerOptions {
  std::filesystem::path binary;            // the `hall` executable
  std::vector<std::string> args;           // e.g. {"serve", "--demo", "--port", "0", "--db", …}
  std::map<std::string, std::string> env;  // added to this process's environment
  std::filesystem::path cwd;               // empty: this process's
  std::filesystem::path log_file;  // the child's stderr; empty: kept in memory (the last 64 KiB)
  std::chrono::milliseconds start_timeout{30000};
  std::chrono::milliseconds stop_timeout{15000};
};

class HallServerProcess {
 public:
  // Unavailable when it cannot be launched, exits, or prints no URL in time
  // (with what it printed).
  static wf::Result<std::unique_ptr<HallServerProcess>> start(HallServerOptions options);
  ~HallServerProcess();
  HallServerProcess(const HallServerProcess&) = delete;
  HallServerProcess& operator=(const HallServerProcess&) = delete;

  const std::string& url() const { return url_; }
  const ServerAddress& address() const { return address_; }
  int pid() const { return static_cast<int>(handle_->id()); }
  // What it printed on stdout up to "Press Ctrl-C".
  const std::string& startOutput() const { return start_output_; }
  // Its stderr so far when no log file was given.
  std::string errorOutput() const;

  // SIGTERM, then its exit status; SIGKILL (and -1) when it does not exit
  // within stop_timeout. Once only; later calls return the same status.
  int stop();

 private:
  explicit HallServerProcess(HallServerOptions options) : options_(std::move(options)) {}

  void readStdout();
  void readStderr();
  void joinReaders();

  const HallServerOptions options_;
  std::optional<Poco::ProcessHandle> handle_;
  std::unique_ptr<Poco::Pipe> out_pipe_;
  std::unique_ptr<Poco::Pipe> err_pipe_;
  std::thread out_reader_;
  std::thread err_reader_;
  std::optional<int> exit_status_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool ready_ = false;        // "Press Ctrl-C" seen
  bool out_ended_ = false;    // stdout at EOF: the child has exited
  std::string start_output_;  // stdout up to ready
  std::string stderr_tail_;
  std::string url_;
  ServerAddress address_;
};

}  // namespace hall::devicesim
