#include "support/hall_process.h"

#include <Poco/PipeStream.h>
#include <signal.h>

#include <regex>

namespace hall::test {

HallProcess::HallProcess(const std::string& binary, const std::filesystem::path& dir,
                         const std::vector<std::string>& extra_args, const Poco::Process::Env& env,
                         bool keep_output)
    : handle_([&] {
        std::vector<std::string> args = {"serve",
                                         "--port",
                                         "0",
                                         "--db",
                                         "sqlite:" + (dir / "hall.db").string(),
                                         "--models",
                                         std::string(HALL_SOURCE_DIR) + "/models"};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        return Poco::Process::launch(binary, args, dir.string(), nullptr, &out_,
                                     keep_output ? &out_ : nullptr, env);
      }()) {
  // The server prints its URL once it listens: reading up to that line is
  // the wait (it ends at the latest when the server exits).
  Poco::PipeInputStream lines(out_);
  const std::regex serving(R"(Hall is serving at https?://127\.0\.0\.1:(\d+))");
  for (std::string line; port_ == 0 && std::getline(lines, line);) {
    output_ += line + "\n";
    std::smatch m;
    if (std::regex_search(line, m, serving)) port_ = static_cast<uint16_t>(std::stoi(m[1]));
  }
  if (keep_output) {
    drain_ = std::thread([this] {
      Poco::PipeInputStream rest(out_);
      for (std::string line; std::getline(rest, line);) {
        std::lock_guard lock(mu_);
        later_output_ += line + "\n";
      }
    });
  }
}

std::string HallProcess::outputSoFar() const {
  std::lock_guard lock(mu_);
  return output_ + later_output_;
}

HallProcess::~HallProcess() {
  ::kill(handle_.id(), SIGKILL);
  try {
    handle_.wait();
  } catch (...) {
  }
  if (drain_.joinable()) drain_.join();  // the pipe ends with the child
}

}  // namespace hall::test
