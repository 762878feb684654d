// TicketSlip: what a ticket machine prints on the paper ticket (取号凭条) a
// visitor takes — the hall, the queue, the ticket number, how many wait ahead,
// and a QR code of the live status page. PaperWidth is the thermal paper roll
// in the machine.
//
// Plain data; the renderers (escpos_writer.h, png_preview.h) take it by
// const reference and keep nothing.
#pragma once

#include <string>

namespace devices::printer {

struct TicketSlip {
  std::string hall_name;           // "长宁区行政服务中心"
  std::string queue_name;          // "商事登记"
  std::string number;              // "A001"; must not be empty
  int ahead = 0;                   // people ahead in the queue; not negative
  int estimated_wait_minutes = 0;  // not negative
  std::string issued_at;           // "2026-11-29 09:03", printed as given
  std::string status_url;  // content of the QR code (the live status page); must not be empty
  std::string notice;  // optional footer, e.g. "请留意叫号屏幕及手机通知，过号请重新取号"
};

// Thermal rolls print at 203 dpi: 384 dots across 58 mm paper, 576 across 80 mm.
enum class PaperWidth { k58mm, k80mm };

constexpr int dotsAcross(PaperWidth width) { return width == PaperWidth::k58mm ? 384 : 576; }

}  // namespace devices::printer
