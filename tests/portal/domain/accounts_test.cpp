// Accounts over the real SOCI store (a SQLite file) and scrypt hashes at a
// low cost, with a clock the test moves: sign-in, lock-out, retirement,
// and the fields a bad account names.
#include "portal/domain/accounts.h"

#include <gtest/gtest.h>

#include <atomic>

#include "portal/store/scrypt_password_hasher.h"
#include "portal/store/soci_account_store.h"
#include "support/temp_dir.h"

namespace hall::domain {
namespace {

constexpr const char* kPassword = "correct horse 42";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = hall::store::SociAccountStore::open("sqlite:" + dir_.file("hall.db"));
    ASSERT_TRUE(opened.ok()) << opened.status().toString();
    store_ = std::move(opened).value();
    accounts_ = std::make_unique<Accounts>(
        *store_, hasher_, [this] { return now_.load(); }, LockoutPolicy{3, 60'000});
  }

  Account make(const std::string& login, Roles roles, const std::string& department = "") {
    auto created = accounts_->create({login, "测试 " + login, roles, department, kPassword, ""});
    EXPECT_TRUE(created.ok()) << created.status().toString();
    return created.ok() ? *created : Account{};
  }

  static std::string fieldOf(const wf::Status& status) {
    const wf::Value* field = status.details().find("field");
    return field && field->isString() ? field->asString() : "<none>";
  }

  hall::test::TempDir dir_;
  std::unique_ptr<hall::store::SociAccountStore> store_;
  hall::store::ScryptPasswordHasher hasher_{{1u << 10, 8, 1}};
  std::atomic<int64_t> now_{1'790'812'800'000};
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsTest, SignsInWithTheRightPasswordOnlyAndKeepsNoPlainPassword) {
  const Account created = make("clerk01", Role::Clerk);
  EXPECT_EQ(created.password_hash.find(kPassword), std::string::npos);
  EXPECT_EQ(created.password_hash.rfind("scrypt$", 0), 0u);

  auto good = accounts_->signIn("clerk01", kPassword);
  ASSERT_TRUE(good.ok()) << good.status().toString();
  EXPECT_TRUE(good->roles.has(Role::Clerk));
  EXPECT_FALSE(good->roles.has(Role::Manager));

  auto wrong = accounts_->signIn("clerk01", "correct horse 43");
  auto unknown = accounts_->signIn("nobody", kPassword);
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.status().code(), wf::StatusCode::Unauthenticated);
  // Nothing tells a wrong password from an unknown login.
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
}

TEST_F(AccountsTest, RepeatedFailuresLockTheAccountUntilTheLockRunsOutOrIsLifted) {
  make("clerk01", Role::Clerk);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(accounts_->signIn("clerk01", "wrong 0000000").ok());
  // Locked: even the right password is refused, and says so.
  auto locked = accounts_->signIn("clerk01", kPassword);
  ASSERT_FALSE(locked.ok());
  const wf::Value* flag = locked.status().details().find("locked");
  ASSERT_NE(flag, nullptr);
  EXPECT_TRUE(flag->asBool());

  now_ += 59'000;
  EXPECT_FALSE(accounts_->signIn("clerk01", kPassword).ok());
  now_ += 2'000;
  EXPECT_TRUE(accounts_->signIn("clerk01", kPassword).ok());

  for (int i = 0; i < 3; ++i) EXPECT_FALSE(accounts_->signIn("clerk01", "wrong 0000000").ok());
  EXPECT_FALSE(accounts_->signIn("clerk01", kPassword).ok());
  ASSERT_TRUE(accounts_->unlock("clerk01").isOk());
  EXPECT_TRUE(accounts_->signIn("clerk01", kPassword).ok());
}

TEST_F(AccountsTest, AGoodSignInForgetsEarlierFailures) {
  make("clerk01", Role::Clerk);
  for (int round = 0; round < 3; ++round) {
    EXPECT_FALSE(accounts_->signIn("clerk01", "wrong 0000000").ok());
    EXPECT_FALSE(accounts_->signIn("clerk01", "wrong 0000000").ok());
    EXPECT_TRUE(accounts_->signIn("clerk01", kPassword).ok()) << "round " << round;
  }
}

TEST_F(AccountsTest, ARetiredAccountCannotSignInButIsKept) {
  make("clerk01", Role::Clerk);
  ASSERT_TRUE(accounts_->retire("clerk01").isOk());
  EXPECT_EQ(accounts_->signIn("clerk01", kPassword).status().code(),
            wf::StatusCode::Unauthenticated);
  auto kept = accounts_->find("clerk01");
  ASSERT_TRUE(kept.ok());
  EXPECT_TRUE(kept->retired);
  EXPECT_EQ(accounts_->retire("clerk01").code(), wf::StatusCode::Conflict);
}

TEST_F(AccountsTest, BadAccountsNameTheirFieldAndAreNotStored) {
  struct Case {
    NewAccount input;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{"Clerk 01", "名", Role::Clerk, "", kPassword, ""}, "login"},
      {{"c", "名", Role::Clerk, "", kPassword, ""}, "login"},
      {{"clerk01", "", Role::Clerk, "", kPassword, ""}, "displayName"},
      {{"clerk01", "名", Roles(), "", kPassword, ""}, "roles"},
      {{"clerk01", "名", Role::Device, "", kPassword, ""}, "roles"},
      {{"clerk01", "名", Role::Approver, "", kPassword, ""}, "department"},
      {{"clerk01", "名", Role::Clerk, "", "short1", ""}, "password"},
      {{"clerk01", "名", Role::Clerk, "", "onlyletterslong", ""}, "password"},
      {{"clerk01", "名", Role::Clerk, "", "12345678901234", ""}, "password"},
  };
  for (const Case& c : cases) {
    auto created = accounts_->create(c.input);
    ASSERT_FALSE(created.ok()) << c.field;
    EXPECT_EQ(created.status().code(), wf::StatusCode::InvalidArgument) << c.field;
    EXPECT_EQ(fieldOf(created.status()), c.field) << created.status().message();
  }
  auto all = accounts_->list();
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());

  make("clerk01", Role::Clerk);
  EXPECT_EQ(
      accounts_->create({"clerk01", "另一个", Role::Clerk, "", kPassword, ""}).status().code(),
      wf::StatusCode::Conflict);
}

