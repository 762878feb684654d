#include "tools/cli/option_reader.h"

namespace hall::cli {

bool OptionReader::next() {
  if (next_ == args_.size()) return false;
  word_ = args_[next_++];
  name_ = word_;
  inline_value_.reset();
  if (const size_t eq = word_.find('='); word_.rfind("--", 0) == 0 && eq != std::string::npos) {
    inline_value_ = word_.substr(eq + 1);
    name_ = word_.substr(0, eq);
  }
  return true;
}

wf::Result<std::string> OptionReader::value() {
  if (inline_value_) return *inline_value_;
  if (next_ == args_.size()) return wf::Status::invalid(name_ + " needs a value");
  return args_[next_++];
}

wf::Status OptionReader::unknown() const { return wf::Status::invalid("unknown option " + word_); }

}  // namespace hall::cli
