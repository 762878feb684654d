// SimulatedFingers: what the simulator's fingerprint readers press. Each
// clerk given with `--finger LOGIN=SECRET` has a finger whose template is
// derived from the secret alone — base64(SHA-256("finger:" + secret)) — so
// the same secret is the same finger on every run and every reader, and a
// different secret is a wrong finger. `--finger-fail REASON` makes every
// reader answer fingerprint-failed instead.
//
// Value type; safe to share between threads once built.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "devices/protocol/device_message.h"
#include "devices/protocol/server_message.h"

namespace hall::devicesim {

struct SimulatedFingers {
  std::map<std::string, std::string> secrets;                 // login → finger secret
  std::optional<devices::protocol::FingerprintFailure> fail;  // every capture fails so
};

// base64(SHA-256("finger:" + secret)): the template of that finger.
std::string fingerTemplate(std::string_view secret);

// A reader's answer to a capture: fingerprint-failed with `fail` when set;
// the clerk's template when the clerk has a finger; otherwise
// fingerprint-failed timeout (nobody pressed).
devices::protocol::DeviceMessage answerCapture(const devices::protocol::FingerprintCapture& capture,
                                               const SimulatedFingers& fingers);

}  // namespace hall::devicesim
