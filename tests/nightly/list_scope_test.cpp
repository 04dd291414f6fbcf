// One list's share of the history: how `--list` is read and which records it keeps.
#include <gtest/gtest.h>

#include "bouncekit/nightly.hpp"
#include "nightly/list_scope.hpp"

namespace {

namespace nd = bouncekit::nightly::detail;
using bouncekit::analysis::RecipientHistory;
using bouncekit::analysis::StoredRecord;
using bouncekit::nightly::list_key;

TEST(ListKey, AListIsNamedAsRecordsKeepIt) {
  EXPECT_EQ(list_key("announce.example.org"), "announce.example.org");
  EXPECT_EQ(list_key("  <Announce.Example.ORG> "), "announce.example.org");
  EXPECT_EQ(list_key("Announce list <announce.example.org>"), "announce.example.org");  // as List-Id shows it
  EXPECT_EQ(list_key("Mylist-Bounces@Lists.Example.org"), "mylist-bounces@lists.example.org");
  EXPECT_EQ(list_key("<unclosed.example.org"), "unclosed.example.org");
  EXPECT_EQ(list_key(""), "");
}

StoredRecord of_list(const std::string& list, const std::string& reason) {
  StoredRecord r;
  r.list = list;
  r.reason = reason;
  return r;
}

TEST(ListScope, OnlyTheRecordsOfTheListAreKept) {
  RecipientHistory h;
  h.recipient = "ann@example.com";
  h.records = {of_list("a.example.org", "userunknown"), of_list("", "mailboxfull"),
               of_list("b.example.org", "hostunknown")};
  RecipientHistory scratch;
  EXPECT_EQ(&nd::records_in_list(h, "", scratch), &h);  // every list: no copy
  const RecipientHistory& a = nd::records_in_list(h, "a.example.org", scratch);
  EXPECT_EQ(a.recipient, "ann@example.com");
  ASSERT_EQ(a.records.size(), 1u);
  EXPECT_EQ(a.records[0].reason, "userunknown");
  EXPECT_TRUE(nd::records_in_list(h, "c.example.org", scratch).records.empty());
}

}  // namespace
