// The receipt PDF: a real PDF with the Chinese text on the page (read back
// with poppler's pdftotext when it is installed), the signed payload in its
// metadata, and refusal of text that cannot be printed.
#include "portal/documents/receipt_pdf.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "portal/documents/hall_signer.h"
#include "portal/documents/pdf_info.h"
#include "support/sample_receipt.h"
#include "support/temp_dir.h"

namespace portal::documents {
namespace {

using hall::test::sampleReceipt;

constexpr const char* kPdfToText = "/usr/bin/pdftotext";

std::string render(const hall::domain::Receipt& r, const HallSigner& signer) {
  const wf::Result<std::string> pdf =
      renderReceiptPdf(r, signer.sign(hall::domain::canonicalPayload(r)), signer.keyId());
  EXPECT_TRUE(pdf.ok()) << pdf.status().toString();
  return pdf.ok() ? *pdf : std::string();
}

// The text of `pdf` as pdftotext reads it, or nullopt when poppler-utils is
// not installed.
std::optional<std::string> pdfText(const std::string& pdf, int* pages = nullptr) {
  if (!std::filesystem::exists(kPdfToText)) return std::nullopt;
  hall::test::TempDir dir;
  const std::filesystem::path in = dir.path() / "receipt.pdf";
  const std::filesystem::path out = dir.path() / "receipt.txt";
  {
    std::ofstream file(in, std::ios::binary);
    file << pdf;
  }
  const std::string command =
      std::string(kPdfToText) + " -enc UTF-8 '" + in.string() + "' '" + out.string() + "'";
  const int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
  std::ifstream file(out);
  std::ostringstream text;
  text << file.rdbuf();
  if (pages != nullptr) {
    const std::string s = text.str();
    *pages = 0;
    for (char c : s) *pages += c == '\f' ? 1 : 0;  // pdftotext ends each page with a form feed
  }
  return text.str();
}

HallSigner signer() {
  wf::Result<HallSigner> s = HallSigner::generate();
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

// pdftotext keeps the words of a line but not always their spacing.
std::string withoutSpaces(std::string text) {
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  return text;
}

TEST(ReceiptPdf, IsAPdfThatCarriesThePayloadAndSignature) {
  const HallSigner hall = signer();
  const std::string pdf = render(sampleReceipt(), hall);
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
  const auto info = readPdfInfo(pdf);
  ASSERT_TRUE(info.ok()) << info.status().toString();
  EXPECT_EQ(info->at("Subject"), hall::domain::canonicalPayload(sampleReceipt()));
  EXPECT_TRUE(info->at("Keywords").starts_with("sm2:" + hall.keyId() + ":"));
  EXPECT_EQ(info->at("Title"), "受理凭证 31010520261129A1000042K");
  EXPECT_EQ(info->at("Author"), "长宁区行政服务中心");
}

TEST(ReceiptPdf, TheSameReceiptAndSignatureGiveTheSameBytes) {
  // Stored or re-rendered on another node, a receipt is the same file.
  const HallSigner hall = signer();
  const std::string signature = hall.sign(hall::domain::canonicalPayload(sampleReceipt()));
  const wf::Result<std::string> a = renderReceiptPdf(sampleReceipt(), signature, hall.keyId());
  const wf::Result<std::string> b = renderReceiptPdf(sampleReceipt(), signature, hall.keyId());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(ReceiptPdf, ThePageShowsTheReceiptInChinese) {
  const HallSigner hall = signer();
  const std::optional<std::string> text = pdfText(render(sampleReceipt(), hall));
  if (!text) GTEST_SKIP() << kPdfToText << " not found: install poppler-utils (tools/setup-deps)";
  const std::string flat = withoutSpaces(*text);
  for (const char* expected :
       {"受理凭证", "长宁区行政服务中心", "31010520261129A1000042K", "食品经营许可证核发", "张*",
        "110105********002X", "营业执照复印件", "经营场所平面图（含设备布局）",
        "法定代表人身份证明", "2026-11-2910:05", "10个工作日", "2026-12-11", "李四", "综合窗口3",
        "电子签章(SM2)", "已收材料（2件）", "待补正材料（1件）"}) {
    EXPECT_NE(flat.find(withoutSpaces(expected)), std::string::npos)
        << "missing " << expected << " in:\n"
        << *text;
  }
  EXPECT_NE(flat.find(hall.keyId()), std::string::npos);
}

TEST(ReceiptPdf, ALongListContinuesOnTheNextPage) {
  hall::domain::Receipt r = sampleReceipt();
  r.materials_received.clear();
  for (int i = 1; i <= 40; ++i) r.materials_received.push_back("材料第" + std::to_string(i) + "项");
  const HallSigner hall = signer();
  int pages = 0;
  const std::optional<std::string> text = pdfText(render(r, hall), &pages);
  if (!text) GTEST_SKIP() << kPdfToText << " not found: install poppler-utils (tools/setup-deps)";
  EXPECT_EQ(pages, 2) << *text;
  const std::string flat = withoutSpaces(*text);
  EXPECT_NE(flat.find("受理凭证（续）"), std::string::npos);
  EXPECT_NE(flat.find("材料第40项"), std::string::npos);
  EXPECT_LT(flat.find("材料第40项"), flat.find("电子签章"));
}

TEST(ReceiptPdf, RefusesTextThatCannotBePrinted) {
  const HallSigner hall = signer();
  const auto refused_field = [&](const hall::domain::Receipt& r) {
    const wf::Result<std::string> pdf = renderReceiptPdf(r, "c2ln", hall.keyId());
    EXPECT_FALSE(pdf.ok());
    EXPECT_EQ(pdf.status().code(), wf::StatusCode::InvalidArgument);
    const wf::Value* field = pdf.status().details().find("field");
    return field != nullptr ? field->asString() : std::string();
  };
  hall::domain::Receipt r = sampleReceipt();
  r.matter_name = "食品\xE7\xBB";  // cut in the middle of a character
  EXPECT_EQ(refused_field(r), "matterName");
  r = sampleReceipt();
  r.clerk = "李\n四";
  EXPECT_EQ(refused_field(r), "clerk");
  r = sampleReceipt();
  r.materials_pending = {""};
  EXPECT_EQ(refused_field(r), "materialsPending");
  r = sampleReceipt();
  r.status_url.clear();
  EXPECT_EQ(refused_field(r), "statusUrl");
  r = sampleReceipt();
  r.status_url = "https://hall.example/" + std::string(5000, 'x');
  EXPECT_EQ(refused_field(r), "statusUrl");
}

}  // namespace
}  // namespace portal::documents
