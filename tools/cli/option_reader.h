// OptionReader: the command line of a `hall` verb or tool, one option at a
// time, in the two spellings people type: `--port 8080` and `--port=8080`.
//
//   OptionReader options(args);
//   while (options.next()) {
//     if (options.flag("--demo")) …
//     else if (options.is("--port")) ASSIGN_OR_RETURN(text, options.value());
//     else return options.unknown();
//   }
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wf/status.h"

namespace hall::cli {

class OptionReader {
 public:
  explicit OptionReader(const std::vector<std::string>& args) : args_(args) {}

  // Moves to the next word; false after the last.
  bool next();
  // The option's name without an inline value ("--port" of "--port=8080").
  const std::string& name() const { return name_; }
  bool is(std::string_view name) const { return name_ == name; }
  // A switch: the name, and no "=value" after it.
  bool flag(std::string_view name) const { return name_ == name && !inline_value_; }
  // The inline value, or else the next word. InvalidArgument naming the
  // option when there is none.
  wf::Result<std::string> value();
  // InvalidArgument: "unknown option WORD".
  wf::Status unknown() const;

 private:
  const std::vector<std::string>& args_;
  size_t next_ = 0;
  std::string word_;
  std::string name_;
  std::optional<std::string> inline_value_;
};

}  // namespace hall::cli
