// Intake and acceptance over the real catalogue (models/catalogue), the
// real engine with the matter processes, the SOCI case store and SM4
// vault on the engine's database, and the hall's SM2 key: a case gets a
// valid case code from a durable counter, its process starts under that
// code, its promised date is the engine's working-day due date, its
// receipt is signed, and nothing personal reaches the engine. A wrong
// request names its field and neither stores nor starts anything.
#include "portal/domain/case_desk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "portal/documents/hall_signer.h"
#include "portal/domain/case_code.h"
#include "portal/domain/catalogue_reader.h"
#include "portal/domain/hall_time.h"
#include "portal/store/sm4_vault.h"
#include "portal/store/soci_case_store.h"
#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::domain {
namespace {

namespace fs = std::filesystem;

const fs::path kModels = fs::path(HALL_SOURCE_DIR) / "models";
constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";
constexpr const char* kIdNumber = "11010519491231002X";

class KeySigner final : public ReceiptSigner {
 public:
  explicit KeySigner(const portal::documents::HallSigner& key) : key_(key) {}
  std::string sign(std::string_view data) const override { return key_.sign(data); }
  std::string keyId() const override { return key_.keyId(); }

 private:
  const portal::documents::HallSigner& key_;
};

class CaseDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto read = readCatalogue(kModels / "catalogue");
    ASSERT_TRUE(read.ok()) << read.status().message();
    catalogue_ = std::move(read).value();
    deploy(kModels / "calendar" / "cn-mainland.xml");
    deploy(kModels / "processes" / "matters" / "food-business.bpmn");
    auto store = hall::store::SociCaseStore::open(h_.dbUrl());
    ASSERT_TRUE(store.ok()) << store.status().toString();
    store_ = std::move(store).value();
    auto vault = hall::store::Sm4Vault::fromSecret("case desk test secret");
    ASSERT_TRUE(vault.ok());
    vault_.emplace(std::move(vault).value());
    auto key = portal::documents::HallSigner::generate();
    ASSERT_TRUE(key.ok());
    key_.emplace(std::move(key).value());
    signer_ = std::make_unique<KeySigner>(*key_);
    desk_ =
        std::make_unique<CaseDesk>(h_.engine(), catalogue_, *store_, *vault_, *signer_, h_.clock(),
                                   CaseDeskOptions{"310105", "A1", "https://hall/case.html?code="});
  }

  void deploy(const fs::path& path) {
    auto r = h_.engine().deploy(path.filename().string(), hall::test::readFile(path.string()));
    ASSERT_TRUE(r.ok()) << path << ": " << r.status().toString();
  }

  // A food business licence as a clerk would accept it: every question
  // answered with its first option, every material received but the last,
  // which is to be supplemented.
  AcceptRequest foodCase() {
    AcceptRequest r;
    r.subject = kFood;
    const auto questions = catalogue_.questions(kFood);
    EXPECT_TRUE(questions.ok());
    if (!questions.ok()) return r;
    const std::vector<const SituationQuestion*>& asked = *questions;
    for (const SituationQuestion* q : asked) r.answers[q->id] = q->options.front().id;
    const auto checklist = catalogue_.checklist(kFood, r.answers);
    EXPECT_TRUE(checklist.ok());
    if (!checklist.ok()) return r;
    const std::vector<ChecklistItem>& items = *checklist;
    for (const ChecklistItem& item : items) {
      if (item.bring) r.materials[item.material.id] = MaterialMark::Received;
    }
    r.materials.rbegin()->second = MaterialMark::Supplement;
    r.applicant_name = "王小明";
    r.applicant_id = kIdNumber;
    r.phone = "13812345678";
    r.clerk = "clerk01";
    r.window = "W01";
    return r;
  }

  size_t openTasks() {
    auto tasks = h_.engine().tasks(wf::TaskQuery{});
    return tasks.ok() ? tasks->size() : 0;
  }

  hall::test::EngineHarness h_;
  Catalogue catalogue_;
  std::unique_ptr<hall::store::SociCaseStore> store_;
  std::optional<hall::store::Sm4Vault> vault_;
  std::optional<portal::documents::HallSigner> key_;
  std::unique_ptr<KeySigner> signer_;
  std::unique_ptr<CaseDesk> desk_;
};

