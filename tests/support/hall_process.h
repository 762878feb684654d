// HallProcess: the built `hall serve` as a child process — a fresh database
// in the test's folder, the repository's models, port 0 — for tests that
// drive the real server over HTTP. The child is killed when the object
// goes, whatever the test did.
#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hall::test {

class HallProcess {
 public:
  // Runs `binary serve --port 0 --db sqlite:<dir>/hall.db --models
  // <repo>/models <extra_args…>` in `dir` with `env`, and waits until it
  // prints the address it serves at (or exits).
  // `keep_output`: its stderr (the log) joins stdout, and everything it
  // prints is kept for outputSoFar() (a thread drains the pipe).
  HallProcess(const std::string& binary, const std::filesystem::path& dir,
              const std::vector<std::string>& extra_args, const Poco::Process::Env& env,
              bool keep_output = false);
  ~HallProcess();
  HallProcess(const HallProcess&) = delete;
  HallProcess& operator=(const HallProcess&) = delete;

  // 0 when the server did not come up.
  uint16_t port() const { return port_; }
  // What it printed up to its address.
  const std::string& output() const { return output_; }
  // With keep_output: everything it printed (stdout and the log) so far.
  std::string outputSoFar() const;

 private:
  Poco::Pipe out_;
  Poco::ProcessHandle handle_;
  uint16_t port_ = 0;
  std::string output_;
  mutable std::mutex mu_;
  std::string later_output_;
  std::thread drain_;
};

}  // namespace hall::test
