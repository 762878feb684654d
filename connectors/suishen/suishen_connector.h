// SuishenConnector: 随申码, the citizen code a visitor shows on a phone. A
// ticket machine scans it; verify() asks the city's 随申码 service
// (POST /codes/verify) who holds it. The kiosk waits for the answer, so this
// is a plain call through the CityClient (signing, in-call retries, the
// breaker) and nothing is written: a verification that fails is simply
// tried again by the visitor.
//
// Thread-safety: verify() may run on many request threads at once.
#pragma once

#include <string>

#include "connectors/common/city_client.h"
#include "wf/status.h"

namespace connectors {

struct SuishenHolder {
  std::string name;
  std::string id_number;
  std::string phone;  // empty when the platform gives none
};

class SuishenConnector {
 public:
  explicit SuishenConnector(CityClient& client) : client_(client) {}

  // InvalidArgument with details {"field": "suishenCode", "reason": the
  // platform's code (CODE_EXPIRED, CODE_INVALID, …)} for a code the platform
  // refuses; Unavailable when it cannot be reached, refuses the hall itself
  // (a signature the platform does not accept), or answers without a holder.
  wf::Result<SuishenHolder> verify(const std::string& code);

 private:
  CityClient& client_;
};

}  // namespace connectors
