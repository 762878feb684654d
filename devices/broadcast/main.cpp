// hall-broadcast: a zone's loudspeaker as a hall device. It registers with
// the hall server as its broadcast device, speaks every call it is sent
// (espeak-ng, Mandarin), one at a time, and reconnects with backoff when the
// connection drops.
//
//   hall-broadcast --server HOST:PORT --device speaker-1f --key KEY [--wav-dir DIR]
//
// The key is the device's (installed with it; `hall serve` derives it from
// the hall device secret). With --wav-dir it writes each announcement as a
// WAV file there instead of playing it.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

#include "devices/broadcast/announce_command.h"
#include "devices/broadcast/announcer.h"
#include "devices/broadcast/espeak_speaker.h"
#include "devices/protocol/device_client.h"

namespace {

std::mutex stop_mu;
std::condition_variable stop_cv;
std::atomic<bool> stopping{false};

void onSignal(int) {
  // Only a flag from a handler; the main loop polls it.
  stopping = true;
}

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string device;
  std::string key;
  std::string wav_dir;
};

bool parse(const std::vector<std::string>& args, Options* o, std::string* error) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (i + 1 == args.size()) {
      *error = a + " needs a value";
      return false;
    }
    const std::string& v = args[++i];
    if (a == "--server") {
      const size_t colon = v.rfind(':');
      if (colon == std::string::npos) {
        *error = "--server: expected HOST:PORT";
        return false;
      }
      o->host = v.substr(0, colon);
      o->port = static_cast<uint16_t>(std::stoi(v.substr(colon + 1)));
    } else if (a == "--device") {
      o->device = v;
    } else if (a == "--key") {
      o->key = v;
    } else if (a == "--wav-dir") {
      o->wav_dir = v;
    } else {
      *error = "unknown option " + a;
      return false;
    }
  }
  if (o->device.empty() || o->key.empty()) {
    *error = "--device and --key are required";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  std::string error;
  if (!parse(std::vector<std::string>(argv + 1, argv + argc), &options, &error)) {
    std::cerr << "hall-broadcast: " << error
              << "\nusage: hall-broadcast --server HOST:PORT --device ID --key KEY "
                 "[--wav-dir DIR]\n";
    return 2;
  }
  signal(SIGINT, onSignal);
  signal(SIGTERM, onSignal);
  signal(SIGPIPE, SIG_IGN);

  devices::broadcast::EspeakSpeaker speaker(
      devices::broadcast::EspeakOptions{.wav_dir = options.wav_dir});
  devices::broadcast::Announcer announcer(speaker, [](const devices::broadcast::Spoken& s) {
    if (s.error.empty()) {
      std::cout << "spoke: " << s.text << std::endl;
    } else {
      std::cerr << "hall-broadcast: " << s.error << std::endl;
    }
  });

  auto backoff = std::chrono::milliseconds(500);
  while (!stopping) {
    devices::protocol::DeviceClientOptions client_options;
    client_options.host = options.host;
    client_options.port = options.port;
    client_options.device_id = options.device;
    client_options.key = options.key;
    client_options.software = "hall-broadcast 1";
    devices::protocol::DeviceClient client(
        client_options, [&](const devices::protocol::ServerMessage& message) {
          if (auto words = devices::broadcast::announcementOf(message)) {
            announcer.announce(*words);
          }
        });
    const devices::protocol::ConnectResult connected = client.connect();
    if (connected.ok) {
      std::cout << "hall-broadcast: " << options.device << " registered" << std::endl;
      backoff = std::chrono::milliseconds(500);
    } else {
      std::cerr << "hall-broadcast: " << connected.error << std::endl;
      if (connected.refusal) return 1;  // a wrong key will not become right
    }
    // Wait for the connection to end (or a signal), checking a few times a second.
    while (!stopping && client.connected()) {
      std::unique_lock lock(stop_mu);
      stop_cv.wait_for(lock, std::chrono::milliseconds(200));
    }
    if (stopping) break;
    std::unique_lock lock(stop_mu);
    stop_cv.wait_for(lock, backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(30000));
  }
  announcer.drain();
  return 0;
}
