// Receipt (受理凭证): what the hall tells an applicant when it accepts a case
// — the case code, the matter, what was received and what is still to come,
// and by when the hall promises a result. The hall signs the receipt's
// canonical payload with its SM2 key (portal/documents/hall_signer.h) and
// prints it as a PDF (portal/documents/receipt_pdf.h).
//
// The applicant's name and identity number are already masked here: a
// receipt is handed out and may be shown to anyone, so it never holds more.
//
// A plain value; the functions are pure and safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wf/status.h"

namespace hall::domain {

struct Receipt {
  std::string case_code;                        // 统一办件编码, case_code.h
  std::string matter_code;                      // the catalogue's matter code
  std::string matter_name;                      // "食品经营许可证核发"
  std::string applicant_name;                   // masked: "张*"
  std::string applicant_id_masked;              // "310105********002X"
  std::string clerk;                            // who accepted it
  std::string window;                           // "综合窗口 3"
  std::string department;                       // the deciding department
  std::vector<std::string> materials_received;  // in the order received
  std::vector<std::string> materials_pending;   // to be supplemented (待补正)
  std::string accepted_at;                      // Beijing local "2026-11-29 10:05"
  std::string promised_date;                    // "2026-12-11"
  int promised_days = 0;                        // working days
  std::string status_url;                       // the case's status page (the QR code)

  bool operator==(const Receipt&) const = default;
};

// The version tag inside every payload; a verifier refuses others.
inline constexpr std::string_view kReceiptPayloadFormat = "hall-receipt/1";

// The text that is signed: compact JSON (UTF-8, no insignificant space),
// keys in byte order, camelCase field names, plus {"format": "hall-receipt/1"}.
// The same receipt always gives the same bytes.
std::string canonicalPayload(const Receipt& receipt);

// The receipt back from a payload, for verifying a downloaded PDF.
// InvalidArgument naming the field when it is not a canonical payload of
// this format (every field present with its type, nothing else, and
// canonicalPayload of the result giving `payload` back byte for byte).
wf::Result<Receipt> parseReceiptPayload(std::string_view payload);

}  // namespace hall::domain
