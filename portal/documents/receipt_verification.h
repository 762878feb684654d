// Checking a receipt (受理凭证): that the hall signed exactly this text with
// its SM2 key. Two ways in: a stored receipt and its signature (what
// GET /api/v1/receipts/{code}/verify does), or a PDF someone downloaded,
// whose Info dictionary carries the signed payload and the signature
// (receipt_pdf.h) — so it can be checked from the file alone.
//
// What is verified is the payload in the metadata, not the drawing on the
// page: a verifier shows the signed facts it returns, and those are what
// count.
//
// Pure functions over a HallSigner; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "portal/documents/hall_signer.h"
#include "portal/domain/receipt.h"
#include "wf/status.h"

namespace portal::documents {

struct VerifiedReceipt {
  hall::domain::Receipt receipt;  // the signed facts, case_code among them
  std::string key_id;             // the key that signed: the hall's
  std::string signature;          // base64, as on the page
};

// OK when `signature` is the hall's signature of canonicalPayload(receipt);
// PermissionDenied otherwise (details {"caseCode": …}).
wf::Status verifyReceiptSignature(const hall::domain::Receipt& receipt, std::string_view signature,
                                  const HallSigner& signer);

// The receipt a PDF carries, when the hall's key signed it. InvalidArgument
// when the bytes are not a hall receipt PDF (no Info dictionary, no
// "sm2:<key id>:<signature>" Keywords, a Subject that is not a canonical
// receipt payload); PermissionDenied when the signature does not verify —
// the payload was altered, or another key signed it (the message says which
// key id it names). Errors carry details {"caseCode": …} once the case code
// could be read.
wf::Result<VerifiedReceipt> verifyReceiptPdf(std::string_view pdf_bytes, const HallSigner& signer);

}  // namespace portal::documents
