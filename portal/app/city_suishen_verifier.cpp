#include "portal/app/city_suishen_verifier.h"

namespace hall::app {

wf::Result<hall::domain::SuishenVerifier::Holder> CitySuishenVerifier::verify(
    const std::string& code) {
  wf::Result<connectors::SuishenHolder> holder = connector_.verify(code);
  if (holder.ok()) return Holder{std::move(holder->id_number), std::move(holder->name)};
  if (holder.status().code() == wf::StatusCode::InvalidArgument) return holder.status();
  return wf::Status(
      wf::StatusCode::Unavailable,
      "suishenCode: 随申码 cannot be verified now (" + holder.status().message() + ")",
      wf::Value(wf::Object{{"field", wf::Value("suishenCode")}}));
}

}  // namespace hall::app
