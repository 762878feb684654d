// hall-citysim: the city platforms the hall connects to (市电子证照库 first),
// simulated over HTTP with the contract's signing and injectable faults
// (README.md in this folder).
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/citysim/appointment_platform.h"
#include "tools/citysim/caselib_platform.h"
#include "tools/citysim/citysim_options.h"
#include "tools/citysim/citysim_server.h"
#include "tools/citysim/elicense_platform.h"
#include "tools/citysim/express_platform.h"
#include "tools/citysim/linesys_json_platform.h"
#include "tools/citysim/linesys_web_platform.h"
#include "tools/citysim/notify_platform.h"
#include "tools/citysim/onenet_platform.h"
#include "tools/citysim/rating_platform.h"
#include "tools/citysim/suishen_platform.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/termination_signals.h"

int main(int argc, char** argv) {
  using namespace hall::citysim;
  const std::vector<std::string> args(argv + 1, argv + argc);
  wf::Result<CitysimOptions> parsed = parseCitysimOptions(args);
  if (!parsed.ok()) {
    std::cerr << "hall-citysim: " << parsed.status().message() << "\n" << kCitysimUsage;
    return hall::cli::kExitUsage;
  }
  const CitysimOptions& options = *parsed;
  if (options.help) {
    std::cout << kCitysimUsage
              << "Serves the simulated city platforms: 市电子证照库 under /elicense/v1,\n"
                 "一网通办中台 under /onenet/v1, SMS / 随申办 push under /notify/v1,\n"
                 "市好差评 under /rating/v1, 市办件库 under /caselib/v1, the department line\n"
                 "systems under /linesys/, signed\n"
                 "with HMAC-SM3 (X-Ca-* headers), and /_sim/faults/{platform}, /_sim/stats.\n"
                 "Prints \"citysim serving at http://HOST:PORT\" once it listens; stops on\n"
                 "SIGINT or SIGTERM.\n";
    return hall::cli::kExitClean;
  }
  std::optional<std::string> env_key;
  if (const char* env = std::getenv("CITYSIM_KEY")) env_key = env;
  wf::Result<std::string> key = sharedKey(options, env_key);
  if (!key.ok()) {
    std::cerr << "hall-citysim: " << key.status().message() << "\n" << kCitysimUsage;
    return hall::cli::kExitUsage;
  }

  std::optional<std::string> env_sm2;
  if (const char* env = std::getenv("CITYSIM_CALLBACK_SM2_KEY")) env_sm2 = env;
  wf::Result<std::optional<connectors::Sm2Key>> sm2_key = callbackSm2Key(options, env_sm2);
  if (!sm2_key.ok()) {
    std::cerr << "hall-citysim: " << sm2_key.status().message() << "\n" << kCitysimUsage;
    return hall::cli::kExitUsage;
  }

  // Before any thread starts, so every thread inherits the mask.
  const sigset_t signals = hall::cli::terminationSignals();
  hall::cli::blockTerminationSignals(signals);
  signal(SIGPIPE, SIG_IGN);

  CitysimServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  server_options.app_key = options.app;
  server_options.key = *key;
  server_options.log_requests = !options.quiet;
  std::vector<std::unique_ptr<Platform>> platforms;
  platforms.push_back(std::make_unique<ElicensePlatform>(*key));
  platforms.push_back(std::make_unique<AppointmentPlatform>(std::time(nullptr)));
  platforms.push_back(std::make_unique<SuishenPlatform>(*key));
  platforms.push_back(std::make_unique<LinesysJsonPlatform>());
  platforms.push_back(std::make_unique<LinesysWebPlatform>(linesysWebAccounts(), 15 * 60 * 1000));
  platforms.push_back(std::make_unique<OnenetPlatform>());
  platforms.push_back(std::make_unique<NotifyPlatform>());
  platforms.push_back(std::make_unique<RatingPlatform>());
  platforms.push_back(std::make_unique<CaselibPlatform>());
  platforms.push_back(std::make_unique<ExpressPlatform>(
      *key, options.hall_url, std::chrono::milliseconds(options.express_step_ms), *sm2_key));
  wf::Result<std::unique_ptr<CitysimServer>> server =
      CitysimServer::start(std::move(server_options), std::move(platforms));
  if (!server.ok()) {
    std::cerr << "hall-citysim: " << server.status().message() << "\n";
    return hall::cli::kExitErrors;
  }
  std::cout << "citysim serving at " << (*server)->url() << std::endl;
  hall::cli::waitForTermination(signals);
  (*server)->stop();
  return hall::cli::kExitClean;
}
