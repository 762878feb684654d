#include "portal/domain/case_delivery.h"

#include <string>

namespace hall::domain {

namespace {

const wf::Value* member(const wf::Value* object, const char* name) {
  return object != nullptr && object->isObject() ? object->find(name) : nullptr;
}

std::string textOf(const wf::Value* value) {
  return value != nullptr && value->isString() ? value->asString() : std::string();
}

const char* labelOf(const std::string& status) {
  if (status == "created") return "待揽收";
  if (status == "collected") return "已揽收";
  if (status == "in-transit") return "运输中";
  if (status == "delivered") return "已签收";
  return "待寄出";
}

}  // namespace

std::optional<wf::Value> caseDeliveryOf(const wf::InstanceInfo& instance) {
  const wf::Value& variables = instance.variables;
  const wf::Value* recipient = member(&variables, "recipient");
  if (textOf(member(&variables, "delivery")) != "express" || recipient == nullptr) {
    return std::nullopt;
  }
  const std::string waybill_no = textOf(member(member(&variables, "waybill"), "number"));
  std::string status = textOf(member(member(&variables, "expressEvent"), "event"));
  if (status != "collected" && status != "in-transit" && status != "delivered") {
    status = waybill_no.empty() ? "pending" : "created";
  }
  // The case ends once the platform says it was delivered.
  if (instance.ended_at != 0 && !waybill_no.empty()) status = "delivered";
  wf::Object shown;
  for (const char* name : {"nameMasked", "phoneMasked", "district"}) {
    if (const wf::Value* v = member(recipient, name)) shown.emplace(name, *v);
  }
  return wf::Value(wf::Object{
      {"waybillNo", waybill_no.empty() ? wf::Value() : wf::Value(waybill_no)},
      {"status", wf::Value(status)},
      {"statusLabel", wf::Value(labelOf(status))},
      {"recipient", wf::Value(std::move(shown))},
  });
}

}  // namespace hall::domain
