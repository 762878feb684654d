// The loudspeaker as a hall device, end to end: `hall serve --demo` and
// `hall-broadcast` as the processes a hall runs, a call made over the API,
// and the announcement spoken (into a WAV file) by the zone's speaker.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>

#include "devices/protocol/device_key.h"
#include "support/hall_process.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using hall::test::TempDir;

constexpr const char* kToken = "broadcast-test-token";
constexpr const char* kSecret = "broadcast-test-device-secret";

// A child process, killed when the test ends whatever happened.
struct Child {
  Poco::ProcessHandle handle;
  ~Child() {
    ::kill(handle.id(), SIGKILL);
    try {
      handle.wait();
    } catch (...) {
    }
  }
};

// `hall serve --demo` on a fresh database in `dir`, with the test's token and
// device secret; port() is 0 when it did not come up.
struct DemoHall : hall::test::HallProcess {
  explicit DemoHall(const fs::path& dir)
      : HallProcess(HALL_BINARY, dir, {"--demo"},
                    {{"HALL_ADMIN_TOKEN", kToken}, {"HALL_DEVICE_SECRET", kSecret}}) {}
};

int post(uint16_t port, const std::string& path, const std::string& body, std::string* answer) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Authorization", std::string("Bearer ") + kToken);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::ostringstream text;
  text << in.rdbuf();
  *answer = text.str();
  return response.getStatus();
}

bool espeakInstalled() { return std::system("espeak-ng --version >/dev/null 2>&1") == 0; }

TEST(BroadcastDevice, SpeaksACallOfItsZoneAsTheHallMakesIt) {
  if (!espeakInstalled()) GTEST_SKIP() << "espeak-ng is not installed (tools/setup-deps)";
  TempDir dir;
  const fs::path wavs = dir.path() / "wavs";
  fs::create_directories(wavs);
  DemoHall server(dir.path());
  const uint16_t port = server.port();
  ASSERT_NE(port, 0);

  // Zone z1 speaks calls; speaker-1f is its loudspeaker.
  Poco::Pipe speaker_out;
  Child speaker{Poco::Process::launch(
      HALL_BROADCAST_BINARY,
      {"--server", "127.0.0.1:" + std::to_string(port), "--device", "speaker-1f", "--key",
       devices::protocol::deviceKey(kSecret, "speaker-1f"), "--wav-dir", wavs.string()},
      dir.path().string(), nullptr, &speaker_out, nullptr, Poco::Process::Env{})};
  Poco::PipeInputStream speaker_lines(speaker_out);
  std::string line;
  ASSERT_TRUE(std::getline(speaker_lines, line));
  EXPECT_EQ(line, "hall-broadcast: speaker-1f registered");

  std::string answer;
  ASSERT_EQ(post(port, "/api/v1/windows/W01/sign-in", R"({"clerk":"张敏"})", &answer), 200)
      << answer;
  ASSERT_EQ(post(port, "/api/v1/tickets", R"({"queue":"commerce"})", &answer), 201) << answer;
  ASSERT_EQ(post(port, "/api/v1/windows/W01/call-next", "", &answer), 200) << answer;

  ASSERT_TRUE(std::getline(speaker_lines, line));
  EXPECT_EQ(line, "spoke: 请 A 零零一 号到 一 号窗口办理");
  ASSERT_TRUE(fs::exists(wavs / "call-00001.wav"));
  EXPECT_GT(fs::file_size(wavs / "call-00001.wav"), 20'000u);
}

TEST(BroadcastDevice, AWrongKeyIsRefusedAndTheProgramStops) {
  TempDir dir;
  DemoHall server(dir.path());
  const uint16_t port = server.port();
  ASSERT_NE(port, 0);
  Poco::Pipe err;
  Poco::ProcessHandle speaker = Poco::Process::launch(
      HALL_BROADCAST_BINARY,
      {"--server", "127.0.0.1:" + std::to_string(port), "--device", "speaker-1f", "--key",
       devices::protocol::deviceKey("not the hall's secret", "speaker-1f")},
      dir.path().string(), nullptr, nullptr, &err, Poco::Process::Env{});
  EXPECT_EQ(speaker.wait(), 1);
  Poco::PipeInputStream err_lines(err);
  std::string text((std::istreambuf_iterator<char>(err_lines)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("key"), std::string::npos) << text;
}

}  // namespace
