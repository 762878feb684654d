#include "city_requests.h"

#include <gtest/gtest.h>

namespace hall::citysim::test {

wf::Object withChanges(wf::Object base, const wf::Object& changes) {
  for (const auto& [name, value] : changes) {
    if (value.isNull()) {
      base.erase(name);
    } else {
      base[name] = value;
    }
  }
  return base;
}

wf::Object bookingObject(const std::string& hall, const std::string& queue, int64_t start,
                         int64_t end, const wf::Object& changes) {
  wf::Object o{{"hallCode", wf::Value(hall)},
               {"queue", wf::Value(queue)},
               {"matterCode", wf::Value("00012310600001")},
               {"matterName", wf::Value("食品经营许可")},
               {"slotStart", wf::Value(start)},
               {"slotEnd", wf::Value(end)},
               {"holder", wf::Value(wf::Object{{"name", wf::Value("王小明")},
                                               {"idNumber", wf::Value(kHolderId)},
                                               {"phone", wf::Value(kHolderPhone)}})}};
  return withChanges(std::move(o), changes);
}

std::string booking(const std::string& hall, const std::string& queue, int64_t start, int64_t end,
                    const wf::Object& changes) {
  return wf::Value(bookingObject(hall, queue, start, end, changes)).toJson();
}

std::string bookAppointment(CitysimClient& client, const std::string& body,
                            const std::string& key) {
  const Reply reply = client.post(kAppointments, body, {{"Idempotency-Key", key}});
  EXPECT_EQ(reply.status, 201) << reply.body;
  const wf::Value* code = reply.json.find("code");
  return code != nullptr && code->isString() ? code->asString() : std::string();
}

std::string suishenCode(CitysimClient& client, const std::string& name,
                        const std::string& id_number, int64_t ttl_ms) {
  const wf::Value body(wf::Object{
      {"name", wf::Value(name)}, {"idNumber", wf::Value(id_number)}, {"ttlMs", wf::Value(ttl_ms)}});
  const Reply reply = client.post(kSuishenCodes, body.toJson());
  EXPECT_EQ(reply.status, 201) << reply.body;
  const wf::Value* code = reply.json.find("code");
  return code != nullptr && code->isString() ? code->asString() : std::string();
}

int64_t simStat(CitysimClient& client, const std::string& platform, const std::string& name) {
  const Reply reply = client.sendRaw("GET", "/_sim/stats", "", {});
  const wf::Value* p = reply.json.find(platform);
  const wf::Value* v = p != nullptr ? p->find(name) : nullptr;
  return v != nullptr && v->isNumber() ? static_cast<int64_t>(v->asNumber()) : -1;
}

}  // namespace hall::citysim::test
