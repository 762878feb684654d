#include "devices/ticket_printer/qr_matrix.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace devices::printer {

PrintResult<QrMatrix> QrMatrix::encode(std::string_view content, std::string_view field) {
  if (content.empty()) return PrintError{std::string(field), "must not be empty"};
  if (content.find('\0') != std::string_view::npos) {
    return PrintError{std::string(field), "must not contain a NUL byte"};
  }
  const std::string text(content);  // NUL-terminated for libqrencode
  errno = 0;
  // Case-sensitive, with digits and upper-case runs in their compact modes and
  // everything else (UTF-8 included) as 8-bit bytes.
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (code == nullptr) {
    if (errno == ERANGE) {
      return PrintError{std::string(field),
                        "too long for a QR code (" + std::to_string(text.size()) + " bytes)"};
    }
    return PrintError{std::string(field),
                      std::string("QR encoding failed: ") + std::strerror(errno)};
  }
  const int size = code->width;
  std::vector<bool> dark(static_cast<size_t>(size) * static_cast<size_t>(size));
  for (size_t i = 0; i < dark.size(); ++i) dark[i] = (code->data[i] & 1) != 0;
  return QrMatrix(size, std::move(dark));
}

}  // namespace devices::printer
