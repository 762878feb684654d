#include "citysim_fixture.h"

#include "city_requests.h"

namespace hall::citysim::test {

wf::Object applicationObject(const wf::Object& changes) {
  wf::Object o{{"typeCode", wf::Value("SH-FOOD-01")},
               {"licenceName", wf::Value("食品经营许可证")},
               {"holder", wf::Value("上海某某餐饮有限公司")},
               {"holderIdType", wf::Value("USCC")},
               {"holderId", wf::Value(kCompanyUscc)},
               {"issuer", wf::Value("上海市长宁区市场监督管理局")},
               {"issuedOn", wf::Value("2026-11-29")},
               {"validUntil", wf::Value("2031-11-28")},
               {"caseCode", wf::Value(kCaseCode)},
               {"data", wf::Value(wf::Object{{"经营场所", wf::Value("长宁路1号")}})}};
  return withChanges(std::move(o), changes);
}

std::string application(const wf::Object& changes) {
  return wf::Value(applicationObject(changes)).toJson();
}

void CitysimTest::SetUp() {
  CitysimProcessOptions options;
  options.env = {{"CITYSIM_KEY", kTestKey}};
  wf::Result<std::unique_ptr<CitysimProcess>> started = CitysimProcess::start(options);
  ASSERT_TRUE(started.ok()) << started.status().message();
  sim_ = std::move(*started);
  client_ = std::make_unique<CitysimClient>(sim_->host(), sim_->port(), kTestKey);
}

// The simulator is killed with the fixture (SIGKILL): stopping it gracefully
// costs a quarter second (Poco's accept loop polls that often), and
// CitysimOptions tests that it exits cleanly on SIGTERM.
void CitysimTest::TearDown() { sim_.reset(); }

int64_t CitysimTest::stat(const std::string& name) { return statOf("elicense", name); }

int64_t CitysimTest::statOf(const std::string& platform_name, const std::string& name) {
  const Reply reply = control("GET", "/_sim/stats");
  EXPECT_EQ(reply.status, 200) << reply.body;
  const wf::Value* platform = reply.json.find(platform_name);
  const wf::Value* value = platform != nullptr ? platform->find(name) : nullptr;
  EXPECT_TRUE(value != nullptr && value->isNumber()) << reply.body;
  return value != nullptr && value->isNumber() ? static_cast<int64_t>(value->asNumber()) : -1;
}

std::string CitysimTest::issue(const std::string& body, const std::string& idempotency_key) {
  const Reply reply = client_->post(kLicences, body, {{"Idempotency-Key", idempotency_key}});
  EXPECT_EQ(reply.status, 201) << reply.body;
  const wf::Value* id = reply.json.find("licenceId");
  return id != nullptr && id->isString() ? id->asString() : std::string();
}

Reply CitysimTest::control(const std::string& method, const std::string& path,
                           const std::string& body) {
  return client_->sendRaw(method, path, body, {});
}

}  // namespace hall::citysim::test
