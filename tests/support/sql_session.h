// A plain SOCI session on a store URL (sqlite:… or postgresql:…), set up as
// the store sets up its own, for tests that look at or change rows directly.
#pragma once

#include <memory>
#include <string>

namespace soci {
class session;
}

namespace hall::test {

// Throws std::runtime_error for a bad URL, soci::soci_error when it cannot connect.
std::unique_ptr<soci::session> sqlSession(const std::string& db_url);

}  // namespace hall::test
