#include "portal/app/hall_cases.h"

#include "portal/app/hall_vault.h"
#include "portal/domain/catalogue_reader.h"
#include "portal/web/secret_file.h"

namespace hall::app {

HallCases::~HallCases() = default;

wf::Result<std::unique_ptr<HallCases>> HallCases::open(wf::Engine& engine,
                                                       const HallCasesOptions& options) {
  std::unique_ptr<HallCases> cases(new HallCases());
  ASSIGN_OR_RETURN(cases->catalogue_, hall::domain::readCatalogue(options.catalogue_dir));
  ASSIGN_OR_RETURN(cases->store_, hall::store::SociCaseStore::open(options.db_url));
  ASSIGN_OR_RETURN(cases->vault_, openHallVault(options.db_url));
  ASSIGN_OR_RETURN(
      portal::documents::HallSigner key,
      portal::documents::HallSigner::load(
          environment(std::string(portal::documents::HallSigner::kEnvVariable).c_str()),
          portal::web::SecretFile::dirForDatabase(options.db_url)));
  cases->key_.emplace(std::move(key));
  cases->signer_ = std::make_unique<Signer>(*cases->key_);
  hall::domain::CaseDeskOptions desk;
  desk.node = options.node;
  desk.status_url_base = options.status_url_base;
  cases->desk_ = std::make_unique<hall::domain::CaseDesk>(engine, cases->catalogue_, *cases->store_,
                                                          *cases->vault_, *cases->signer_,
                                                          cases->clock_, desk);
  cases->routes_ = std::make_unique<portal::web::CaseRoutes>(*cases->desk_, cases->catalogue_,
                                                             engine, *cases->key_);
  cases->licences_ =
      std::make_unique<hall::domain::IntakeLicences>(cases->catalogue_, cases->clock_);
  cases->licence_routes_ = std::make_unique<portal::web::LicenceCheckRoutes>(*cases->licences_);
  return cases;
}

}  // namespace hall::app
