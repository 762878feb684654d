#include "support/front_desk_harness.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "portal/domain/hall_layout_reader.h"
#include "portal/domain/window_lifecycle.h"

namespace hall::test {

namespace {

std::string readModel(const std::string& relative) {
  std::ifstream in(std::string(HALL_SOURCE_DIR) + "/models/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr const char* kInMemory = "sqlite::memory:";

std::function<void(wf::EngineOptions&)> engineStorage(HarnessStorage storage) {
  if (storage == HarnessStorage::File) return {};
  return [](wf::EngineOptions& options) { options.db_url = kInMemory; };
}

}  // namespace

void RecordingListener::called(const hall::domain::CallEvent& call) {
  std::lock_guard lock(mu_);
  calls_.push_back(call);
}

void RecordingListener::windowChanged(const hall::domain::WindowSession& session) {
  hall::domain::FrontDesk* desk = desk_;
  if (!desk) return;
  wf::Result<hall::domain::WindowView> view = desk->window(session.window);
  const std::string state =
      view.ok() ? hall::domain::windowStateName(view->session.state) : "unknown";
  std::lock_guard lock(mu_);
  window_states_.push_back(session.window + " " + state);
}

void RecordingListener::queueChanged(const std::string& queue) {
  std::lock_guard lock(mu_);
  queue_changes_.push_back(queue);
}

std::vector<hall::domain::CallEvent> RecordingListener::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

std::vector<std::string> RecordingListener::queueChanges() const {
  std::lock_guard lock(mu_);
  return queue_changes_;
}

std::vector<std::string> RecordingListener::windowStates() const {
  std::lock_guard lock(mu_);
  return window_states_;
}

void RecordingNotifier::notifyCall(const hall::domain::CallEvent& call) {
  std::lock_guard lock(mu_);
  calls_.push_back(call);
}

std::vector<hall::domain::CallEvent> RecordingNotifier::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

FrontDeskHarness::FrontDeskHarness(hall::domain::FrontDeskOptions options, HarnessStorage storage)
    : storage_(storage), engine_(engineStorage(storage)), options_(std::move(options)) {
  engine_.clock().set(kMondayMorning);
  for (const char* model : {"processes/visit.bpmn", "rules/call_priority.dmn"}) {
    wf::Result<wf::DeploymentResult> deployed = engine_.engine().deploy(model, readModel(model));
    EXPECT_TRUE(deployed.ok()) << model << ": " << deployed.status().toString();
  }
  const hall::domain::ReadHallLayoutResult read =
      hall::domain::readHallLayout("hall/changning.xml", readModel("hall/changning.xml"));
  EXPECT_TRUE(read.layout) << "models/hall/changning.xml does not read";
  layout_ = read.layout;
  wf::Result<hall::store::Sm4Vault> vault =
      hall::store::Sm4Vault::fromSecret("front-desk-test-master-secret-0123456789");
  EXPECT_TRUE(vault.ok());
  vault_ = std::make_unique<hall::store::Sm4Vault>(std::move(vault).value());
  openDesk();
}

FrontDeskHarness::~FrontDeskHarness() = default;

void FrontDeskHarness::openDesk() {
  listener_.readBackFrom(nullptr);
  desk_.reset();
  store_.reset();
  wf::Result<std::unique_ptr<hall::store::SociHallStore>> store = hall::store::SociHallStore::open(
      storage_ == HarnessStorage::File ? engine_.dbUrl() : kInMemory);
  ASSERT_TRUE(store.ok()) << store.status().toString();
  store_ = std::move(store).value();
  hall::domain::FrontDeskPorts ports;
  ports.engine = &engine_.engine();
  ports.store = store_.get();
  ports.vault = vault_.get();
  ports.clock = &engine_.clock();
  ports.listener = active_listener_;
  ports.suishen = suishen_;
  ports.notifier = &notifier_;
  wf::Result<std::unique_ptr<hall::domain::FrontDesk>> desk =
      hall::domain::FrontDesk::open(*layout_, ports, options_);
  ASSERT_TRUE(desk.ok()) << desk.status().toString();
  desk_ = std::move(desk).value();
  listener_.readBackFrom(desk_.get());
}

void FrontDeskHarness::restartDesk() { openDesk(); }

void FrontDeskHarness::useSuishen(hall::domain::SuishenVerifier* verifier) {
  suishen_ = verifier;
  openDesk();
}

void FrontDeskHarness::useListener(hall::domain::FrontDeskListener* listener) {
  active_listener_ = listener;
  openDesk();
}

hall::domain::TicketView FrontDeskHarness::issue(const std::string& queue,
                                                 hall::domain::TicketChannel channel,
                                                 const std::string& id_number) {
  hall::domain::TicketRequest request;
  request.queue = queue;
  request.channel = channel;
  request.id_number = id_number;
  wf::Result<hall::domain::TicketView> issued = desk_->issue(request);
  EXPECT_TRUE(issued.ok()) << issued.status().toString();
  return issued.ok() ? *issued : hall::domain::TicketView{};
}

void FrontDeskHarness::signIn(const std::vector<std::string>& windows) {
  for (const std::string& w : windows) {
    wf::Result<hall::domain::WindowView> signed_in = desk_->signIn(w, "clerk " + w);
    EXPECT_TRUE(signed_in.ok()) << w << ": " << signed_in.status().toString();
  }
}

}  // namespace hall::test
