// Reading a PDF's Info dictionary: the string forms cairo writes and those
// other writers use, the trailer's reference, and malformed files.
#include "portal/documents/pdf_info.h"

#include <gtest/gtest.h>

#include <string>

namespace portal::documents {
namespace {

std::string pdfWithInfo(const std::string& info_body, const std::string& trailer = "") {
  return "%PDF-1.5\n%\xB5\xED\xAE\xFB\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
         "6 0 obj\n" +
         info_body + "\nendobj\nxref\n0 7\ntrailer\n" +
         (trailer.empty() ? "<< /Size 7 /Root 1 0 R /Info 6 0 R >>" : trailer) +
         "\nstartxref\n0\n%%EOF\n";
}

TEST(PdfInfo, ReadsLiteralAndUtf16HexStrings) {
  // "食品(1)\\" as cairo writes non-ASCII text: UTF-16BE with a BOM, in hex.
  const std::string pdf = pdfWithInfo(
      "<< /Producer (cairo 1.16.0 \\(https://cairographics.org\\))\n"
      "   /Subject <FEFF98DF54C1002800310029005C>\n"
      "   /Keywords (sm2:abc+/=)\n"
      "   /Title <FE FF 00 41 d8 3d de 00>\n"
      "   /CreationDate (D:20261129100500+08'00)\n>>");
  const auto info = readPdfInfo(pdf);
  ASSERT_TRUE(info.ok()) << info.status().toString();
  EXPECT_EQ(info->at("Subject"), "食品(1)\\");
  EXPECT_EQ(info->at("Keywords"), "sm2:abc+/=");
  EXPECT_EQ(info->at("Producer"), "cairo 1.16.0 (https://cairographics.org)");
  EXPECT_EQ(info->at("Title"), "A\xF0\x9F\x98\x80");  // a surrogate pair
}

TEST(PdfInfo, UndoesEveryLiteralEscape) {
  const std::string pdf = pdfWithInfo(
      "<< /A (a\\nb\\tc\\\\d\\)e\\(f) /B (nested (paren) ok) /C (\\101\\60\\0601)"
      " /D (line\\\ncontinued) /E (cr\r\nlf) /F (\\q) >>");
  const auto info = readPdfInfo(pdf);
  ASSERT_TRUE(info.ok()) << info.status().toString();
  EXPECT_EQ(info->at("A"), "a\nb\tc\\d)e(f");
  EXPECT_EQ(info->at("B"), "nested (paren) ok");
  EXPECT_EQ(info->at("C"), "A001");
  EXPECT_EQ(info->at("D"), "linecontinued");
  EXPECT_EQ(info->at("E"), "cr\nlf");
  EXPECT_EQ(info->at("F"), "q");
}

TEST(PdfInfo, SkipsValuesThatAreNotStrings) {
  const std::string pdf = pdfWithInfo(
      "<< /N 12 /R 3 0 R /Arr [1 (x) <41> [2] << /k /v >>] /D << /In (no) >> /Name /Foo#20Bar"
      " /Bool true /S (yes) >>");
  const auto info = readPdfInfo(pdf);
  ASSERT_TRUE(info.ok()) << info.status().toString();
  EXPECT_EQ(info->size(), 1u);
  EXPECT_EQ(info->at("S"), "yes");
}

TEST(PdfInfo, FollowsTheLastInfoReference) {
  // An incremental update: a second Info object and trailer appended.
  std::string pdf = pdfWithInfo("<< /Subject (old) >>");
  pdf += "9 0 obj\n<< /Subject (new) >>\nendobj\ntrailer\n<< /Size 10 /Info 9 0 R >>\n%%EOF\n";
  const auto info = readPdfInfo(pdf);
  ASSERT_TRUE(info.ok()) << info.status().toString();
  EXPECT_EQ(info->at("Subject"), "new");
}

TEST(PdfInfo, MalformedFilesAreRefusedWithTheReason) {
  const auto message = [](const std::string& pdf) {
    const auto info = readPdfInfo(pdf);
    EXPECT_FALSE(info.ok());
    EXPECT_EQ(info.status().code(), wf::StatusCode::InvalidArgument);
    return info.status().message();
  };
  EXPECT_NE(message("hello").find("not a PDF"), std::string::npos);
  EXPECT_NE(message(pdfWithInfo("<< >>", "<< /Size 7 >>")).find("no Info"), std::string::npos);
  EXPECT_NE(message(pdfWithInfo("<< >>", "<< /Info 8 0 R >>")).find("8 0 obj"), std::string::npos);
  EXPECT_NE(message(pdfWithInfo("<< /S (unterminated >>")).find("does not end"), std::string::npos);
  EXPECT_NE(message(pdfWithInfo("<< /S <FEFFZZ> >>")).find("hex string"), std::string::npos);
  EXPECT_NE(message(pdfWithInfo("<< /S <FEFFD800> >>")).find("surrogate"), std::string::npos);
  std::string deep = "<< /S ";
  for (int i = 0; i < 100; ++i) deep += "[";
  EXPECT_NE(message(pdfWithInfo(deep)).find("too deep"), std::string::npos);
}

}  // namespace
}  // namespace portal::documents
