// EspeakSpeaker: Mandarin speech from espeak-ng (Debian's package, voice
// `cmn`). It plays on the machine's sound card, or — given a folder — writes
// each announcement as a numbered WAV file there instead (a loudspeaker
// fed by another player, and the tests).
//
// Thread-safety: one announcer thread uses it.
#pragma once

#include <filesystem>
#include <string>

#include "devices/broadcast/announcer.h"

namespace devices::broadcast {

struct EspeakOptions {
  std::string program = "espeak-ng";
  std::string voice = "cmn";
  int words_per_minute = 150;
  std::filesystem::path wav_dir;  // empty: play aloud
};

class EspeakSpeaker final : public Speaker {
 public:
  explicit EspeakSpeaker(EspeakOptions options) : options_(std::move(options)) {}
  std::string speak(const std::string& text) override;

 private:
  EspeakOptions options_;
  int spoken_ = 0;
};

}  // namespace devices::broadcast
