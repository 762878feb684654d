// The directory store on a real SQLite file: versions follow one another
// without gaps, a change based on anything but the newest is Conflict and
// stores nothing, and what was stored is there after reopening.
#include "portal/store/soci_hall_directory_store.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace hall::store {
namespace {

TEST(SociHallDirectoryStore, StoresVersionsInOrderAndRefusesAStaleOne) {
  hall::test::TempDir dir;
  const std::string url = "sqlite:" + dir.file("hall.db");
  {
    auto store = SociHallDirectoryStore::open(url);
    ASSERT_TRUE(store.ok()) << store.status().toString();
    auto empty = (*store)->latest();
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE(empty->has_value());

    EXPECT_EQ((*store)->append(1, "<hall/>", {"a", "import", ""}).code(), wf::StatusCode::Conflict);
    ASSERT_TRUE((*store)->append(0, "<hall v='1'/>", {"system", "import", ""}).isOk());
    ASSERT_TRUE((*store)->append(1, "<hall v='2'/>", {"张经理", "window.retire", "W01"}).isOk());
    const wf::Status stale = (*store)->append(1, "<hall v='x'/>", {"李经理", "queue.create", "q"});
    EXPECT_EQ(stale.code(), wf::StatusCode::Conflict) << stale.toString();
  }
  auto reopened = SociHallDirectoryStore::open(url);
  ASSERT_TRUE(reopened.ok());
  auto latest = (*reopened)->latest();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->version, 2);
  EXPECT_EQ((*latest)->xml, "<hall v='2'/>");
  EXPECT_EQ((*latest)->who, "张经理");
}

TEST(SociHallDirectoryStore, AMalformedUrlIsInvalid) {
  EXPECT_EQ(SociHallDirectoryStore::open("nosuch:db").status().code(),
            wf::StatusCode::InvalidArgument);
}

}  // namespace
}  // namespace hall::store
