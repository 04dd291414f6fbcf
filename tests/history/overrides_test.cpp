// The overrides kept in the history: allowlist, forget, the log, and the copy for --dry-run.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/history.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::analysis::RecipientHistory;
using bouncekit::analysis::StoredRecord;
using bouncekit::history::Overrides;
using bouncekit::history::OverrideEvent;
using bouncekit::history::Store;
using bouncekit::history::StoredMessage;
using bouncekit::test::TempDir;

StoredRecord record(const std::string& recipient) {
  StoredRecord r;
  r.recipient = recipient;
  r.recipient_domain = recipient.substr(recipient.find('@') + 1);
  r.date = "2026-11-20T10:00:00Z";
  r.reason = "userunknown";
  r.bounce = "hard";
  r.action_owner = "recipient";
  return r;
}

StoredMessage message(const std::string& bytes) {
  return StoredMessage{bouncekit::history::fingerprint(bytes), "box#1@0", "bounce", "2026-11-22T02:30:00Z", ""};
}

std::vector<std::string> recipients(Store& store) {
  std::vector<std::string> seen;
  store.for_each_recipient("", [&](const RecipientHistory& h) { seen.push_back(h.recipient); });
  return seen;
}

}  // namespace

TEST(Overrides, AllowAndUnallowAreLoggedOnlyWhenTheyChangeSomething) {
  TempDir tmp;
  Overrides o(tmp.path() / "h.sqlite");
  EXPECT_TRUE(o.allow("Ann@Example.com", "2026-11-22T01:00:00Z", "called"));
  EXPECT_FALSE(o.allow("ann@example.com", "2026-11-22T01:05:00Z", "again"));
  EXPECT_EQ(o.allowed(), (std::set<std::string>{"ann@example.com"}));
  EXPECT_TRUE(o.unallow("ANN@example.com", "2026-11-22T02:00:00Z", ""));
  EXPECT_FALSE(o.unallow("ann@example.com", "2026-11-22T02:05:00Z", ""));
  EXPECT_TRUE(o.allowed().empty());
  std::vector<std::string> log;
  o.for_each_event([&](const OverrideEvent& e) { log.push_back(e.time + " " + e.action + " " + e.address + " " + e.note); });
  EXPECT_EQ(log, (std::vector<std::string>{"2026-11-22T01:00:00Z allow ann@example.com called",
                                           "2026-11-22T02:00:00Z unallow ann@example.com "}));
}

TEST(Overrides, ForgetDeletesTheRecordsOfOneAddressAndKeepsTheMessages) {
  TempDir tmp;
  const fs::path db = tmp.path() / "h.sqlite";
  {
    Store store(db);
    store.add(message("m1"), {record("ann@example.com"), record("bob@example.com")});
    store.add(message("m2"), {record("ann@example.com")});
    store.commit();
  }
  Overrides o(db);
  EXPECT_EQ(o.forget("Ann@example.com", "2026-11-22T03:00:00Z", "moved"), 2u);
  EXPECT_EQ(o.forget("nobody@example.com", "2026-11-22T03:01:00Z", ""), 0u);
  Store store(db);
  EXPECT_EQ(recipients(store), (std::vector<std::string>{"bob@example.com"}));
  EXPECT_TRUE(store.contains(bouncekit::history::fingerprint("m1")));  // not counted again
  EXPECT_TRUE(store.contains(bouncekit::history::fingerprint("m2")));
  std::vector<std::uint64_t> deleted;
  o.for_each_event([&](const OverrideEvent& e) { deleted.push_back(e.records); });
  EXPECT_EQ(deleted, (std::vector<std::uint64_t>{2, 0}));
}

TEST(Overrides, ACopyHoldsEverythingAndChangesToItLeaveTheOriginal) {
  TempDir tmp;
  const fs::path db = tmp.path() / "h.sqlite", copy = tmp.path() / "copy.sqlite";
  {
    Store store(db);
    store.add(message("m1"), {record("ann@example.com")});
    store.commit();
    Overrides(db).allow("bob@example.com", "2026-11-22T01:00:00Z", "");
  }
  bouncekit::history::copy_database(db, copy);
  Overrides(copy).forget("ann@example.com", "2026-11-22T02:00:00Z", "");
  EXPECT_EQ(Overrides(copy).allowed(), (std::set<std::string>{"bob@example.com"}));
  Store original(db);
  EXPECT_EQ(recipients(original), (std::vector<std::string>{"ann@example.com"}));
  EXPECT_THROW(bouncekit::history::copy_database(tmp.path() / "missing.sqlite", tmp.path() / "c2.sqlite"),
               bouncekit::history::DatabaseError);
}
