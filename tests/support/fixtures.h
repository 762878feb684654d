// Paths of test fixtures and of the shared conformance suites.
#pragma once

#include <string>

namespace hall::test {

// tests/fixtures/<relative>
std::string fixturePath(const std::string& relative);
// The whole content of a file; throws when it cannot be read.
std::string readFile(const std::string& path);
std::string fixture(const std::string& relative);
// ../shared/conformance, or "" when that folder is absent.
std::string conformanceDir();

}  // namespace hall::test
