#include "support/hall_process.h"

#include <Poco/PipeStream.h>
#include <signal.h>

#include <regex>

namespace hall::test {

HallProcess::HallProcess(const std::string& binary, const std::filesystem::path& dir,
                         const std::vector<std::string>& extra_args, const Poco::Process::Env& env)
    : handle_([&] {
        std::vector<std::string> args = {"serve",
                                         "--port",
                                         "0",
                                         "--db",
                                         "sqlite:" + (dir / "hall.db").string(),
                                         "--models",
                                         std::string(HALL_SOURCE_DIR) + "/models"};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        return Poco::Process::launch(binary, args, dir.string(), nullptr, &out_, nullptr, env);
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
}

HallProcess::~HallProcess() {
  ::kill(handle_.id(), SIGKILL);
  try {
    handle_.wait();
  } catch (...) {
  }
}

}  // namespace hall::test
