// What the tests against the real `hall serve` accept: the 食品经营许可
// matter found through the catalogue as a clerk finds it, every situation
// question answered with its first option, every material the applicant
// brings marked received, the applicant 李四 with a valid ID number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "portal/web/api_client.h"

namespace portal::web::testing {

// A clerk `login` (made by `system` with `password`), signed in to the
// portal and to `window`, as the tests against the real server use one;
// nullopt (and a test failure) when any step fails.
std::optional<ApiClient> clerkAtWindow(const ApiClient& system, uint16_t port,
                                       const std::string& login, const std::string& password,
                                       const std::string& window);

// The matter's implementation code, found by searching 食品.
std::string foodMatterCode(const ApiClient& clerk);
// The body of POST /api/v1/cases for that matter at `window`.
std::string foodCaseRequest(const ApiClient& clerk, const std::string& code,
                            const std::string& window);

}  // namespace portal::web::testing
