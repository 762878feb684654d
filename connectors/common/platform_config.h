// PlatformConfig: how the hall reaches one city platform, read from
// models/connectors/<platform>.xml (namespace urn:hall:connectors:1) — data
// an analyst or operator edits, never code:
//
//   <platform xmlns="urn:hall:connectors:1" id="elicense" name="市电子证照库"
//             pathPrefix="/elicense/v1">
//     <endpoint baseUrl="" connectTimeoutMs="2000" timeoutMs="5000"/>
//     <retry attempts="3" firstBackoffMs="200" maxBackoffMs="2000"/>
//     <breaker failures="5" openMs="30000"/>
//     <key app="hall-changning" env="HALL_CITY_KEY" file="city.key"/>
//     <callback app="city-elicense"/>            (HMAC-SM3 with the key), or
//     <callback app="city-express" scheme="sm2" publicKey="express-callback.pem"
//               publicKeyEnv="HALL_EXPRESS_CALLBACK_PEM"/>
//     <licence matter="…" typeCode="SH-FOOD-01" name="食品经营许可证"
//              issuer="上海市长宁区市场监督管理局" validYears="5"/>
//     <sync hall="SH-CN-01" fetchEveryMs="300000" pushEveryMs="10000"
//           reportEveryMs="5000" noShowAfterMs="1800000"/>
//     <sender name="长宁区行政服务中心" address="…" phone="…"/>   (express)
//   </platform>
//
// An empty baseUrl means "the city address the hall was started with"
// (`hall serve --city`). The key itself is never in the file: `env` names
// the variable that holds it, `file` a file beside the database; so for a
// callback's SM2 public key (a PEM public key or certificate).
// Every error names file:line:col.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wf/diagnostic.h"
#include "wf/status.h"

namespace connectors {

inline constexpr const char* kConnectorNamespace = "urn:hall:connectors:1";

// Attempts within one run of a job, before the engine's own (durable)
// retries take over: exponential backoff with full jitter.
struct RetryPolicy {
  int attempts = 3;
  std::chrono::milliseconds first_backoff{200};
  std::chrono::milliseconds max_backoff{2000};
};

// After `failures` failed calls in a row the platform is not called for
// `open_for`; then one trial call decides.
struct BreakerPolicy {
  int failures = 5;
  std::chrono::milliseconds open_for{30000};
};

// Which licence a matter's issue task asks the e-licence library for.
struct LicenceType {
  std::string matter_code;
  std::string type_code;
  std::string name;
  std::string issuer;
  int valid_years = 0;  // 0: no end date
};

// A platform the hall keeps in step with on a schedule (the appointment
// platform): which hall it is there, and how often each step runs.
struct SyncPolicy {
  std::string hall_code;                             // the hall's code at the platform
  std::chrono::milliseconds fetch_every{300000};     // the day's appointments
  std::chrono::milliseconds push_every{10000};       // the waiting counts
  std::chrono::milliseconds report_every{5000};      // check-ins and no-shows due
  std::chrono::milliseconds no_show_after{1800000};  // after a slot's end, without a ticket
};

// Express: who sends the certificates (the hall), as waybills name it.
struct ParcelSender {
  std::string name;
  std::string address;
  std::string phone;  // optional
};

// How a platform signs its callbacks: HMAC-SM3 with the shared key (the
// default), or SM2 with its own key pair (platforms that use certificates).
enum class CallbackScheme { HmacSm3, Sm2 };

struct PlatformConfig {
  std::string id;
  std::string name;
  std::string path_prefix;
  std::string base_url;  // empty: the hall's --city address
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds timeout{5000};
  RetryPolicy retry;
  BreakerPolicy breaker;
  std::string app_id;
  std::string key_env;
  std::string key_file;
  // The platform's app id when it calls the hall back (POST
  // /api/v1/callbacks/<id>), signed with the same key; empty: it does not.
  std::string callback_app;
  CallbackScheme callback_scheme = CallbackScheme::HmacSm3;
  // With Sm2: the PEM file beside the database, and/or the variable that
  // holds the PEM text (the variable wins when set).
  std::string callback_public_key_file;
  std::string callback_public_key_env;
  std::vector<LicenceType> licences;
  std::optional<SyncPolicy> sync;  // <sync hall=… fetchEveryMs=… …/>
  // <sender name address phone/> (express); absent: nullopt.
  std::optional<ParcelSender> sender;

  const LicenceType* licenceFor(std::string_view matter_code) const;
};

// Whether `xml` is a connector file (its root is urn:hall:connectors:1 platform).
bool isConnectorDocument(std::string_view xml);

struct PlatformReadResult {
  std::optional<PlatformConfig> config;  // set when there are no errors
  std::vector<wf::Diagnostic> diagnostics;
};

PlatformReadResult readPlatformConfig(const std::string& file, std::string_view xml);

// Every *.xml of `dir`, by platform id; InvalidArgument listing the
// diagnostics when any file has errors, or when two files name one platform.
wf::Result<std::map<std::string, PlatformConfig>> readPlatformConfigs(
    const std::filesystem::path& dir);

}  // namespace connectors
