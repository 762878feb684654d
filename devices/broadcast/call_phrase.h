// The words a call is spoken in (全局叫号的播报用语): "请 A 零零一 号到
// 十二 号窗口办理". The digits of a ticket number are read one by one, as
// halls read them; a window number is read as a number.
#pragma once

#include <string>

namespace devices::broadcast {

// "十二" for 12, "二十" for 20, "一百零五" for 105; "零" for 0. Up to 9999.
std::string chineseNumber(int n);

// "A001" → "A 零零一": letters kept, digits one by one.
std::string spokenTicketNumber(const std::string& number);

// "请 A 零零一 号到 十二 号窗口办理".
std::string callPhrase(const std::string& ticket_number, int window_number);

}  // namespace devices::broadcast
