#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "devices/broadcast/announce_command.h"
#include "devices/broadcast/announcer.h"
#include "devices/broadcast/call_phrase.h"
#include "devices/broadcast/espeak_speaker.h"

namespace devices::broadcast {
namespace {

namespace fs = std::filesystem;

TEST(CallPhrase, ReadsTicketDigitsOneByOneAndWindowsAsNumbers) {
  struct Case {
    int n;
    const char* spoken;
  };
  for (const Case& c : std::vector<Case>{{1, "一"},
                                         {10, "十"},
                                         {12, "十二"},
                                         {20, "二十"},
                                         {65, "六十五"},
                                         {100, "一百"},
                                         {105, "一百零五"},
                                         {110, "一百一十"},
                                         {1001, "一千零一"},
                                         {0, "零"}}) {
    EXPECT_EQ(chineseNumber(c.n), c.spoken) << c.n;
  }
  EXPECT_EQ(spokenTicketNumber("A001"), "A 零零一");
  EXPECT_EQ(spokenTicketNumber("V120"), "V 一二零");
  EXPECT_EQ(callPhrase("A001", 12), "请 A 零零一 号到 十二 号窗口办理");
}

TEST(AnnounceCommand, WordsAnAnnouncementAndNothingElse) {
  namespace protocol = devices::protocol;
  Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
  data->set("number", "B012");
  data->set("windowNumber", 27);
  EXPECT_EQ(announcementOf(protocol::Command{protocol::CommandKind::Announce, data}),
            "请 B 零一二 号到 二十七 号窗口办理");
  EXPECT_FALSE(announcementOf(protocol::Command{protocol::CommandKind::Reload, data}));
  EXPECT_FALSE(announcementOf(protocol::Display{protocol::DisplayTopic::Call, data, 0}));
  Poco::JSON::Object::Ptr wrong = new Poco::JSON::Object;
  wrong->set("number", "B012");
  wrong->set("windowNumber", "twenty-seven");
  EXPECT_FALSE(announcementOf(protocol::Command{protocol::CommandKind::Announce, wrong}));
  EXPECT_FALSE(announcementOf(protocol::Command{protocol::CommandKind::Announce, nullptr}));
}

// A scratch folder, removed afterwards.
struct Scratch {
  fs::path path = fs::temp_directory_path() / ("hall-broadcast-" + std::to_string(::getpid()) +
                                               "-" + std::to_string(std::random_device()()));
  Scratch() { fs::create_directories(path); }
  ~Scratch() { fs::remove_all(path); }
};

bool haveEspeak() { return std::system("espeak-ng --version >/dev/null 2>&1") == 0; }

TEST(Announcer, SpeaksCallsFromManyThreadsOneAtATimeAsRealSpeech) {
  if (!haveEspeak()) GTEST_SKIP() << "espeak-ng is not installed (tools/setup-deps installs it)";
  Scratch dir;
  EspeakSpeaker speaker(EspeakOptions{.wav_dir = dir.path});
  std::mutex mu;
  std::vector<Spoken> spoken;
  {
    Announcer announcer(speaker, [&](const Spoken& s) {
      std::lock_guard lock(mu);
      spoken.push_back(s);
    });
    std::vector<std::thread> callers;
    for (int window = 1; window <= 4; ++window) {
      callers.emplace_back(
          [&, window] { announcer.announce(callPhrase("A00" + std::to_string(window), window)); });
    }
    for (std::thread& t : callers) t.join();
    announcer.drain();
  }
  ASSERT_EQ(spoken.size(), 4u);
  for (size_t i = 0; i < spoken.size(); ++i) {
    EXPECT_EQ(spoken[i].error, "");
    if (i > 0) {
      EXPECT_GE(spoken[i].started_us, spoken[i - 1].ended_us) << "overlap at " << i;
    }
  }
  // Each became a WAV file of real sound: a RIFF header and a second or so
  // of samples.
  for (int n = 1; n <= 4; ++n) {
    const fs::path wav = dir.path / ("call-0000" + std::to_string(n) + ".wav");
    ASSERT_TRUE(fs::exists(wav)) << wav;
    std::ifstream in(wav, std::ios::binary);
    char header[4] = {};
    in.read(header, 4);
    EXPECT_EQ(std::string(header, 4), "RIFF");
    EXPECT_GT(fs::file_size(wav), 20'000u);
  }
}

TEST(Announcer, AFailingSpeakerIsReportedAndTheQueueGoesOn) {
  EspeakSpeaker missing(EspeakOptions{.program = "no-such-espeak-program"});
  std::vector<Spoken> spoken;
  {
    Announcer announcer(missing, [&](const Spoken& s) { spoken.push_back(s); });
    announcer.announce("第一");
    announcer.announce("第二");
    announcer.drain();
  }
  ASSERT_EQ(spoken.size(), 2u);
  EXPECT_NE(spoken[0].error.find("cannot be started"), std::string::npos) << spoken[0].error;
  EXPECT_EQ(spoken[1].text, "第二");
}

}  // namespace
}  // namespace devices::broadcast
