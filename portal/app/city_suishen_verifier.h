// CitySuishenVerifier: the front desk's 随申码 port (SuishenVerifier,
// portal/domain/front_desk_ports.h) over the city's 随申码 service
// (connectors/suishen). A code the platform refuses is InvalidArgument on
// the field suishenCode (the kiosk asks for a fresh one); a platform that
// cannot answer is Unavailable on that field, and the front desk issues
// nothing. Without `hall serve --city` there is no verifier and the kiosk's
// 随申码 channel says it is not configured.
#pragma once

#include "connectors/suishen/suishen_connector.h"
#include "portal/domain/front_desk_ports.h"

namespace hall::app {

class CitySuishenVerifier final : public hall::domain::SuishenVerifier {
 public:
  explicit CitySuishenVerifier(connectors::SuishenConnector& connector) : connector_(connector) {}

  wf::Result<Holder> verify(const std::string& code) override;

 private:
  connectors::SuishenConnector& connector_;
};

}  // namespace hall::app
