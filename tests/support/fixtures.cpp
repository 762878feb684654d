#include "support/fixtures.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace hall::test {

std::string fixturePath(const std::string& relative) {
  return std::string(HALL_SOURCE_DIR) + "/tests/fixtures/" + relative;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string fixture(const std::string& relative) { return readFile(fixturePath(relative)); }

std::string conformanceDir() {
  const std::string dir = HALL_CONFORMANCE_DIR;
  return std::filesystem::is_directory(dir) ? dir : std::string();
}

}  // namespace hall::test
