#include "tools/devicesim/hall_server_process.h"

#include <Poco/Exception.h>
#include <Poco/PipeStream.h>
#include <signal.h>

#include <fstream>
#include <regex>
#include <utility>

namespace hall::devicesim {

namespace {

constexpr size_t kStderrTail = size_t{64} << 10;
constexpr const char* kReadyLine = "Press Ctrl-C";

}  // namespace

wf::Result<std::unique_ptr<HallServerProcess>> HallServerProcess::start(HallServerOptions options) {
  std::unique_ptr<HallServerProcess> server(new HallServerProcess(std::move(options)));
  const HallServerOptions& o = server->options_;
  server->out_pipe_ = std::make_unique<Poco::Pipe>();
  server->err_pipe_ = std::make_unique<Poco::Pipe>();
  try {
    Poco::Process::Env env(o.env.begin(), o.env.end());
    const std::string cwd =
        o.cwd.empty() ? std::filesystem::current_path().string() : o.cwd.string();
    server->handle_.emplace(Poco::Process::launch(o.binary.string(), o.args, cwd, nullptr,
                                                  server->out_pipe_.get(), server->err_pipe_.get(),
                                                  env));
  } catch (const Poco::Exception& e) {
    return wf::Status::unavailable(o.binary.string() + ": " + e.displayText());
  }
  server->out_reader_ = std::thread([s = server.get()] { s->readStdout(); });
  server->err_reader_ = std::thread([s = server.get()] { s->readStderr(); });

  bool ready = false;
  {
    std::unique_lock<std::mutex> lock(server->mutex_);
    ready = server->changed_.wait_for(lock, o.start_timeout,
                                      [&] { return server->ready_ || server->out_ended_; }) &&
            server->ready_ && !server->url_.empty();
  }
  if (!ready) {
    ::kill(server->pid(), SIGKILL);
    server->exit_status_ = server->handle_->wait();
    server->joinReaders();
    return wf::Status::unavailable("hall serve did not come up (exit status " +
                                   std::to_string(*server->exit_status_) + "); stdout:\n" +
                                   server->start_output_ + "stderr:\n" + server->errorOutput());
  }
  return server;
}

HallServerProcess::~HallServerProcess() {
  if (handle_ && !exit_status_) {
    ::kill(pid(), SIGKILL);
    try {
      handle_->wait();
    } catch (const Poco::Exception&) {
      // Reaped already: nothing left to wait for.
    }
  }
  joinReaders();
}

void HallServerProcess::readStdout() {
  static const std::regex kUrl(R"(Hall is serving at (http://\S+))");
  Poco::PipeInputStream in(*out_pipe_);
  for (std::string line; std::getline(in, line);) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (ready_) continue;  // drained, so the child never blocks on a full pipe
    start_output_ += line + "\n";
    std::smatch m;
    if (std::regex_search(line, m, kUrl)) {
      url_ = m[1];
      if (wf::Result<ServerAddress> address = parseServerUrl(url_); address.ok()) {
        address_ = *address;
      }
    }
    if (line.rfind(kReadyLine, 0) == 0) {
      ready_ = true;
      changed_.notify_all();
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  out_ended_ = true;
  changed_.notify_all();
}

void HallServerProcess::readStderr() {
  Poco::PipeInputStream in(*err_pipe_);
  std::ofstream log;
  if (!options_.log_file.empty()) log.open(options_.log_file, std::ios::app);
  for (std::string line; std::getline(in, line);) {
    if (log.is_open()) {
      log << line << "\n";
      continue;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    stderr_tail_ += line + "\n";
    if (stderr_tail_.size() > kStderrTail) {
      stderr_tail_.erase(0, stderr_tail_.size() - kStderrTail);
    }
  }
}

std::string HallServerProcess::errorOutput() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return options_.log_file.empty() ? stderr_tail_ : "(in " + options_.log_file.string() + ")\n";
}

int HallServerProcess::stop() {
  if (exit_status_) return *exit_status_;
  ::kill(pid(), SIGTERM);
  bool exited = false;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    exited = changed_.wait_for(lock, options_.stop_timeout, [this] { return out_ended_; });
  }
  if (!exited) ::kill(pid(), SIGKILL);
  const int status = handle_->wait();
  exit_status_ = exited ? status : -1;
  joinReaders();
  return *exit_status_;
}

void HallServerProcess::joinReaders() {
  if (out_reader_.joinable()) out_reader_.join();
  if (err_reader_.joinable()) err_reader_.join();
}

}  // namespace hall::devicesim
