// CaseRoutes: intake and acceptance at the window, and the receipt.
//   GET  /api/v1/catalogue?q=                 matters and themes (search by name or code)
//   GET  /api/v1/catalogue/{code}             one, with its situation questions
//   POST /api/v1/catalogue/{code}/checklist   {answers} → the materials for that situation,
//                                              each with its review points and whether
//                                              the applicant brings it (e-licences: no)
//   POST /api/v1/cases                        accept: {subject, answers, applicantName,
//                                              applicantId, phone?, materials: {id:
//                                              received | supplement}, window?} → 201;
//                                              a clerk accepts at the window they are
//                                              signed in to (a body `window` naming
//                                              another is 403); at a window with a
//                                              fingerprint reader the
//                                              clerk's finger first (FingerprintCheck):
//                                              409 / 403 and nothing made when refused
//   GET  /api/v1/cases?mine=true&limit=       recent cases, newest first
//   GET  /api/v1/cases/{code}                 one case (masked) and where its process stands;
//                                              sent by express: delivery {waybillNo, status}
//   GET  /api/v1/receipts/{code}/pdf          the signed receipt (受理凭证) as a PDF
//   GET  /api/v1/receipts/{code}/verify       public: whether the hall's signature on the
//                                              case's receipt holds, what it says, and
//                                              where the case stands (审批中, 待补正,
//                                              待领证, 已办结, 不予许可 — no reasons)
//   POST /api/v1/receipts/verify              public: the same for an uploaded receipt PDF
//
// Thread-safety: the CaseDesk and the engine are thread-safe; no state here.
#pragma once

#include <functional>
#include <string>

#include "portal/documents/hall_signer.h"
#include "portal/domain/case_desk.h"
#include "portal/web/router.h"

namespace portal::web {

class CaseRoutes {
 public:
  CaseRoutes(hall::domain::CaseDesk& desk, const hall::domain::Catalogue& catalogue,
             wf::Engine& engine, const portal::documents::HallSigner& signer)
      : desk_(desk), catalogue_(catalogue), engine_(engine), signer_(signer) {}

  void addTo(Router& router);

  // The window a clerk is signed in to ("" for none), from the front desk.
  // Set before the server starts; without it the body's `window` stands.
  void setWindowOfClerk(std::function<std::string(const std::string& login)> window_of) {
    window_of_ = std::move(window_of);
  }

  ApiResponse search(const ApiRequest& request);
  ApiResponse subject(const ApiRequest& request);
  ApiResponse checklist(const ApiRequest& request);
  ApiResponse accept(const ApiRequest& request);
  ApiResponse list(const ApiRequest& request);
  ApiResponse get(const ApiRequest& request);
  ApiResponse receiptPdf(const ApiRequest& request);
  ApiResponse verifyStored(const ApiRequest& request);
  ApiResponse verifyUploaded(const ApiRequest& request);

 private:
  // Where the case stands (stage, stageLabel: 审批中, 待补正 …).
  void addStage(wf::Object& out, const std::string& instance_id);

  hall::domain::CaseDesk& desk_;
  const hall::domain::Catalogue& catalogue_;
  wf::Engine& engine_;
  const portal::documents::HallSigner& signer_;
  std::function<std::string(const std::string&)> window_of_;
};

}  // namespace portal::web
