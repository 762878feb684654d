#include "devices/ticket_printer/gb18030.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>

namespace devices::printer {
namespace {

// Closes the converter on every return path.
class Converter {
 public:
  Converter() : cd_(iconv_open("GB18030", "UTF-8")) {}
  ~Converter() {
    if (valid()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  bool valid() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

}  // namespace

PrintResult<std::string> toGb18030(std::string_view utf8, std::string_view field) {
  Converter converter;
  if (!converter.valid()) {
    return PrintError{
        "", std::string("iconv cannot convert UTF-8 to GB18030: ") + std::strerror(errno)};
  }
  std::string input(utf8);  // iconv wants a mutable pointer
  // GB18030 needs at most 4 bytes per code point, and UTF-8 at least 1.
  std::string output(input.size() * 4, '\0');
  char* in = input.data();
  size_t in_left = input.size();
  char* out = output.data();
  size_t out_left = output.size();
  if (iconv(converter.get(), &in, &in_left, &out, &out_left) == static_cast<size_t>(-1)) {
    const size_t offset = input.size() - in_left;
    if (errno == EILSEQ || errno == EINVAL) {
      return PrintError{std::string(field), "cannot be encoded in GB18030 (byte " +
                                                std::to_string(offset) +
                                                " is invalid UTF-8 or has no GB18030 form)"};
    }
    return PrintError{std::string(field),
                      std::string("GB18030 conversion failed: ") + std::strerror(errno)};
  }
  output.resize(output.size() - out_left);
  return output;
}

}  // namespace devices::printer
