// ParcelRecipients: whom a certificate sent by express goes to, as the hall
// keeps it — sealed at rest. The clerk's hand-over (出证 {delivery: express,
// recipient: {name, phone, address, district}}) is checked and becomes the
// case variable `recipient` = {nameMasked, phoneMasked, district, sealed}:
// name, phone and address only inside `sealed` (the hall's SM4 vault), so
// the engine's variables, history and logs never hold them in clear. The
// express connector opens it again when it asks for the waybill.
//
// Thread-safety: the vault is; no state of its own.
#pragma once

#include "connectors/express/express_connector.h"
#include "portal/domain/personal_data_vault.h"
#include "wf/value.h"

namespace hall::app {

class ParcelRecipients final : public connectors::RecipientDirectory {
 public:
  explicit ParcelRecipients(const hall::domain::PersonalDataVault& vault) : vault_(vault) {}

  // The hand-over's `recipient` member, checked (InvalidArgument naming
  // "recipient.<member>") and sealed.
  wf::Result<wf::Value> seal(const wf::Value* recipient) const;
  wf::Result<connectors::WaybillRecipient> recipientOf(const wf::Value& sealed_recipient) override;

 private:
  const hall::domain::PersonalDataVault& vault_;
};

}  // namespace hall::app
