#include "portal/domain/id_number.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace hall::domain {

namespace {

// Wi = 2^(17-i) mod 11 for positions i = 0..16.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
// The check character for S mod 11 = 0..10.
constexpr std::string_view kCheck = "10X98765432";

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeapYear(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

int digitsAt(std::string_view s, size_t from, size_t count) {
  int v = 0;
  for (size_t i = from; i < from + count; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

wf::Status refused(std::string why) {
  return wf::Status::invalid("idNumber: " + why,
                             wf::Value(wf::Object{{"field", wf::Value("idNumber")}}));
}

}  // namespace

char idCheckCharacter(std::string_view body) {
  if (body.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(body[i]))) return '\0';
    sum += (body[i] - '0') * kWeights[i];
  }
  return kCheck[static_cast<size_t>(sum % 11)];
}

wf::Status validateIdNumber(std::string_view number, int today_yyyymmdd) {
  if (number.size() != 18) {
    return refused("a resident identity number has 18 characters, not " +
                   std::to_string(number.size()));
  }
  const std::string_view body = number.substr(0, 17);
  const char expected = idCheckCharacter(body);
  if (expected == '\0') return refused("the first 17 characters must be digits");
  const char given = static_cast<char>(std::toupper(static_cast<unsigned char>(number[17])));
  if (given != expected) {
    return refused("the check character is wrong (a mistyped digit?)");
  }
  const int year = digitsAt(number, 6, 4);
  const int month = digitsAt(number, 10, 2);
  const int day = digitsAt(number, 12, 2);
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return refused("the birth date " + std::string(number.substr(6, 8)) + " is not a date");
  }
  if (year * 10000 + month * 100 + day > today_yyyymmdd) {
    return refused("the birth date lies in the future");
  }
  return wf::Status::ok();
}

std::string maskIdNumber(std::string_view number) {
  if (number.size() == 18) {
    return std::string(number.substr(0, 6)) + std::string(8, '*') + std::string(number.substr(14));
  }
  if (number.size() <= 4) return std::string(number.size(), '*');
  return std::string(number.size() - 4, '*') + std::string(number.substr(number.size() - 4));
}

bool validPhone(const std::string& phone) {
  return phone.size() == 11 && phone[0] == '1' &&
         std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string maskPhone(const std::string& phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::string maskName(std::string_view name) {
  std::string out;
  size_t characters = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(name[i]) & 0xC0) != 0x80;
    if (starts) ++characters;
    if (characters <= 1) {
      out.push_back(name[i]);
    } else if (starts) {
      out.push_back('*');
    }
  }
  return out;
}

}  // namespace hall::domain
