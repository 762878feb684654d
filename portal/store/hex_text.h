// Hex text for the bytes the stores keep as text (sealed data, digests,
// password hashes, tokens).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hall::store {

// Lower-case hex, two digits a byte.
std::string toHex(const unsigned char* bytes, size_t size);
inline std::string toHex(std::string_view bytes) {
  return toHex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}
// False for an odd length or a character that is no hex digit.
bool fromHex(std::string_view hex, std::string* out);

}  // namespace hall::store
