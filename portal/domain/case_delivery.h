// Where a certificate sent by express stands, from its case's process
// instance (the matter and theme models: after 出证 by express the waybill
// task `send_express` sets `waybill`, and the platform's callbacks set
// `expressEvent`): {waybillNo (null until the platform gave one), status
// (pending | created | collected | in-transit | delivered), statusLabel
// (待寄出, 待揽收, 已揽收, 运输中, 已签收), recipient {nameMasked,
// phoneMasked, district}} — only what may be shown; the recipient in full
// stays sealed.
#pragma once

#include <optional>

#include "wf/records.h"
#include "wf/value.h"

namespace hall::domain {

// nullopt unless the case was handed over by express to a recipient.
std::optional<wf::Value> caseDeliveryOf(const wf::InstanceInfo& instance);

}  // namespace hall::domain
