// Verifying receipts: a rendered PDF verifies from its bytes alone; a byte
// changed in the signed payload, a signature of another key, or a PDF that
// is no receipt does not.
#include "portal/documents/receipt_verification.h"

#include <gtest/gtest.h>

#include "portal/documents/receipt_pdf.h"
#include "support/sample_receipt.h"

namespace portal::documents {
namespace {

using hall::test::sampleReceipt;

HallSigner newSigner() {
  wf::Result<HallSigner> s = HallSigner::generate();
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

std::string signedPdf(const hall::domain::Receipt& r, const HallSigner& signer) {
  const wf::Result<std::string> pdf =
      renderReceiptPdf(r, signer.sign(hall::domain::canonicalPayload(r)), signer.keyId());
  EXPECT_TRUE(pdf.ok()) << pdf.status().toString();
  return pdf.ok() ? *pdf : std::string();
}

std::string caseCodeOf(const wf::Status& status) {
  const wf::Value* code = status.details().find("caseCode");
  return code != nullptr ? code->asString() : std::string();
}

// The hex digits of the UTF-16 Subject cairo wrote.
size_t subjectHexAt(const std::string& pdf) {
  const size_t at = pdf.find("/Subject <FEFF");
  EXPECT_NE(at, std::string::npos);
  return at + std::string("/Subject <FEFF").size();
}

TEST(ReceiptVerification, ARenderedReceiptVerifiesFromItsBytes) {
  const HallSigner hall = newSigner();
  const wf::Result<VerifiedReceipt> verified =
      verifyReceiptPdf(signedPdf(sampleReceipt(), hall), hall);
  ASSERT_TRUE(verified.ok()) << verified.status().toString();
  EXPECT_EQ(verified->receipt, sampleReceipt());
  EXPECT_EQ(verified->receipt.case_code, "31010520261129A1000042K");
  EXPECT_EQ(verified->key_id, hall.keyId());
}

TEST(ReceiptVerification, AByteChangedInThePayloadFails) {
  const HallSigner hall = newSigner();
  const std::string pdf = signedPdf(sampleReceipt(), hall);
  // promisedDays 10 → 19: the '0' is UTF-16 "0030" in the hex Subject.
  std::string later = pdf;
  const size_t days =
      later.find("0031003000", later.find("00700072006F006D0069007300650064004400610079007300"));
  ASSERT_NE(days, std::string::npos);
  later[days + 7] = '9';
  const wf::Result<VerifiedReceipt> r1 = verifyReceiptPdf(later, hall);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.status().code(), wf::StatusCode::PermissionDenied) << r1.status().toString();
  EXPECT_EQ(caseCodeOf(r1.status()), "31010520261129A1000042K");
  EXPECT_NE(r1.status().message().find("does not match"), std::string::npos);

  // Any single hex digit of the payload changed: refused one way or another.
  const size_t from = subjectHexAt(pdf);
  const size_t to = pdf.find('>', from);
  for (size_t i = from; i < to; i += 37) {
    std::string flipped = pdf;
    flipped[i] = flipped[i] == '0' ? '1' : '0';
    const wf::Result<VerifiedReceipt> r = verifyReceiptPdf(flipped, hall);
    EXPECT_FALSE(r.ok()) << "digit " << i - from;
  }
}

TEST(ReceiptVerification, AReceiptSignedByAnotherKeyFails) {
  const HallSigner hall = newSigner();
  const HallSigner forger = newSigner();
  const wf::Result<VerifiedReceipt> foreign =
      verifyReceiptPdf(signedPdf(sampleReceipt(), forger), hall);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().code(), wf::StatusCode::PermissionDenied);
  EXPECT_NE(foreign.status().message().find(forger.keyId()), std::string::npos);

  // Even when it claims the hall's key id.
  const hall::domain::Receipt r = sampleReceipt();
  const wf::Result<std::string> claimed =
      renderReceiptPdf(r, forger.sign(hall::domain::canonicalPayload(r)), hall.keyId());
  ASSERT_TRUE(claimed.ok());
  const wf::Result<VerifiedReceipt> lie = verifyReceiptPdf(*claimed, hall);
  ASSERT_FALSE(lie.ok());
  EXPECT_EQ(lie.status().code(), wf::StatusCode::PermissionDenied);
}

TEST(ReceiptVerification, APdfThatIsNoReceiptIsInvalid) {
  const HallSigner hall = newSigner();
  const wf::Result<VerifiedReceipt> junk = verifyReceiptPdf("not a pdf", hall);
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.status().code(), wf::StatusCode::InvalidArgument);

  const std::string other =
      "%PDF-1.4\n1 0 obj\n<< /Title (minutes) /Keywords (meeting) >>\nendobj\n"
      "trailer\n<< /Info 1 0 R >>\n%%EOF\n";
  const wf::Result<VerifiedReceipt> minutes = verifyReceiptPdf(other, hall);
  ASSERT_FALSE(minutes.ok());
  EXPECT_EQ(minutes.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(minutes.status().message().find("Subject"), std::string::npos);
}

TEST(ReceiptVerification, AStoredReceiptAndItsSignature) {
  const HallSigner hall = newSigner();
  const hall::domain::Receipt r = sampleReceipt();
  const std::string signature = hall.sign(hall::domain::canonicalPayload(r));
  EXPECT_TRUE(verifyReceiptSignature(r, signature, hall).isOk());
  hall::domain::Receipt changed = r;
  changed.materials_pending.clear();
  const wf::Status st = verifyReceiptSignature(changed, signature, hall);
  EXPECT_EQ(st.code(), wf::StatusCode::PermissionDenied);
  EXPECT_EQ(caseCodeOf(st), r.case_code);
}

}  // namespace
}  // namespace portal::documents
