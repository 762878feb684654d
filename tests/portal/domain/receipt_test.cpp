// The receipt's canonical payload: stable bytes for one receipt, and only
// canonical payloads read back.
#include "portal/domain/receipt.h"

#include <gtest/gtest.h>

#include <string>

#include "support/sample_receipt.h"

namespace hall::domain {
namespace {

// The shared sample, with a quote in a material name to escape.
Receipt sample() {
  Receipt r = hall::test::sampleReceipt();
  r.materials_pending = {"法定代表人身份证明 \"原件\""};
  return r;
}

TEST(Receipt, PayloadIsCompactJsonWithSortedKeys) {
  const std::string payload = canonicalPayload(sample());
  EXPECT_EQ(payload.rfind("{\"acceptedAt\":\"2026-11-29 10:05\",\"applicantIdMasked\":", 0), 0u)
      << payload;
  EXPECT_NE(payload.find("\"format\":\"hall-receipt/1\""), std::string::npos);
  EXPECT_NE(payload.find("\"matterName\":\"食品经营许可证核发\""), std::string::npos);
  EXPECT_NE(payload.find("\"promisedDays\":10,"), std::string::npos);
  EXPECT_NE(payload.find("\\\"原件\\\""), std::string::npos);
  EXPECT_EQ(payload.find(": "), std::string::npos);
  EXPECT_LT(payload.find("\"window\""), payload.size());
  EXPECT_LT(payload.find("\"statusUrl\""), payload.find("\"window\""));
}

TEST(Receipt, SameReceiptSameBytesAndAnyChangeShows) {
  EXPECT_EQ(canonicalPayload(sample()), canonicalPayload(sample()));
  Receipt later = sample();
  later.promised_days = 11;
  EXPECT_NE(canonicalPayload(later), canonicalPayload(sample()));
  Receipt reordered = sample();
  std::swap(reordered.materials_received[0], reordered.materials_received[1]);
  EXPECT_NE(canonicalPayload(reordered), canonicalPayload(sample()));
}

TEST(Receipt, PayloadReadsBackToTheSameReceipt) {
  const wf::Result<Receipt> back = parseReceiptPayload(canonicalPayload(sample()));
  ASSERT_TRUE(back.ok()) << back.status().toString();
  EXPECT_EQ(*back, sample());
}

TEST(Receipt, NonCanonicalOrForeignPayloadsAreRefused) {
  std::string payload = canonicalPayload(sample());
  EXPECT_FALSE(parseReceiptPayload(payload.substr(0, payload.size() - 1)).ok());

  std::string spaced = payload;
  spaced.insert(1, " ");
  const wf::Result<Receipt> r1 = parseReceiptPayload(spaced);
  ASSERT_FALSE(r1.ok());
  EXPECT_NE(r1.status().message().find("canonical"), std::string::npos);

  std::string other_format = payload;
  other_format.replace(other_format.find("hall-receipt/1"), 14, "hall-receipt/2");
  const wf::Result<Receipt> r2 = parseReceiptPayload(other_format);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().details().find("field")->asString(), "format");

  std::string days_as_text = payload;
  days_as_text.replace(days_as_text.find("\"promisedDays\":10"), 17, "\"promisedDays\":\"10\"");
  const wf::Result<Receipt> r3 = parseReceiptPayload(days_as_text);
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.status().details().find("field")->asString(), "promisedDays");

  EXPECT_FALSE(parseReceiptPayload("[]").ok());
}

}  // namespace
}  // namespace hall::domain
