// The ticket the printer tests print: a 商事登记 ticket with every line set.
#pragma once

#include "devices/ticket_printer/ticket_slip.h"

namespace devices::printer::samples {

inline TicketSlip sampleSlip() {
  TicketSlip slip;
  slip.hall_name = "长宁区行政服务中心";
  slip.queue_name = "商事登记";
  slip.number = "A001";
  slip.ahead = 3;
  slip.estimated_wait_minutes = 12;
  slip.issued_at = "2026-11-29 09:03";
  slip.status_url = "https://hall.example.cn/t/A001?k=7f3a9c";
  slip.notice = "请留意叫号屏幕及手机通知，过号请重新取号";
  return slip;
}

}  // namespace devices::printer::samples
