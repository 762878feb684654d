#include "tools/citysim/waybill_application.h"

#include <algorithm>
#include <array>

#include "portal/domain/id_number.h"
#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

constexpr std::array<std::string_view, 16> kDistricts = {
    "黄浦区", "徐汇区", "长宁区",   "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
    "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区"};

// Member `name` of `body`: an object, else refused naming it.
wf::Result<const wf::Value*> objectMember(const wf::Value& body, const std::string& name) {
  const wf::Value* v = body.find(name);
  if (v == nullptr || v->isNull()) return fieldRefused(name, "is required");
  if (!v->isObject()) {
    return fieldRefused(name, std::string("must be an object, not ") + jsonTypeName(*v));
  }
  return v;
}

}  // namespace

bool isShanghaiDistrict(std::string_view district) {
  return std::find(kDistricts.begin(), kDistricts.end(), district) != kDistricts.end();
}

wf::Value WaybillApplication::toValue() const {
  return wf::Value(wf::Object{
      {"caseCode", wf::Value(case_code)},
      {"item", wf::Value(wf::Object{{"licenceNumber", wf::Value(item_licence_number)},
                                    {"name", wf::Value(item_name)}})},
      {"sender",
       wf::Value(wf::Object{{"name", wf::Value(sender.name)},
                            {"phone", sender.phone.empty() ? wf::Value() : wf::Value(sender.phone)},
                            {"address", wf::Value(sender.address)}})},
      {"recipient", wf::Value(wf::Object{{"name", wf::Value(recipient.name)},
                                         {"phone", wf::Value(recipient.phone)},
                                         {"address", wf::Value(recipient.address)},
                                         {"district", wf::Value(recipient.district)}})},
  });
}

std::string WaybillApplication::fingerprint() const { return toValue().toJson(); }

wf::Result<WaybillApplication> parseWaybillApplication(std::string_view body) {
  std::string error;
  const std::optional<wf::Value> json = wf::Value::parseJson(body, &error);
  if (!json) return fieldRefused("body", "is not JSON (" + error + ")");
  if (!json->isObject()) return fieldRefused("body", "must be a JSON object");

  WaybillApplication a;
  ASSIGN_OR_RETURN(a.case_code, requiredString(*json, "caseCode"));
  if (!isCaseCode(a.case_code)) {
    return fieldRefused("caseCode", "must be 23 characters of 0-9 and A-Z (统一办件编码)");
  }
  ASSIGN_OR_RETURN(const wf::Value* item, objectMember(*json, "item"));
  ASSIGN_OR_RETURN(a.item_licence_number,
                   requiredStringAt(*item, "licenceNumber", "item.licenceNumber"));
  ASSIGN_OR_RETURN(a.item_name, requiredStringAt(*item, "name", "item.name"));

  ASSIGN_OR_RETURN(const wf::Value* sender, objectMember(*json, "sender"));
  ASSIGN_OR_RETURN(a.sender.name, requiredStringAt(*sender, "name", "sender.name"));
  ASSIGN_OR_RETURN(a.sender.address, requiredStringAt(*sender, "address", "sender.address"));
  if (const wf::Value* phone = sender->find("phone"); phone != nullptr && !phone->isNull()) {
    ASSIGN_OR_RETURN(a.sender.phone, requiredStringAt(*sender, "phone", "sender.phone"));
  }

  ASSIGN_OR_RETURN(const wf::Value* recipient, objectMember(*json, "recipient"));
  ASSIGN_OR_RETURN(a.recipient.name, requiredStringAt(*recipient, "name", "recipient.name"));
  ASSIGN_OR_RETURN(a.recipient.phone, requiredStringAt(*recipient, "phone", "recipient.phone"));
  if (!hall::domain::validPhone(a.recipient.phone)) {
    return fieldRefused("recipient.phone", "must be a mainland mobile number (11 digits, 1…)");
  }
  ASSIGN_OR_RETURN(a.recipient.address,
                   requiredStringAt(*recipient, "address", "recipient.address"));
  ASSIGN_OR_RETURN(a.recipient.district,
                   requiredStringAt(*recipient, "district", "recipient.district"));
  if (!isShanghaiDistrict(a.recipient.district)) {
    return fieldRefused(
        "recipient.district",
        "must be a district of Shanghai (黄浦区 … 崇明区), not '" + a.recipient.district + "'");
  }
  return a;
}

}  // namespace hall::citysim
