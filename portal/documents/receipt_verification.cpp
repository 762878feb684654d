#include "portal/documents/receipt_verification.h"

#include <map>
#include <utility>

#include "portal/documents/pdf_info.h"

namespace portal::documents {

namespace {

wf::Value caseDetails(const std::string& case_code) {
  return wf::Value(wf::Object{{"caseCode", wf::Value(case_code)}});
}

wf::Status denied(const std::string& case_code, const std::string& why) {
  return wf::Status(wf::StatusCode::PermissionDenied, "receipt " + case_code + ": " + why,
                    caseDetails(case_code));
}

}  // namespace

wf::Status verifyReceiptSignature(const hall::domain::Receipt& receipt, std::string_view signature,
                                  const HallSigner& signer) {
  if (!signer.verify(hall::domain::canonicalPayload(receipt), signature)) {
    return denied(receipt.case_code,
                  "the signature does not match the hall's key " + signer.keyId());
  }
  return wf::Status::ok();
}

wf::Result<VerifiedReceipt> verifyReceiptPdf(std::string_view pdf_bytes, const HallSigner& signer) {
  wf::Result<std::map<std::string, std::string>> info = readPdfInfo(pdf_bytes);
  if (!info.ok()) {
    return wf::Status::invalid("not a hall receipt PDF: " + info.status().message());
  }
  const auto subject = info->find("Subject");
  const auto keywords = info->find("Keywords");
  if (subject == info->end() || keywords == info->end()) {
    return wf::Status::invalid(
        "not a hall receipt PDF: its document information has no Subject (the signed receipt) "
        "or no Keywords (the signature)");
  }
  constexpr std::string_view kScheme = "sm2:";
  const std::string& tag = keywords->second;
  const size_t colon = tag.find(':', kScheme.size());
  if (!tag.starts_with(kScheme) || colon == std::string::npos) {
    return wf::Status::invalid(
        "not a hall receipt PDF: Keywords is not \"sm2:<key id>:<signature>\"");
  }
  VerifiedReceipt out;
  out.key_id = tag.substr(kScheme.size(), colon - kScheme.size());
  out.signature = tag.substr(colon + 1);

  wf::Result<hall::domain::Receipt> receipt = hall::domain::parseReceiptPayload(subject->second);
  if (!receipt.ok()) {
    return wf::Status::invalid("not a hall receipt PDF, or an altered one: " +
                               receipt.status().message());
  }
  out.receipt = std::move(receipt).value();
  if (out.key_id != signer.keyId()) {
    return denied(out.receipt.case_code,
                  "signed with key " + out.key_id + ", not the hall's key " + signer.keyId());
  }
  if (!signer.verify(subject->second, out.signature)) {
    return denied(out.receipt.case_code,
                  "the signature does not match its content (altered after signing?)");
  }
  return out;
}

}  // namespace portal::documents
