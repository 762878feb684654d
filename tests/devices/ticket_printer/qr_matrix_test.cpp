// The QR matrix is libqrencode's, module for module; empty and oversized
// contents are refused with the field named.
#include "devices/ticket_printer/qr_matrix.h"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <memory>
#include <string>

namespace devices::printer {
namespace {

constexpr const char* kUrl = "https://hall.example.cn/t/A001?k=7f3a9c";

TEST(QrMatrix, HasTheModulesLibqrencodeMakes) {
  const PrintResult<QrMatrix> matrix = QrMatrix::encode(kUrl, "status_url");
  ASSERT_TRUE(matrix.ok()) << matrix.error().describe();
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> reference(
      QRcode_encodeString(kUrl, 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  ASSERT_NE(reference, nullptr);
  ASSERT_EQ(matrix->size(), reference->width);
  int dark = 0;
  for (int y = 0; y < matrix->size(); ++y) {
    for (int x = 0; x < matrix->size(); ++x) {
      EXPECT_EQ(matrix->isDark(x, y), (reference->data[y * reference->width + x] & 1) != 0)
          << "module " << x << "," << y;
      dark += matrix->isDark(x, y) ? 1 : 0;
    }
  }
  EXPECT_GT(dark, 0);
  EXPECT_LT(dark, matrix->size() * matrix->size());
}

TEST(QrMatrix, GrowsWithTheContent) {
  const PrintResult<QrMatrix> small = QrMatrix::encode("https://a.cn/1", "status_url");
  const PrintResult<QrMatrix> large = QrMatrix::encode(std::string(300, 'x'), "status_url");
  ASSERT_TRUE(small.ok() && large.ok());
  EXPECT_LT(small->size(), large->size());
  EXPECT_EQ((large->size() - 17) % 4, 0);  // 17 + 4 × version modules
}

TEST(QrMatrix, RefusesEmptyContent) {
  const PrintResult<QrMatrix> matrix = QrMatrix::encode("", "status_url");
  ASSERT_FALSE(matrix.ok());
  EXPECT_EQ(matrix.error().describe(), "status_url: must not be empty");
}

TEST(QrMatrix, RefusesContentNoQrCodeHolds) {
  const PrintResult<QrMatrix> matrix = QrMatrix::encode(std::string(3000, 'x'), "status_url");
  ASSERT_FALSE(matrix.ok());
  EXPECT_EQ(matrix.error().field, "status_url");
  EXPECT_NE(matrix.error().message.find("too long"), std::string::npos) << matrix.error().message;
}

}  // namespace
}  // namespace devices::printer
