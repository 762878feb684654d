// CityLicenceLookup: the e-licence connector's usage list (用证清单) as the
// hall's LicenceLookup, for intake (IntakeLicences). A plain read per
// call; thread-safe as the connector is.
#pragma once

#include <string>
#include <vector>

#include "connectors/elicense/elicense_connector.h"
#include "portal/domain/licence_lookup.h"

namespace hall::app {

class CityLicenceLookup final : public hall::domain::LicenceLookup {
 public:
  explicit CityLicenceLookup(connectors::ElicenseConnector& connector) : connector_(connector) {}

  wf::Result<std::vector<hall::domain::HolderLicence>> licencesOf(
      const std::string& id_type, const std::string& id_number) override {
    ASSIGN_OR_RETURN(const std::vector<connectors::HeldLicence> held,
                     connector_.licencesOf(id_type, id_number));
    std::vector<hall::domain::HolderLicence> out;
    out.reserve(held.size());
    for (const connectors::HeldLicence& l : held) {
      out.push_back({l.id, l.number, l.type_code, l.name, l.status, l.valid_until});
    }
    return out;
  }

 private:
  connectors::ElicenseConnector& connector_;
};

}  // namespace hall::app
