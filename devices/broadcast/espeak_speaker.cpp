#include "devices/broadcast/espeak_speaker.h"

#include <spawn.h>
#include <sys/wait.h>

#include <cstdio>
#include <vector>

extern char** environ;

namespace devices::broadcast {

std::string EspeakSpeaker::speak(const std::string& text) {
  std::vector<std::string> args = {options_.program, "-v", options_.voice, "-s",
                                   std::to_string(options_.words_per_minute)};
  if (!options_.wav_dir.empty()) {
    char name[32];
    std::snprintf(name, sizeof(name), "call-%05d.wav", ++spoken_);
    args.push_back("-w");
    args.push_back((options_.wav_dir / name).string());
  }
  // The text is one argument: nothing in it reaches a shell.
  args.push_back("--");
  args.push_back(text);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, options_.program.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    return options_.program + " cannot be started (is the espeak-ng package installed?)";
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return options_.program + " failed on \"" + text + "\"";
  }
  return "";
}

}  // namespace devices::broadcast
