// The e-licence library as a test sets it: the licences each holder has,
// or a failure for every call; it counts the calls and keeps the last
// identity asked about.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "portal/domain/licence_lookup.h"

namespace hall::test {

class FakeLicenceLookup final : public hall::domain::LicenceLookup {
 public:
  wf::Result<std::vector<hall::domain::HolderLicence>> licencesOf(
      const std::string& id_type, const std::string& id_number) override {
    ++calls;
    last_id_type = id_type;
    last_id_number = id_number;
    if (failure) return *failure;
    const auto found = held.find(id_number);
    return found == held.end() ? std::vector<hall::domain::HolderLicence>() : found->second;
  }

  std::map<std::string, std::vector<hall::domain::HolderLicence>> held;  // by holder id
  std::optional<wf::Status> failure;
  int calls = 0;
  std::string last_id_type, last_id_number;
};

}  // namespace hall::test
