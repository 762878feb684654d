#include "portal/app/hall_people.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

namespace hall::app {

namespace {

using hall::domain::Role;

// A password that passes Accounts::checkPassword: 16 hex digits and a
// letter-digit pair, so it always has both.
std::string randomPassword() { return "Hall" + portal::web::randomHexToken(8) + "7"; }

struct DemoAccount {
  const char* login;
  const char* name;
  hall::domain::Roles roles;
  const char* department;
};

// One account per role; the approvers are the two departments that approve
// 食品经营许可 in parallel (models/catalogue/food-business.xml).
const DemoAccount kDemoAccounts[] = {
    {"clerk01", "王芳(综窗)", Role::Clerk, ""},
    {"clerk02", "李强(综窗)", Role::Clerk, ""},
    {"approver-food", "张敏(食品经营许可科)", Role::Approver, "amr-food"},
    {"approver-station", "陈刚(属地市场监管所)", Role::Approver, "amr-station"},
    {"manager01", "赵丽(中心管理员)", Role::Manager, ""},
    {"analyst01", "孙磊(业务分析员)", Role::Analyst, ""},
};

}  // namespace

HallPeople::~HallPeople() = default;

int64_t HallPeople::nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

wf::Result<std::unique_ptr<HallPeople>> HallPeople::open(const std::string& db_url, bool demo,
                                                         bool secure, std::ostream& out) {
  std::unique_ptr<HallPeople> people(new HallPeople());
  ASSIGN_OR_RETURN(people->store_, hall::store::SociAccountStore::open(db_url));
  ASSIGN_OR_RETURN(people->audit_, hall::store::SociAuditTrail::open(db_url));
  people->accounts_ =
      std::make_unique<hall::domain::Accounts>(*people->store_, people->hasher_, nowMillis);
  people->sessions_ = std::make_unique<portal::web::SessionBook>(nowMillis);
  people->session_routes_ =
      std::make_unique<portal::web::SessionRoutes>(*people->accounts_, *people->sessions_, secure);
  people->account_routes_ = std::make_unique<portal::web::AccountRoutes>(
      *people->accounts_, *people->sessions_, *people->audit_);
  RETURN_IF_ERROR(people->seed(demo, out));
  return people;
}

wf::Status HallPeople::seed(bool demo, std::ostream& out) {
  ASSIGN_OR_RETURN(const std::vector<hall::domain::Account> existing, accounts_->list());
  if (existing.empty()) {
    const char* env = std::getenv("HALL_ADMIN_PASSWORD");
    const std::string password = env && *env ? env : randomPassword();
    hall::domain::NewAccount admin{"admin", "系统管理员", Role::Admin, "", password, ""};
    ASSIGN_OR_RETURN(const hall::domain::Account created, accounts_->create(admin));
    if (env && *env) {
      out << "accounts: created admin, password from HALL_ADMIN_PASSWORD\n";
    } else {
      out << "accounts: created admin with password " << password
          << " (shown once; change it after signing in)\n";
    }
  }
  if (!demo) return wf::Status::ok();
  const std::string password = randomPassword();
  int made = 0;
  for (const DemoAccount& d : kDemoAccounts) {
    const bool present = std::any_of(existing.begin(), existing.end(),
                                     [&](const auto& a) { return a.login == d.login; });
    if (present) {
      RETURN_IF_ERROR(accounts_->setPassword(d.login, password));
    } else {
      ASSIGN_OR_RETURN(const hall::domain::Account created,
                       accounts_->create({d.login, d.name, d.roles, d.department, password, ""}));
    }
    ++made;
  }
  out << "demo: " << made
      << " accounts (clerk01, clerk02, approver-food, approver-station, manager01, analyst01), "
         "password "
      << password << "\n";
  return wf::Status::ok();
}

void HallPeople::addTo(portal::web::Router& router, portal::web::WebServerOptions& options) {
  session_routes_->addTo(router);
  account_routes_->addTo(router);
  options.sessions = [this](std::string_view id) { return sessions_->find(id); };
  options.audit = portal::web::auditHook(*audit_, nowMillis);
}

}  // namespace hall::app
