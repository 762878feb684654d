#include "portal/app/hall_connectors.h"

#include "connectors/common/platform_config.h"
#include "portal/app/hall_people.h"
#include "portal/app/hall_vault.h"
#include "portal/web/secret_file.h"

namespace hall::app {

// The case desk as the connectors' directory of licence holders.
class HallConnectors::CaseHolders final : public connectors::HolderDirectory {
 public:
  explicit CaseHolders(hall::domain::CaseDesk& desk) : desk_(desk) {}

  wf::Result<connectors::LicenceHolder> holderOf(const std::string& case_code) override {
    ASSIGN_OR_RETURN(hall::domain::CaseApplicant applicant, desk_.applicantOf(case_code));
    return connectors::LicenceHolder{std::move(applicant.name), "ID_CARD",
                                     std::move(applicant.id_number)};
  }

 private:
  hall::domain::CaseDesk& desk_;
};

HallConnectors::~HallConnectors() = default;

wf::Result<std::unique_ptr<HallConnectors>> HallConnectors::open(
    wf::Engine& engine, hall::domain::CaseDesk& desk, const HallConnectorsOptions& options,
    std::ostream& out) {
  std::unique_ptr<HallConnectors> hall(new HallConnectors());
  if (!std::filesystem::is_directory(options.connectors_dir)) return hall;
  ASSIGN_OR_RETURN(const auto platforms, connectors::readPlatformConfigs(options.connectors_dir));
  const auto elicense = platforms.find("elicense");
  if (elicense == platforms.end()) return hall;
  const connectors::PlatformConfig& config = elicense->second;
  const std::string base_url =
      !config.base_url.empty() ? config.base_url : options.city_url.value_or("");
  if (base_url.empty()) {
    out << "connectors: " << config.name
        << ": no city address (--city), so the hall issues licences from its own register\n";
    return hall;
  }
  ASSIGN_OR_RETURN(
      const portal::web::SecretFile key,
      portal::web::SecretFile::load(
          config.key_env.empty() ? std::nullopt : environment(config.key_env.c_str()),
          portal::web::SecretFile::dirForDatabase(options.db_url),
          config.key_file.empty() ? config.id + ".key" : config.key_file, "city platform key"));
  hall->holders_ = std::make_unique<CaseHolders>(desk);
  hall->elicense_client_ =
      std::make_unique<connectors::CityClient>(config, base_url, key.value, HallPeople::nowMillis);
  hall->elicense_ = std::make_unique<connectors::ElicenseConnector>(
      *hall->elicense_client_, *hall->holders_, HallPeople::nowMillis);
  hall->elicense_->registerWith(engine);
  out << "connectors: " << config.name << " at " << base_url << config.path_prefix << " (key from "
      << (key.file.empty() ? config.key_env : key.file.string()) << ")\n";
  return hall;
}

}  // namespace hall::app
