// FrontDeskHarness: the hall's front desk as the server runs it — the
// Changning layout, the visit process and the calling decision from
// models/, a real engine and SociHallStore on one SQLite file, the SM4 vault
// with a test key — under a fake clock set to a Monday morning in the hall.
// A listener records what the screens would be told, reading each changed
// window back from the desk as the device publisher does.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "portal/domain/front_desk.h"
#include "portal/store/sm4_vault.h"
#include "portal/store/soci_hall_store.h"
#include "support/engine_harness.h"

namespace hall::test {

class RecordingListener final : public hall::domain::FrontDeskListener {
 public:
  void called(const hall::domain::CallEvent& call) override;
  void windowChanged(const hall::domain::WindowSession& session) override;
  void queueChanged(const std::string& queue) override;

  std::vector<hall::domain::CallEvent> calls() const;
  std::vector<std::string> queueChanges() const;
  // "W01 idle" for each window change, its state as the desk then tells it.
  std::vector<std::string> windowStates() const;

  // The desk to read changed windows back from; null: none.
  void readBackFrom(hall::domain::FrontDesk* desk) { desk_ = desk; }

 private:
  std::atomic<hall::domain::FrontDesk*> desk_ = nullptr;
  mutable std::mutex mu_;
  std::vector<hall::domain::CallEvent> calls_;
  std::vector<std::string> queue_changes_;
  std::vector<std::string> window_states_;
};

// What visitors' phones would be told.
class RecordingNotifier final : public hall::domain::VisitorNotifier {
 public:
  void notifyCall(const hall::domain::CallEvent& call) override;
  std::vector<hall::domain::CallEvent> calls() const;

 private:
  mutable std::mutex mu_;
  std::vector<hall::domain::CallEvent> calls_;
};

// Where the engine and the hall store keep their rows: one SQLite file in a
// temporary folder (as the server does, durable: every commit waits for the
// disk), or SQLite in memory — each its own database, nothing on disk — for
// tests that play many commands and are about the hall's rules, not about
// what survives a crash. A restart in memory finds nothing.
enum class HarnessStorage { File, Memory };

class FrontDeskHarness {
 public:
  // 2026-11-30 (a Monday) 09:30 in Shanghai.
  static constexpr int64_t kMondayMorning = 1'796'002'200'000;

  explicit FrontDeskHarness(hall::domain::FrontDeskOptions options = {},
                            HarnessStorage storage = HarnessStorage::File);
  ~FrontDeskHarness();

  hall::domain::FrontDesk& desk() { return *desk_; }
  wf::Engine& engine() { return engine_.engine(); }
  FakeClock& clock() { return engine_.clock(); }
  EngineHarness& engineHarness() { return engine_; }
  hall::store::SociHallStore& store() { return *store_; }
  const hall::store::Sm4Vault& vault() const { return *vault_; }
  RecordingListener& listener() { return listener_; }
  RecordingNotifier& notifier() { return notifier_; }
  const hall::domain::HallLayout& layout() const { return *layout_; }

  // A new FrontDesk (and hall store connection) over the same database and
  // engine: what a restart of the server finds.
  void restartDesk();
  // Reopens the desk telling `listener` (not the recording one) what it does.
  void useListener(hall::domain::FrontDeskListener* listener);
  // Reopens the desk with a 随申码 verifier (none by default).
  void useSuishen(hall::domain::SuishenVerifier* verifier);

  // Issues a ticket; fails the test when refused.
  hall::domain::TicketView issue(
      const std::string& queue,
      hall::domain::TicketChannel channel = hall::domain::TicketChannel::WalkIn,
      const std::string& id_number = {});
  // Signs `clerk` in at each window; fails the test when refused.
  void signIn(const std::vector<std::string>& windows);

 private:
  void openDesk();

  HarnessStorage storage_;
  EngineHarness engine_;
  hall::domain::FrontDeskOptions options_;
  std::shared_ptr<const hall::domain::HallLayout> layout_;
  std::unique_ptr<hall::store::SociHallStore> store_;
  std::unique_ptr<hall::store::Sm4Vault> vault_;
  RecordingListener listener_;
  RecordingNotifier notifier_;
  hall::domain::FrontDeskListener* active_listener_ = &listener_;
  hall::domain::SuishenVerifier* suishen_ = nullptr;
  std::unique_ptr<hall::domain::FrontDesk> desk_;
};

}  // namespace hall::test
