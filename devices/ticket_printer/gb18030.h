// UTF-8 to GB18030, the code page of Chinese-mode (FS &) ESC/POS printers,
// through glibc's iconv. Every Unicode scalar value has a GB18030 form, so
// the only refusal is text that is not valid UTF-8 (broken bytes, lone
// surrogates); the error names the TicketSlip field. Thread-safe: each call
// opens its own converter.
#pragma once

#include <string>
#include <string_view>

#include "devices/ticket_printer/print_result.h"

namespace devices::printer {

PrintResult<std::string> toGb18030(std::string_view utf8, std::string_view field);

}  // namespace devices::printer
