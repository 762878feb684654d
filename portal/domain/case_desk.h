// CaseDesk: intake and acceptance (收件 / 受理) at a window. The clerk picks
// a matter or a "一件事" theme from the catalogue, answers its situation
// questions, marks each material of the checklist received or to be
// supplemented (容缺), and accepts: the case gets its case code (统一办件编码,
// case_code.h) from this node's durable daily counter, the matter's or
// theme's process starts with the case code as business key, and the
// acceptance receipt (受理凭证) is signed by the hall (ReceiptSigner) and
// kept with the case. The promised completion date is the latest due date
// the process gave its approval tasks (the engine counts the promised
// working days on the hall's calendar); an immediate matter (即办件) is due
// the same day.
//
// At a window with a fingerprint reader, the clerk's finger is checked
// (FingerprintCheck) after the request is found good and before anything is
// numbered, stored or started; a refused finger leaves no trace here.
//
// Identity and phone numbers are sealed (PersonalDataVault) and shown
// masked; nothing personal goes into the engine's variables but the
// masked name.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/domain/catalogue.h"
#include "portal/domain/fingerprint_check.h"
#include "portal/domain/personal_data_vault.h"
#include "portal/domain/receipt.h"
#include "wf/engine.h"
#include "wf/ports/clock.h"

namespace hall::domain {

// One material as the clerk marked it.
enum class MaterialMark { Received, Supplement };

struct AcceptRequest {
  std::string subject;                         // a matter code or a theme id
  std::map<std::string, std::string> answers;  // situation question id → option id
  std::string applicant_name;
  std::string applicant_id;  // GB 11643 resident ID number
  std::string phone;         // optional, for notifications
  // Material id → mark; every item of the checklist the applicant must
  // bring needs one. E-licences (bring=false) are fetched by the hall
  // unless marked (the paper was taken: the library had none valid).
  std::map<std::string, MaterialMark> materials;
  std::string clerk;   // login
  std::string window;  // window id; optional
};

struct CaseRecord {
  std::string case_code;
  std::string instance_id;
  std::string subject;  // matter code or theme id
  std::string subject_name;
  std::string process_key;
  std::string applicant_name_masked;
  std::string applicant_name_sealed;  // in full, for the licence's holder
  std::string applicant_id_sealed;
  std::string applicant_id_masked;
  std::string phone_sealed;
  std::string phone_masked;
  std::string clerk;
  std::string window;
  bool fingerprint_confirmed = false;  // the window's reader confirmed the clerk's finger
  int64_t accepted_at = 0;             // epoch millis
  std::string promised_date;           // "2026-12-11"
  int promised_days = 0;
  std::vector<std::string> received;  // material names
  std::vector<std::string> pending;   // to be supplemented
  std::string receipt_payload;        // canonicalPayload of the receipt
  std::string receipt_signature;
  std::string receipt_key_id;
};

// Who applied, in full: only for what must name them (a licence's holder).
struct CaseApplicant {
  std::string name;
  std::string id_number;
  std::string phone;  // empty when none was given
};

// Where cases are kept (portal/store/soci_case_store).
class CaseStore {
 public:
  virtual ~CaseStore() = default;
  // The next case sequence of `node` on local date `day` (1, 2, …), durably.
  virtual wf::Result<int> nextCaseSequence(const std::string& node, int day) = 0;
  // Conflict when the case code exists.
  virtual wf::Status insert(const CaseRecord& record) = 0;
  virtual wf::Result<std::optional<CaseRecord>> find(const std::string& case_code) = 0;
  // Newest first; `clerk` empty: everyone's.
  virtual wf::Result<std::vector<CaseRecord>> recent(const std::string& clerk, int limit) = 0;
};

// The hall's signature on what it hands out (portal/documents' HallSigner).
class ReceiptSigner {
 public:
  virtual ~ReceiptSigner() = default;
  virtual std::string sign(std::string_view data) const = 0;
  virtual std::string keyId() const = 0;
};

struct CaseDeskOptions {
  std::string region = "310105";  // 长宁区
  std::string node = "01";        // this hall node: unique among nodes sharing a database
  std::string status_url_base;    // "https://hall.example/status.html?case=" — the receipt's QR
};

class CaseDesk {
 public:
  CaseDesk(wf::Engine& engine, const Catalogue& catalogue, CaseStore& store,
           const PersonalDataVault& vault, const ReceiptSigner& signer, const wf::Clock& clock,
           CaseDeskOptions options);

  // From now on, acceptance at a window with a fingerprint reader needs the
  // clerk's finger. Call before the desk is shared between threads; `check`
  // must outlive the desk.
  void confirmFingerprints(FingerprintCheck& check) { fingerprints_ = &check; }

  // Accepts a case; InvalidArgument naming the field (subject, situation.<q>,
  // applicantName, applicantId, phone, materials.<id>) and nothing stored or
  // started when the request is wrong, nor when the fingerprint check refuses
  // (FingerprintCheck::confirm's errors).
  wf::Result<CaseRecord> accept(const AcceptRequest& request);
  wf::Result<CaseRecord> find(const std::string& case_code);
  wf::Result<std::vector<CaseRecord>> recent(const std::string& clerk, int limit);
  // The receipt a case's signature covers.
  static wf::Result<Receipt> receiptOf(const CaseRecord& record);
  // The applicant in full (name, resident ID number, phone), unsealed for a
  // licence issued to them, the city's case library, a notice to their
  // phone; NotFound for no such case.
  wf::Result<CaseApplicant> applicantOf(const std::string& case_code);
  // After a crash between starting a case's process and recording the case
  // (the clerk got no answer and no receipt), its process runs with no case
  // to name it — and would reach the departments. Cancels every running
  // instance of a catalogue process whose business key is a case code that
  // names no recorded case; returns how many. `hall serve` calls it at start.
  wf::Result<int> cancelUnrecorded();

 private:
  std::string promisedDate(const std::string& instance_id, int64_t accepted_at) const;

  wf::Engine& engine_;
  const Catalogue& catalogue_;
  CaseStore& store_;
  const PersonalDataVault& vault_;
  const ReceiptSigner& signer_;
  const wf::Clock& clock_;
  CaseDeskOptions options_;
  FingerprintCheck* fingerprints_ = nullptr;
};

const char* materialMarkName(MaterialMark mark);
std::optional<MaterialMark> materialMarkFromName(std::string_view name);

}  // namespace hall::domain
