#include "portal/app/hall_rpa.h"

#include <fstream>
#include <sstream>

#include "connectors/rpa/json_line_system.h"
#include "connectors/rpa/rpa_script.h"
#include "connectors/rpa/web_robot.h"
#include "portal/app/hall_people.h"
#include "portal/app/hall_vault.h"
#include "portal/web/secret_file.h"

namespace hall::app {

namespace {

// The robot's credentials for a web line system, or nullopt (with why).
std::optional<connectors::WebCredentials> credentialsOf(const connectors::RpaScript& script,
                                                        const std::string& db_url,
                                                        std::string* why) {
  const std::optional<std::string> user =
      script.user_env.empty() ? std::nullopt : environment(script.user_env.c_str());
  const std::optional<std::string> password =
      script.password_env.empty() ? std::nullopt : environment(script.password_env.c_str());
  if (user && password && !user->empty()) return connectors::WebCredentials{*user, *password};
  if (!script.credentials_file.empty()) {
    const std::filesystem::path file =
        portal::web::SecretFile::dirForDatabase(db_url) / script.credentials_file;
    std::ifstream in(file);
    std::string file_user, file_password;
    if (in && std::getline(in, file_user) && std::getline(in, file_password) &&
        !file_user.empty()) {
      if (!file_password.empty() && file_password.back() == '\r') file_password.pop_back();
      if (file_user.back() == '\r') file_user.pop_back();
      return connectors::WebCredentials{file_user, file_password};
    }
    *why = "no credentials (" + script.user_env + "/" + script.password_env + ", or the file " +
           file.string() + ")";
    return std::nullopt;
  }
  *why = "no credentials (" + script.user_env + "/" + script.password_env + ")";
  return std::nullopt;
}

}  // namespace

wf::Result<std::unique_ptr<HallRpa>> HallRpa::open(
    wf::Engine& engine, const std::filesystem::path& scripts_dir,
    const std::map<std::string, connectors::PlatformConfig>& platforms,
    const std::optional<std::string>& city_url, const std::string& db_url, const KeyOf& key_of,
    std::ostream& out) {
  std::unique_ptr<HallRpa> rpa(new HallRpa());
  ASSIGN_OR_RETURN(const auto scripts, connectors::readRpaScripts(scripts_dir));
  std::string connected;
  for (const auto& [system, script] : scripts) {
    const auto platform = platforms.find(system);
    std::string base_url = script.base_url;
    if (base_url.empty() && platform != platforms.end()) base_url = platform->second.base_url;
    if (base_url.empty()) base_url = city_url.value_or("");
    if (base_url.empty()) {
      out << "connectors: " << script.name << ": no city address (--city), so rpa.push/rpa.fetch "
          << "of " << system << " are not connected\n";
      continue;
    }
    if (script.kind == "web") {
      std::string why;
      std::optional<connectors::WebCredentials> credentials = credentialsOf(script, db_url, &why);
      if (!credentials) {
        out << "connectors: " << script.name << ": " << why << ", so " << system
            << " is not connected\n";
        continue;
      }
      rpa->connector_.add(system, std::make_unique<connectors::WebRobot>(script, base_url,
                                                                         std::move(*credentials)));
    } else {
      if (platform == platforms.end()) {
        out << "connectors: " << script.name << ": no platform file " << system
            << ".xml (address, key), so it is not connected\n";
        continue;
      }
      ASSIGN_OR_RETURN(const std::string key, key_of(platform->second));
      rpa->clients_.push_back(std::make_unique<connectors::CityClient>(platform->second, base_url,
                                                                       key, HallPeople::nowMillis));
      rpa->connector_.add(
          system, std::make_unique<connectors::JsonLineSystem>(script, *rpa->clients_.back()));
    }
    connected += (connected.empty() ? "" : ", ") + system + " at " + base_url +
                 (script.kind == "web" ? script.path_prefix : platform->second.path_prefix);
  }
  if (!rpa->connector_.empty()) {
    rpa->connector_.registerWith(engine);
    out << "connectors: RPA line systems: " << connected << "\n";
  }
  return rpa;
}

}  // namespace hall::app
