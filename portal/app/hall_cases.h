// HallCases: intake and acceptance as `hall serve` runs it — the matter
// catalogue read from the models folder (models/catalogue), the case store
// on the engine's database, the vault, the hall's SM2 signing key
// (HALL_SIGNING_KEY, or hall-sign.pem beside the database, made on first
// start), the CaseDesk, and its routes; the licence usage list at intake
// (IntakeLicences, "not connected" until useLicenceLookup()).
//
// Destroy it after the web server has stopped: the routes refer to it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "portal/documents/hall_signer.h"
#include "portal/domain/case_desk.h"
#include "portal/domain/catalogue.h"
#include "portal/domain/intake_licences.h"
#include "portal/store/sm4_vault.h"
#include "portal/store/soci_case_store.h"
#include "portal/web/case_routes.h"
#include "portal/web/licence_check_routes.h"
#include "portal/web/router.h"

namespace hall::app {

struct HallCasesOptions {
  std::string db_url;
  std::filesystem::path catalogue_dir;  // models/catalogue
  std::string status_url_base;          // the receipt's QR: base + case code
  std::string node = "01";              // this node in the case code
};

class HallCases {
 public:
  static wf::Result<std::unique_ptr<HallCases>> open(wf::Engine& engine,
                                                     const HallCasesOptions& options);
  ~HallCases();

  void addTo(portal::web::Router& router) {
    routes_->addTo(router);
    licence_routes_->addTo(router);
  }
  // Intake asks the city's e-licence library which licences the applicant
  // holds (用证清单). Call before the server starts; `lookup` must outlive
  // this.
  void useLicenceLookup(hall::domain::LicenceLookup& lookup) { licences_->useLookup(lookup); }
  // At start: the processes a crash left with no case (CaseDesk).
  wf::Result<int> cancelUnrecorded() { return desk_->cancelUnrecorded(); }
  const hall::domain::Catalogue& catalogue() const { return catalogue_; }
  hall::domain::CaseDesk& desk() { return *desk_; }
  // The window each clerk is signed in to: where they accept (CaseRoutes).
  void setWindowOfClerk(std::function<std::string(const std::string& login)> window_of) {
    routes_->setWindowOfClerk(std::move(window_of));
  }

 private:
  // The hall's SM2 key as the case desk's receipt signer.
  class Signer final : public hall::domain::ReceiptSigner {
   public:
    explicit Signer(const portal::documents::HallSigner& key) : key_(key) {}
    std::string sign(std::string_view data) const override { return key_.sign(data); }
    std::string keyId() const override { return key_.keyId(); }

   private:
    const portal::documents::HallSigner& key_;
  };

  HallCases() = default;

  wf::SystemClock clock_;
  hall::domain::Catalogue catalogue_;
  std::unique_ptr<hall::store::SociCaseStore> store_;
  std::unique_ptr<hall::store::Sm4Vault> vault_;
  std::optional<portal::documents::HallSigner> key_;
  std::unique_ptr<Signer> signer_;
  std::unique_ptr<hall::domain::CaseDesk> desk_;
  std::unique_ptr<portal::web::CaseRoutes> routes_;
  std::unique_ptr<hall::domain::IntakeLicences> licences_;
  std::unique_ptr<portal::web::LicenceCheckRoutes> licence_routes_;
};

}  // namespace hall::app
