// Block lists named in refusals, and the "who is blocking me" threshold. The refusal texts are
// written for these tests, in the shapes receiving servers use (a DNSBL zone, a lookup URL, a
// provider's code).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/blocklists.hpp"
#include "analysis/records.hpp"
#include "bouncekit/analysis.hpp"

namespace an = bouncekit::analysis;
using bouncekit::test::hard;
using bouncekit::test::record;

namespace {

std::vector<std::string> named(std::string_view text) {
  std::vector<std::string> out;
  for (auto name : an::block_lists_named(text)) out.emplace_back(name);
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST(BlockLists, NamesTheListsARefusalMentions) {
  EXPECT_EQ(named("554 5.7.1 Service unavailable; client [192.0.2.7] blocked using zen.spamhaus.org"),
            Names{"spamhaus-zen"});
  EXPECT_EQ(named("550 rejected: 192.0.2.7 is in the SBL, see https://www.spamhaus.org/sbl/query/SBL12345"),
            Names{"spamhaus-sbl"});
  EXPECT_EQ(named("550 your host is listed at cbl.abuseat.org"), Names{"spamhaus-xbl"});
  EXPECT_EQ(named("550 5.7.1 client listed in PBL.SPAMHAUS.ORG"), Names{"spamhaus-pbl"});
  EXPECT_EQ(named("554 5.7.1 link domain found in dbl.spamhaus.org"), Names{"spamhaus-dbl"});
  EXPECT_EQ(named("550 go away, Spamhaus says no"), Names{"spamhaus"});
  EXPECT_EQ(named("554 refused: blocked using Barracuda Reputation, see the lookup page"), Names{"barracuda"});
  EXPECT_EQ(named("554 Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.7"), Names{"spamcop"});
  EXPECT_EQ(named("550 5.7.1 messages from [192.0.2.7] were not sent, their network is on our block list (S3140)"),
            Names{"microsoft-outlook"});
  EXPECT_EQ(named("550 5.7.606 Access denied, banned sending IP [192.0.2.7]; ask for removal at sender.office.com"),
            Names{"microsoft-365"});
  EXPECT_EQ(named("554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.7"), Names{"proofpoint"});
  EXPECT_EQ(named("554 refused; look the IP up at https://support.proofpoint.com/dnsbl-lookup.cgi"), Names{"proofpoint"});
  EXPECT_EQ(named("550 poor reputation per Cloudmark CSI"), Names{"cloudmark"});
  EXPECT_EQ(named("554 listed in dnsbl.sorbs.net"), Names{"sorbs"});
  EXPECT_EQ(named("550 listed on dnsbl-2.uceprotect.net"), Names{"uceprotect"});
  EXPECT_EQ(named("554 rejected, bl.mailspike.net lists you"), Names{"mailspike"});
  EXPECT_EQ(named("550 listed in psbl.surriel.com"), Names{"psbl"});
  EXPECT_EQ(named("550 no PTR, listed in noptr.spamrats.com"), Names{"spamrats"});
  EXPECT_EQ(named("554 IP in black.mail.abusix.zone"), Names{"abusix"});
  EXPECT_EQ(named("550 sender address listed in ivmSIP"), Names{"invaluement"});
}

TEST(BlockLists, SeveralListsInTableOrderAndTheGenericSpamhausOnlyAlone) {
  EXPECT_EQ(named("blocked using zen.spamhaus.org; also in b.barracudacentral.org and bl.spamcop.net"),
            (Names{"spamhaus-zen", "barracuda", "spamcop"}));
  // "zen.spamhaus" also holds "spamhaus": the specific list is named, the generic row is dropped.
  EXPECT_EQ(named("zen.spamhaus.org, see https://check.spamhaus.org/"), Names{"spamhaus-zen"});
  EXPECT_EQ(named("in sbl.spamhaus.org and pbl.spamhaus.org"), (Names{"spamhaus-sbl", "spamhaus-pbl"}));
}

TEST(BlockLists, WordsThatOnlyLookLikeAListNameNoList) {
  EXPECT_EQ(named(""), Names{});
  EXPECT_EQ(named("550 5.1.1 user unknown"), Names{});
  EXPECT_EQ(named("550 5.7.1 your IP is on our blocklist"), Names{});  // a block list, but not named
  EXPECT_EQ(named("452 the mailbox absorbs no more mail"), Names{});   // "sorbs" inside a word
  EXPECT_EQ(named("554 rejected by the Barracuda spam firewall"), Names{});  // an appliance, not its list
  EXPECT_EQ(named("550 spam detected by Proofpoint"), Names{});  // a content filter, not the IP list
  EXPECT_EQ(named("550 spamhau.s zen.spamhau"), Names{});
  EXPECT_EQ(named(std::string(100000, 's')), Names{});
}

TEST(BlockLists, TableRowsAreUniqueLowerCaseAndHaveAPageOrANote) {
  std::set<std::string_view> names;
  for (const auto& list : an::block_lists()) {
    EXPECT_TRUE(names.insert(list.name).second) << list.name;
    ASSERT_NE(an::block_list(list.name), nullptr);
    EXPECT_EQ(an::block_list(list.name)->title, list.title);
    EXPECT_TRUE(list.lookup_url.starts_with("https://") || !list.note.empty()) << list.name;
    for (char c : list.name) EXPECT_FALSE(c >= 'A' && c <= 'Z') << list.name;
  }
  EXPECT_EQ(an::block_list("no-such-list"), nullptr);
}

TEST(BlockingThreshold, NeedsSeveralMessagesAndAShareOfTheGroup) {
  // Defaults: 3 messages and 10 % of the group's records.
  EXPECT_FALSE(an::is_blocking(0, 0, 0));
  EXPECT_FALSE(an::is_blocking(1, 1, 1));      // one refusal, however large its share
  EXPECT_FALSE(an::is_blocking(2, 40, 40));    // one message per recipient is not enough: two messages
  EXPECT_TRUE(an::is_blocking(3, 3, 30));      // exactly 10 %
  EXPECT_FALSE(an::is_blocking(3, 3, 31));     // just under
  EXPECT_FALSE(an::is_blocking(50, 50, 1000)); // 5 %: the domain bounces for its addresses, not for the sender
  EXPECT_TRUE(an::is_blocking(50, 50, 500));
  an::BlockingThreshold strict{5, 50};
  EXPECT_FALSE(an::is_blocking(4, 4, 4, strict));
  EXPECT_TRUE(an::is_blocking(5, 5, 10, strict));
}

TEST(BlockingThreshold, AggregatorFlagsByTheThresholdAndCountsListsOfSenderSideRecordsOnly) {
  an::Aggregator agg;
  auto refused = [](std::string recipient, std::string date, std::string fp, std::string diagnostic) {
    auto r = record(std::move(recipient), std::move(date), "blocked", "soft", "sender", std::move(fp));
    r.remote_mta = "mx.example.net";
    r.diagnostic = std::move(diagnostic);
    return r;
  };
  // example.net: 3 refusals in 3 messages among 10 records (30 %): blocking.
  for (int i = 0; i < 7; ++i) agg.add_record(hard("u" + std::to_string(i) + "@example.net", "2026-11-01T01:00:00Z", "h" + std::to_string(i)));
  agg.add_record(refused("a@example.net", "2026-11-01T02:00:00Z", "r1", "554 blocked using zen.spamhaus.org"));
  agg.add_record(refused("b@example.net", "2026-11-02T02:00:00Z", "r2", "554 blocked using zen.spamhaus.org"));
  agg.add_record(refused("c@example.net", "2026-11-02T03:00:00Z", "r3", "554 listed by bl.spamcop.net"));
  // example.org: one message refusing five recipients: five records, one message, not blocking.
  for (int i = 0; i < 5; ++i)
    agg.add_record(refused("p" + std::to_string(i) + "@example.org", "2026-11-02T04:00:00Z", "r4", "554 in zen.spamhaus.org"));
  // example.com: a recipient-side bounce that mentions a list is not a sender-side refusal.
  auto odd = hard("x@example.com", "2026-11-02T05:00:00Z", "h9");
  odd.diagnostic = "550 no such user (and we use zen.spamhaus.org)";
  agg.add_record(odd);
  auto s = agg.finish();

  auto find = [&](const std::string& name) -> const an::GroupStats& {
    for (const auto& g : s.domains)
      if (g.name == name) return g;
    throw std::runtime_error("no group " + name);
  };
  const auto& net = find("example.net");
  EXPECT_EQ(net.sender_side, 3u);
  EXPECT_EQ(net.sender_side_messages, 3u);
  EXPECT_TRUE(net.sender_side_flag);
  EXPECT_EQ(net.blocklists, (std::map<std::string, std::uint64_t>{{"spamhaus-zen", 2}, {"spamcop", 1}}));
  const auto& org = find("example.org");
  EXPECT_EQ(org.sender_side, 5u);
  EXPECT_EQ(org.sender_side_messages, 1u);
  EXPECT_FALSE(org.sender_side_flag);
  EXPECT_EQ(org.blocklists, (std::map<std::string, std::uint64_t>{{"spamhaus-zen", 5}}));
  const auto& com = find("example.com");
  EXPECT_EQ(com.sender_side, 0u);
  EXPECT_TRUE(com.blocklists.empty());
  // Per day and provider: mx.example.net is in no provider table.
  EXPECT_EQ(s.sender_side_per_day,
            (std::map<std::string, std::map<std::string, std::uint64_t>>{
                {"(none)", {{"2026-11-01", 1}, {"2026-11-02", 7}}}}));
}

// The threshold is the Aggregator's (`report --blocking-min-messages`, `--blocking-min-share`):
// one message is enough, but half the records must be refusals.
TEST(BlockingThreshold, AnAggregatorWithAnotherThresholdFlagsByIt) {
  an::Aggregator agg({}, an::BlockingThreshold{1, 50});
  auto refused = [](std::string recipient, std::string fp) {
    return record(std::move(recipient), "2026-11-02T02:00:00Z", "blocked", "soft", "sender", std::move(fp));
  };
  // example.net: 3 refusals in 3 messages among 10 records (30 %): blocking by default, not here.
  for (int i = 0; i < 7; ++i) agg.add_record(hard("u" + std::to_string(i) + "@example.net", "2026-11-01T01:00:00Z", "h" + std::to_string(i)));
  for (int i = 0; i < 3; ++i) agg.add_record(refused("r" + std::to_string(i) + "@example.net", "r" + std::to_string(i)));
  // example.org: one message refusing two recipients, and one unknown user (2 of 3): blocking here.
  agg.add_record(refused("a@example.org", "m"));
  agg.add_record(refused("b@example.org", "m"));
  agg.add_record(hard("c@example.org", "2026-11-03T01:00:00Z", "h9"));
  auto s = agg.finish();
  ASSERT_EQ(s.domains.size(), 2u);
  EXPECT_EQ(s.domains[0].name, "example.net");
  EXPECT_FALSE(s.domains[0].sender_side_flag);
  EXPECT_TRUE(an::is_blocking(s.domains[0].sender_side_messages, s.domains[0].sender_side, s.domains[0].records))
      << "flagged with the default threshold";
  EXPECT_EQ(s.domains[1].name, "example.org");
  EXPECT_TRUE(s.domains[1].sender_side_flag);
  EXPECT_EQ(s.blocking.min_messages, 1u);
  EXPECT_EQ(s.blocking.min_share_percent, 50u);
}
