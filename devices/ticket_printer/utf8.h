// Strict UTF-8 decoding and encoding for the ticket's texts. The decoder
// refuses what no printer code page can hold — malformed or overlong
// sequences, UTF-16 surrogates, code points past U+10FFFF — with an error
// naming the TicketSlip field and the byte offset. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "devices/ticket_printer/print_result.h"

namespace devices::printer {

// The code points of `utf8`; `field` names the text in the error.
PrintResult<std::u32string> decodeUtf8(std::string_view utf8, std::string_view field);

// The UTF-8 form of `text`. Precondition: every code point is a Unicode scalar
// value (which decodeUtf8 guarantees).
std::string encodeUtf8(std::u32string_view text);

}  // namespace devices::printer