TEST_F(AccountsTest, ChangesKeepWhatTheyDoNotNameAndCheckTheResult) {
  make("a01", Role::Clerk);
  AccountChange to_approver;
  to_approver.roles = Role::Approver;
  EXPECT_EQ(fieldOf(accounts_->change("a01", to_approver).status()), "department");
  to_approver.department = "scjg";
  auto changed = accounts_->change("a01", to_approver);
  ASSERT_TRUE(changed.ok()) << changed.status().toString();
  EXPECT_EQ(changed->department, "scjg");
  EXPECT_EQ(changed->display_name, "测试 a01");
  auto reread = accounts_->find("a01");
  ASSERT_TRUE(reread.ok());
  EXPECT_TRUE(reread->roles.has(Role::Approver));
  EXPECT_FALSE(reread->roles.has(Role::Clerk));
  EXPECT_EQ(accounts_->change("nobody", {}).status().code(), wf::StatusCode::NotFound);
}

TEST_F(AccountsTest, OwnPasswordChangeNeedsTheOldOne) {
  make("clerk01", Role::Clerk);
  const wf::Status wrong_old =
      accounts_->changeOwnPassword("clerk01", "not it 123", "new pass 2026");
  EXPECT_EQ(wrong_old.code(), wf::StatusCode::Unauthenticated);
  EXPECT_EQ(fieldOf(accounts_->changeOwnPassword("clerk01", kPassword, "weak")), "newPassword");
  ASSERT_TRUE(accounts_->changeOwnPassword("clerk01", kPassword, "new pass 2026").isOk());
  EXPECT_FALSE(accounts_->signIn("clerk01", kPassword).ok());
  EXPECT_TRUE(accounts_->signIn("clerk01", "new pass 2026").ok());
}

TEST_F(AccountsTest, CertificatesSignInOnlyTheirOwnLiveAccount) {
  auto created = accounts_->create(
      {"clerk01", "王芳", Role::Clerk, "", kPassword, "CN=clerk01,O=Changning Hall"});
  ASSERT_TRUE(created.ok());
  auto by_cert = accounts_->signInByCertificate("CN=clerk01,O=Changning Hall");
  ASSERT_TRUE(by_cert.ok()) << by_cert.status().toString();
  EXPECT_EQ(by_cert->login, "clerk01");
  EXPECT_FALSE(accounts_->signInByCertificate("CN=someone,O=Elsewhere").ok());
  EXPECT_FALSE(accounts_->signInByCertificate("").ok());
  ASSERT_TRUE(accounts_->retire("clerk01").isOk());
  EXPECT_FALSE(accounts_->signInByCertificate("CN=clerk01,O=Changning Hall").ok());
}

TEST_F(AccountsTest, AccountsSurviveReopeningTheStore) {
  make("clerk01", Role::Clerk);
  store_.reset();
  auto reopened = hall::store::SociAccountStore::open("sqlite:" + dir_.file("hall.db"));
  ASSERT_TRUE(reopened.ok());
  Accounts again(**reopened, hasher_, [this] { return now_.load(); });
  EXPECT_TRUE(again.signIn("clerk01", kPassword).ok());
}

}  // namespace
}  // namespace hall::domain
