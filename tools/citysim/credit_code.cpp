#include "tools/citysim/credit_code.h"

#include <array>

namespace hall::citysim {

namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

int valueOf(char c) {
  const size_t at = kCharset.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

char creditCodeCheckCharacter(std::string_view body) {
  if (body.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    const int value = valueOf(body[i]);
    if (value < 0) return '\0';
    sum += value * kWeights[i];
  }
  return kCharset[static_cast<size_t>((31 - sum % 31) % 31)];
}

std::string creditCodeProblem(std::string_view code) {
  if (code.size() != 18) {
    return "a unified social credit code has 18 characters, not " + std::to_string(code.size());
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (valueOf(code[i]) < 0) {
      return "character " + std::to_string(i + 1) + " '" + std::string(1, code[i]) +
             "' is not one of 0-9 and the capital letters other than I, O, Z, S, V";
    }
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return "characters 3 to 8 are the region code and must be digits";
    }
  }
  const char expected = creditCodeCheckCharacter(code.substr(0, 17));
  if (code[17] != expected) {
    return std::string("the check character is wrong (a mistyped character?)");
  }
  return {};
}

}  // namespace hall::citysim
