#include "portal/app/parcel_recipients.h"

#include "portal/domain/id_number.h"
#include "portal/web/api_request.h"

namespace hall::app {

namespace {

wf::Status refused(const std::string& member, const std::string& why) {
  const std::string field = "recipient." + member;
  return wf::Status::invalid(field + ": " + why, portal::web::fieldDetails(field));
}

wf::Result<std::string> text(const wf::Value& recipient, const std::string& member,
                             const char* label) {
  const wf::Value* v = recipient.find(member);
  if (v == nullptr || !v->isString() || v->asString().empty()) {
    return refused(member, std::string("请填写") + label);
  }
  if (v->asString().size() > 512) return refused(member, std::string(label) + "过长");
  return v->asString();
}

}  // namespace

wf::Result<wf::Value> ParcelRecipients::seal(const wf::Value* recipient) const {
  if (recipient == nullptr || !recipient->isObject()) {
    return wf::Status::invalid("recipient: 邮寄送达需填写收件人 {name, phone, address, district}",
                               portal::web::fieldDetails("recipient"));
  }
  ASSIGN_OR_RETURN(const std::string name, text(*recipient, "name", "收件人姓名"));
  ASSIGN_OR_RETURN(const std::string phone, text(*recipient, "phone", "收件人手机号"));
  if (!hall::domain::validPhone(phone)) return refused("phone", "请填写11位手机号");
  ASSIGN_OR_RETURN(const std::string address, text(*recipient, "address", "收件地址"));
  ASSIGN_OR_RETURN(const std::string district, text(*recipient, "district", "所在区"));
  const wf::Value plain(wf::Object{{"name", wf::Value(name)},
                                   {"phone", wf::Value(phone)},
                                   {"address", wf::Value(address)},
                                   {"district", wf::Value(district)}});
  return wf::Value(wf::Object{{"nameMasked", wf::Value(hall::domain::maskName(name))},
                              {"phoneMasked", wf::Value(hall::domain::maskPhone(phone))},
                              {"district", wf::Value(district)},
                              {"sealed", wf::Value(vault_.seal(plain.toJson()))}});
}

wf::Result<connectors::WaybillRecipient> ParcelRecipients::recipientOf(
    const wf::Value& sealed_recipient) {
  const wf::Value* sealed = sealed_recipient.find("sealed");
  if (sealed == nullptr || !sealed->isString()) {
    return wf::Status::invalid("recipient: not sealed by this hall");
  }
  ASSIGN_OR_RETURN(const std::string json, vault_.open(sealed->asString()));
  const std::optional<wf::Value> plain = wf::Value::parseJson(json);
  if (!plain || !plain->isObject())
    return wf::Status::internal("recipient: the sealed form is bad");
  const auto member = [&](const char* name) {
    const wf::Value* v = plain->find(name);
    return v != nullptr && v->isString() ? v->asString() : std::string();
  };
  return connectors::WaybillRecipient{member("name"), member("phone"), member("address"),
                                      member("district")};
}

}  // namespace hall::app
