// renderEscPos: a ticket as the bytes an ESC/POS thermal printer prints —
// reset, Chinese mode (FS &) with text in GB18030, every line centred at its
// size (GS !), the QR code as a raster bit image (GS v 0), a feed past the
// cutter and a partial cut (GS V). The lines and their places come from
// slip_layout.h, shared with the PNG preview.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "devices/ticket_printer/print_result.h"
#include "devices/ticket_printer/slip_layout.h"
#include "devices/ticket_printer/ticket_slip.h"

namespace devices::printer {

// The print job for `slip` on `width` paper; refuses a slip layoutSlip refuses.
PrintResult<std::vector<uint8_t>> renderEscPos(const TicketSlip& slip, PaperWidth width);

// The print job for a layout already made.
PrintResult<std::vector<uint8_t>> writeEscPos(const SlipLayout& layout);

}  // namespace devices::printer
