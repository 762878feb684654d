#include <openssl/rand.h>

#include <array>
#include <chrono>

#include "wf/ports/id_generator.h"
#include "wf/status.h"

namespace wf {

namespace {
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string RandomIdGenerator::next() {
  const uint64_t ms = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count());
  std::array<unsigned char, 10> random{};
  WF_CHECK(RAND_bytes(random.data(), static_cast<int>(random.size())) == 1);
  std::string out(26, '0');
  // Ten characters of time (50 bits, the top two zero), then sixteen of
  // randomness (80 bits), as ULIDs are laid out.
  for (int i = 9; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kCrockford[(ms >> (5 * (9 - i))) & 31];
  }
  int bit = 0;
  for (int i = 0; i < 16; ++i) {
    unsigned v = 0;
    for (int k = 0; k < 5; ++k, ++bit) {
      v = (v << 1) | ((random[static_cast<size_t>(bit / 8)] >> (7 - bit % 8)) & 1u);
    }
    out[static_cast<size_t>(10 + i)] = kCrockford[v];
  }
  return out;
}

}  // namespace wf
