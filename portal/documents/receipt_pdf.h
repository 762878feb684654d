// The receipt (受理凭证) as a printable, signed PDF: A4 portrait, in Chinese,
// drawn with cairo and the WenQuanYi Zen Hei font (fonts-wqy-zenhei, found as
// the ticket printer finds it: devices/ticket_printer/cjk_font_file.h).
//
// The page shows the hall, the case code large, the matter, the applicant
// (masked), the materials received and those still to be supplemented, when
// it was accepted, the promised working days and date, the clerk and window,
// a QR code of the status page, and at the bottom the electronic seal
// "电子签章 (SM2)" with the key id and the signature. A receipt whose lists
// do not fit on one page continues on the next.
//
// For offline verification the PDF also carries, in its Info dictionary,
// the signed text: Subject = canonicalPayload(receipt) and
// Keywords = "sm2:<key id>:<base64 signature>" (receipt_verification.h reads
// them back).
//
// Safe from any thread: each call draws on its own surface; the font face is
// loaded once per process and cairo serialises its use.
#pragma once

#include <string>
#include <string_view>

#include "portal/domain/receipt.h"
#include "wf/status.h"

namespace portal::documents {

// The Keywords entry of a receipt PDF: "sm2:" + key id + ":" + signature.
std::string receiptKeywords(std::string_view key_id, std::string_view signature);

// The PDF's bytes. `signature`: HallSigner::sign(canonicalPayload(receipt));
// `key_id`: HallSigner::keyId(). InvalidArgument naming the field when a
// text is not valid UTF-8 or holds control characters, or when the case
// code, matter name or status URL is empty (or the URL too long for a QR
// code); Unavailable when no Chinese font is installed (the message names
// the package) or cairo fails.
wf::Result<std::string> renderReceiptPdf(const hall::domain::Receipt& receipt,
                                         std::string_view signature, std::string_view key_id);

}  // namespace portal::documents
