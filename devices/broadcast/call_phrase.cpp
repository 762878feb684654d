#include "devices/broadcast/call_phrase.h"

#include <array>

namespace devices::broadcast {

namespace {

constexpr std::array<const char*, 10> kDigits = {"零", "一", "二", "三", "四",
                                                 "五", "六", "七", "八", "九"};

}  // namespace

std::string chineseNumber(int n) {
  if (n <= 0 || n > 9999) return kDigits[0];
  constexpr std::array<const char*, 4> kUnits = {"", "十", "百", "千"};
  std::array<int, 4> digit{n % 10, n / 10 % 10, n / 100 % 10, n / 1000};
  int top = 3;
  while (digit[static_cast<size_t>(top)] == 0) --top;
  std::string out;
  bool pending_zero = false;
  for (int i = top; i >= 0; --i) {
    const int d = digit[static_cast<size_t>(i)];
    if (d == 0) {
      pending_zero = !out.empty();
      continue;
    }
    if (pending_zero) out += kDigits[0];
    pending_zero = false;
    // 十二, not 一十二, when the tens lead.
    if (!(i == 1 && d == 1 && i == top)) out += kDigits[static_cast<size_t>(d)];
    out += kUnits[static_cast<size_t>(i)];
  }
  return out;
}

std::string spokenTicketNumber(const std::string& number) {
  std::string letters;
  std::string digits;
  for (char c : number) {
    if (c >= '0' && c <= '9') {
      digits += kDigits[static_cast<size_t>(c - '0')];
    } else {
      letters += c;
    }
  }
  if (letters.empty()) return digits;
  if (digits.empty()) return letters;
  return letters + " " + digits;
}

std::string callPhrase(const std::string& ticket_number, int window_number) {
  return "请 " + spokenTicketNumber(ticket_number) + " 号到 " + chineseNumber(window_number) +
         " 号窗口办理";
}

}  // namespace devices::broadcast