TEST_F(CaseDeskTest, AnAcceptedCaseHasItsCodeItsProcessItsPromisedDateAndASignedReceipt) {
  auto first = desk_->accept(foodCase());
  ASSERT_TRUE(first.ok()) << first.status().toString();
  auto second = desk_->accept(foodCase());
  ASSERT_TRUE(second.ok()) << second.status().toString();

  auto parts = parseCaseCode(first->case_code);
  ASSERT_TRUE(parts.ok()) << first->case_code << ": " << parts.status().message();
  EXPECT_EQ(parts->region, "310105");
  EXPECT_EQ(parts->node, "A1");
  EXPECT_EQ(parts->sequence, 1);
  EXPECT_EQ(parseCaseCode(second->case_code)->sequence, 2);

  // The process runs under the case code and waits for its departments.
  auto instance = h_.engine().instance(first->instance_id);
  ASSERT_TRUE(instance.ok());
  EXPECT_EQ(instance->business_key, first->case_code);
  EXPECT_EQ(instance->variables.find("caseCode")->asString(), first->case_code);
  wf::TaskQuery query;
  query.instance_id = first->instance_id;
  auto tasks = h_.engine().tasks(query);
  ASSERT_EQ(tasks->size(), 2u);
  int64_t latest_due = 0;
  for (const wf::TaskInfo& t : *tasks) latest_due = std::max(latest_due, t.due_at);
  EXPECT_EQ(first->promised_date, hallTime(latest_due).date);
  EXPECT_EQ(first->promised_days, catalogue_.matter(kFood)->promised_days);

  // Nothing personal in the engine; sealed and masked in the case.
  const std::string variables = instance->variables.toJson();
  for (const char* secret : {kIdNumber, "13812345678", "王小明"}) {
    EXPECT_EQ(variables.find(secret), std::string::npos) << secret;
  }
  auto stored = desk_->find(first->case_code);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->applicant_id_masked, "110105********002X");
  EXPECT_EQ(stored->applicant_name_masked, "王**");
  EXPECT_EQ(vault_->open(stored->applicant_id_sealed).value(), kIdNumber);
  EXPECT_EQ(stored->pending.size(), 1u);
  EXPECT_FALSE(stored->received.empty());

  // The receipt says what was accepted, and the hall's key signed exactly that.
  auto receipt = CaseDesk::receiptOf(*stored);
  ASSERT_TRUE(receipt.ok()) << receipt.status().message();
  EXPECT_EQ(receipt->case_code, first->case_code);
  EXPECT_EQ(receipt->status_url, "https://hall/case.html?code=" + first->case_code);
  EXPECT_EQ(receipt->materials_pending, stored->pending);
  EXPECT_TRUE(key_->verify(stored->receipt_payload, stored->receipt_signature));
  EXPECT_FALSE(key_->verify(stored->receipt_payload + " ", stored->receipt_signature));

  auto mine = desk_->recent("clerk01", 10);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ(mine->front().case_code, second->case_code);
  EXPECT_TRUE(desk_->recent("clerk02", 10)->empty());
}

// An e-licence the library did not have (用证清单): the clerk took the
// paper and marked it, and the case records the paper; unmarked ones are
// fetched by the hall.
TEST_F(CaseDeskTest, AnELicenceTheClerkMarkedIsRecordedAsThePaper) {
  AcceptRequest request = foodCase();
  request.materials["business-licence"] = MaterialMark::Received;
  auto accepted = desk_->accept(request);
  ASSERT_TRUE(accepted.ok()) << accepted.status().toString();
  const std::vector<std::string>& received = accepted->received;
  const auto has = [&](const std::string& name) {
    return std::find(received.begin(), received.end(), name) != received.end();
  };
  EXPECT_TRUE(has("营业执照"));
  EXPECT_FALSE(has("营业执照(电子证照)"));
  EXPECT_TRUE(has("法定代表人（负责人、经营者）身份证明(电子证照)"));
}

TEST_F(CaseDeskTest, AWrongRequestNamesItsFieldAndStoresAndStartsNothing) {
  struct Case {
    std::function<void(AcceptRequest&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](AcceptRequest& r) { r.subject = "no-such-matter"; }, "subject"},
      {[](AcceptRequest& r) { r.answers.erase(r.answers.begin()); }, "situation."},
      {[](AcceptRequest& r) { r.applicant_name.clear(); }, "applicantName"},
      {[](AcceptRequest& r) { r.applicant_id = "110105194912310021"; }, "applicantId"},
      {[](AcceptRequest& r) { r.phone = "12345"; }, "phone"},
      {[](AcceptRequest& r) { r.materials.erase(r.materials.begin()); }, "materials."},
      {[](AcceptRequest& r) { r.materials["not-on-the-list"] = MaterialMark::Received; },
       "materials.not-on-the-list"},
  };
  const size_t tasks_before = openTasks();
  for (const Case& c : cases) {
    AcceptRequest request = foodCase();
    c.spoil(request);
    auto accepted = desk_->accept(request);
    ASSERT_FALSE(accepted.ok()) << c.field;
    EXPECT_EQ(accepted.status().code(), wf::StatusCode::InvalidArgument) << c.field;
    EXPECT_EQ(accepted.status().message().rfind(c.field, 0), 0u)
        << c.field << ": " << accepted.status().message();
  }
  EXPECT_TRUE(desk_->recent("", 100)->empty());
  EXPECT_EQ(openTasks(), tasks_before);
  // The counter was not used up by refused requests.
  auto accepted = desk_->accept(foodCase());
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(parseCaseCode(accepted->case_code)->sequence, 1);
}

TEST_F(CaseDeskTest, AProcessACrashLeftWithoutItsCaseIsCancelledAndRecordedCasesRunOn) {
  wf::Result<CaseRecord> accepted = desk_->accept(foodCase());
  ASSERT_TRUE(accepted.ok()) << accepted.status().toString();
  // As if the hall died between starting the process and recording the case.
  const std::string orphan_code = makeCaseCode({"310105", 20261129, "A1", 999});
  auto orphan = h_.engine().startInstance(
      "matter-food-business", wf::Value(wf::Object{{"caseCode", wf::Value(orphan_code)}}),
      orphan_code);
  ASSERT_TRUE(orphan.ok()) << orphan.status().toString();
  // Not a case code: not acceptance's, left alone.
  auto other = h_.engine().startInstance("matter-food-business", wf::Value(wf::Object{}), "demo");
  ASSERT_TRUE(other.ok());

  wf::Result<int> cancelled = desk_->cancelUnrecorded();
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().toString();
  EXPECT_EQ(*cancelled, 1);
  EXPECT_NE(h_.engine().instance(orphan->id)->ended_at, 0);
  EXPECT_EQ(h_.engine().instance(accepted->instance_id)->ended_at, 0);
  EXPECT_EQ(h_.engine().instance(other->id)->ended_at, 0);
  EXPECT_EQ(*desk_->cancelUnrecorded(), 0) << "a second start finds nothing more";
}

}  // namespace
}  // namespace hall::domain
