// The simulator's fingers: a clerk's template is base64(SHA-256("finger:" +
// secret)), the same on every run; a reader answers a capture with it, with
// the failure it is told to give, or — for a clerk it has no finger of —
// with a timeout, as a reader nobody presses.
#include "tools/devicesim/simulated_finger.h"

#include <gtest/gtest.h>

#include "tools/devicesim/devicesim_options.h"

namespace hall::devicesim {
namespace {

namespace protocol = devices::protocol;

TEST(FingerprintSimulator, ATemplateIsDerivedFromTheSecretAlone) {
  // printf 'finger:s3cret' | openssl dgst -sha256 -binary | base64
  EXPECT_EQ(fingerTemplate("s3cret"), "BL/ZDayEqS8Xmh+511kPkG6rmcUrF2bsB/beJkXhwNw=");
  EXPECT_EQ(fingerTemplate("s3cret"), fingerTemplate("s3cret"));
  EXPECT_NE(fingerTemplate("s3cret"), fingerTemplate("other"));
}

TEST(FingerprintSimulator, AnswersACaptureAsTheFingersSay) {
  SimulatedFingers fingers;
  fingers.secrets["wang"] = "s3cret";
  const protocol::FingerprintCapture for_wang{"r1", protocol::FingerprintPurpose::Verify, "wang"};
  EXPECT_EQ(std::get<protocol::Fingerprint>(answerCapture(for_wang, fingers)),
            (protocol::Fingerprint{"r1", fingerTemplate("s3cret")}));
  const protocol::FingerprintCapture for_li{"r2", protocol::FingerprintPurpose::Enroll, "li"};
  EXPECT_EQ(std::get<protocol::FingerprintFailed>(answerCapture(for_li, fingers)),
            (protocol::FingerprintFailed{"r2", protocol::FingerprintFailure::Timeout}));
  fingers.fail = protocol::FingerprintFailure::PoorQuality;
  EXPECT_EQ(std::get<protocol::FingerprintFailed>(answerCapture(for_wang, fingers)),
            (protocol::FingerprintFailed{"r1", protocol::FingerprintFailure::PoorQuality}));
}

TEST(FingerprintSimulator, ReadsFingerOptions) {
  const auto o =
      parseDevicesimOptions({"--finger", "wang=s3cret", "--finger=li=a=b", "--finger-fail",
                             "poor-quality", "--devices", "finger-S51"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->fingers.secrets.at("wang"), "s3cret");
  EXPECT_EQ(o->fingers.secrets.at("li"), "a=b");
  EXPECT_EQ(o->fingers.fail, protocol::FingerprintFailure::PoorQuality);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--finger", "wang"},
                                               {"--finger", "=x"},
                                               {"--finger", "wang="},
                                               {"--finger-fail", "smudge"}}) {
    const auto bad = parseDevicesimOptions(args);
    ASSERT_FALSE(bad.ok()) << args[1];
    EXPECT_NE(bad.status().message().find(args[0]), std::string::npos);
  }
}

}  // namespace
}  // namespace hall::devicesim
