#include "tools/devicesim/simulated_finger.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>

namespace hall::devicesim {

namespace protocol = devices::protocol;

std::string fingerTemplate(std::string_view secret) {
  const std::string input = "finger:" + std::string(secret);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
  std::string out(4 * ((digest.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), digest.data(),
                                      static_cast<int>(digest.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

protocol::DeviceMessage answerCapture(const protocol::FingerprintCapture& capture,
                                      const SimulatedFingers& fingers) {
  if (fingers.fail) return protocol::FingerprintFailed{capture.request_id, *fingers.fail};
  const auto finger = fingers.secrets.find(capture.clerk);
  if (finger == fingers.secrets.end()) {
    return protocol::FingerprintFailed{capture.request_id, protocol::FingerprintFailure::Timeout};
  }
  return protocol::Fingerprint{capture.request_id, fingerTemplate(finger->second)};
}

}  // namespace hall::devicesim
