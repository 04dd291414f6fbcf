// Issue 18, "Tests": three nights in a row over one history, checking changes.csv, watch.csv,
// summary.json's "changes" and the text summary each night: new suppressions, an address that
// ages out of the window, an allowlisted one, a forgotten one, one that recovers (an auto-reply
// after its soft bounces), and one that moves from the watch list onto the suppression list.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"
#include "history/sqlite.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit;
using bouncekit::test::Bounce;
using bouncekit::test::TempDir;
using Json = nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

// RFC 4180 as our writers write it: CRLF line ends, cells quoted when they hold a comma or a quote.
Rows csv(const fs::path& path) {
  Rows rows;
  std::string text = test::read_file(path), cell;
  std::vector<std::string> row;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      row.push_back(cell);
      cell.clear();
    } else if (ch == '\r') {
    } else if (ch == '\n') {
      row.push_back(cell);
      cell.clear();
      rows.push_back(row);
      row.clear();
    } else {
      cell += ch;
    }
  }
  return rows;
}

// "address change why" per changes.csv line after the header.
std::vector<std::string> changes_of(const fs::path& out) {
  Rows rows = csv(out / "changes.csv");
  EXPECT_FALSE(rows.empty());
  if (rows.empty()) return {};
  EXPECT_EQ(rows[0], (std::vector<std::string>{"address", "change", "reason", "rule", "why", "first_bounce", "last_bounce"}));
  std::vector<std::string> lines;
  for (std::size_t i = 1; i < rows.size(); ++i) lines.push_back(rows[i][0] + " " + rows[i][1] + " " + rows[i][4]);
  return lines;
}

class ThreeNights : public ::testing::Test {
 protected:
  TempDir tmp;
  fs::path db = tmp.path() / "history.sqlite";

  struct Night {
    Json summary;
    std::string text;
    fs::path out;
  };

  // One night: the messages of `mbox` read, a 10-day window, the report written to out<N>.
  Night run(int n, const std::string& now, const std::string& mbox, bool dry_run = false) {
    const fs::path box = tmp.path() / ("night" + std::to_string(n) + ".mbox");
    test::write_file(box, mbox);
    nightly::Options o;
    o.paths = {box.string()};
    o.database = db;
    o.now = now;
    o.since = *nightly::window_start("10d", now);
    o.out_dir = tmp.path() / ("out" + std::to_string(n) + (dry_run ? "-dry" : ""));
    o.dry_run = dry_run;
    std::ostringstream text;
    o.out = &text;
    o.format = nightly::Format::text;
    nightly::run(o);
    return Night{Json::parse(test::read_file(o.out_dir / "summary.json")), text.str(), o.out_dir};
  }

  static std::string auto_reply(const std::string& id, const std::string& from, const std::string& when) {
    return "From someone Thu Nov 19 02:00:00 2026\n" + test::auto_reply(id, from, when) + "\n";
  }
};

TEST_F(ThreeNights, ChangesAndTheWatchListFollowTheHistory) {
  // Night 1: four addresses suppressed (ann, bob, eve hard; cat three soft over 7 days), dan watched.
  std::string mbox1;
  mbox1 += test::mbox_entry(Bounce{"n1a", "ann@a.example", "2026-11-09T01:00:00", true});
  mbox1 += test::mbox_entry(Bounce{"n1b", "bob@b.example", "2026-11-09T01:00:00", true});
  mbox1 += test::mbox_entry(Bounce{"n1c1", "cat@c.example", "2026-11-02T05:00:00", false});
  mbox1 += test::mbox_entry(Bounce{"n1c2", "cat@c.example", "2026-11-05T01:00:00", false});
  mbox1 += test::mbox_entry(Bounce{"n1c3", "cat@c.example", "2026-11-09T01:00:00", false});
  mbox1 += test::mbox_entry(Bounce{"n1d", "dan@d.example", "2026-11-09T01:00:00", false});
  mbox1 += test::mbox_entry(Bounce{"n1e", "eve@e.example", "2026-11-01T03:00:00", true});
  Night one = run(1, "2026-11-10T02:00:00Z", mbox1);
  EXPECT_EQ(changes_of(one.out), (std::vector<std::string>{"ann@a.example added new", "bob@b.example added new",
                                                           "cat@c.example added new", "eve@e.example added new"}));
  Rows watch = csv(one.out / "watch.csv");
  ASSERT_EQ(watch.size(), 2u);
  EXPECT_EQ(watch[0], (std::vector<std::string>{"address", "soft_count", "first_bounce", "last_bounce", "last_reason",
                                                "more_bounces", "not_before", "needs"}));
  EXPECT_EQ(watch[1], (std::vector<std::string>{"dan@d.example", "1", "2026-11-09T01:00:00Z", "2026-11-09T01:00:00Z",
                                                "mailboxfull", "2", "2026-11-16",
                                                "2 more soft bounces, the last on or after 2026-11-16"}));
  const Json& c1 = one.summary["changes"];
  EXPECT_EQ(c1["first_run"], true);
  EXPECT_EQ(c1["previous_run"], nullptr);
  EXPECT_EQ(c1["added"], 4);
  EXPECT_EQ(c1["removed"], 0);
  EXPECT_EQ(c1["watched"], 1);
  EXPECT_EQ(c1["counts"]["suppressed"]["current"], 4);
  EXPECT_EQ(c1["counts"]["suppressed"]["previous"], nullptr);
  EXPECT_NE(one.text.find("first recorded run, nothing earlier to compare with: every suppressed address is new (4); 1 on the watch list"),
            std::string::npos)
      << one.text;
  EXPECT_NE(test::read_file(one.out / "report.html").find("<tr class=\"new-tonight\""), std::string::npos);

  // Between the nights: bob is allowlisted, ann forgotten (by hand, as `bouncekit suppressions` does).
  {
    history::Overrides overrides(db);
    ASSERT_TRUE(overrides.allow("bob@b.example", "2026-11-11T09:00:00Z", "customer asked"));
    ASSERT_EQ(overrides.forget("ann@a.example", "2026-11-11T09:05:00Z", ""), 1u);
  }
  // A dry run in between reports against night 1 and records nothing.
  std::string mbox2;
  mbox2 += test::mbox_entry(Bounce{"n2f", "fay@f.example", "2026-11-11T01:00:00", true});
  mbox2 += test::mbox_entry(Bounce{"n2d", "dan@d.example", "2026-11-11T01:00:00", false});
  Night dry = run(2, "2026-11-12T02:00:00Z", mbox2, true);
  EXPECT_EQ(dry.summary["changes"]["previous_run"], "2026-11-10T02:00:00Z");

  // Night 2 (window from 2026-11-02): eve's only bounce (11-01) has left the window.
  Night two = run(2, "2026-11-12T02:00:00Z", mbox2);
  EXPECT_EQ(changes_of(two.out), (std::vector<std::string>{"ann@a.example removed forgotten",
                                                           "bob@b.example removed allowed",
                                                           "eve@e.example removed aged-out", "fay@f.example added new"}));
  watch = csv(two.out / "watch.csv");
  ASSERT_EQ(watch.size(), 2u);
  EXPECT_EQ(watch[1][0], "dan@d.example");
  EXPECT_EQ(watch[1][1], "2");
  EXPECT_EQ(watch[1][7], "1 more soft bounce, on or after 2026-11-16");
  const Json& c2 = two.summary["changes"];
  EXPECT_EQ(c2["first_run"], false);
  EXPECT_EQ(c2["previous_run"], "2026-11-10T02:00:00Z") << "the dry run was not recorded";
  EXPECT_EQ(c2["added"], 1);
  EXPECT_EQ(c2["removed"], 3);
  EXPECT_EQ(c2["removed_by_why"], (Json{{"aged-out", 1}, {"allowed", 1}, {"forgotten", 1}}));
  EXPECT_EQ(c2["counts"]["suppressed"], (Json{{"previous", 4}, {"current", 2}, {"change", -2}}));
  EXPECT_EQ(c2["counts"]["watched"], (Json{{"previous", 1}, {"current", 1}, {"change", 0}}));
  EXPECT_NE(two.text.find("Changes since the previous run (2026-11-10T02:00:00Z): 1 newly suppressed, 3 left the list "
                          "(1 aged-out, 1 allowed, 1 forgotten)"),
            std::string::npos)
      << two.text;
  const std::string html2 = test::read_file(two.out / "report.html");
  EXPECT_NE(html2.find("Changes since the previous run"), std::string::npos);
  EXPECT_EQ(html2.find("<tr class=\"new-tonight\" data-domain=\"c.example\"><td class=\"addr\">cat@c.example"), std::string::npos)
      << "cat was on night 1's list: not new";
  EXPECT_NE(html2.find("<tr class=\"new-tonight\" data-domain=\"f.example\"><td class=\"addr\">fay@f.example"), std::string::npos);

  // Night 3 (window from 2026-11-07): dan's third soft bounce spans 7 days, cat wrote back
  // (an auto-reply after its bounces), gus starts to soft-bounce.
  std::string mbox3;
  mbox3 += test::mbox_entry(Bounce{"n3d", "dan@d.example", "2026-11-16T01:00:00", false});
  mbox3 += auto_reply("n3c", "cat@c.example", "2026-11-16T04:00:00");
  mbox3 += test::mbox_entry(Bounce{"n3g", "gus@g.example", "2026-11-16T01:00:00", false});
  Night three = run(3, "2026-11-17T02:00:00Z", mbox3);
  EXPECT_EQ(changes_of(three.out),
            (std::vector<std::string>{"cat@c.example removed recovered", "dan@d.example added new"}));
  watch = csv(three.out / "watch.csv");
  ASSERT_EQ(watch.size(), 2u);
  EXPECT_EQ(watch[1][0], "gus@g.example");
  EXPECT_EQ(watch[1][7], "2 more soft bounces, the last on or after 2026-11-23");
  const Json& c3 = three.summary["changes"];
  EXPECT_EQ(c3["previous_run"], "2026-11-12T02:00:00Z");
  EXPECT_EQ(c3["added"], 1);
  EXPECT_EQ(c3["removed"], 1);
  EXPECT_EQ(c3["counts"]["suppressed"], (Json{{"previous", 2}, {"current", 2}, {"change", 0}}));
  EXPECT_NE(three.text.find("1 newly suppressed, 1 left the list (1 recovered)"), std::string::npos) << three.text;

  // The history kept one row per recorded run and only the last run's list.
  history::sqlite::Connection c(db);
  auto count = [&](const char* sql) {
    history::sqlite::Statement s(c, sql);
    return s.step() ? s.column_int(0) : -1;
  };
  EXPECT_EQ(count("SELECT count(*) FROM runs"), 3);
  EXPECT_EQ(count("SELECT count(DISTINCT run) FROM run_suppressions"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM run_suppressions"), 2);
}

// A soft-repeated suppression lasts while its bounces are in the window: when the first of them
// leaves it, the address leaves the list ("aged-out") and is watched again with what it needs.
TEST_F(ThreeNights, ASoftSuppressionAgesOutOntoTheWatchList) {
  std::string mbox;
  for (const char* when : {"2026-11-01T01:00:00", "2026-11-05T01:00:00", "2026-11-08T01:00:00"})
    mbox += test::mbox_entry(Bounce{std::string("s") + when, "sam@s.example", when, false});
  Night one = run(1, "2026-11-09T02:00:00Z", mbox);
  EXPECT_EQ(changes_of(one.out), std::vector<std::string>{"sam@s.example added new"});
  EXPECT_EQ(csv(one.out / "watch.csv").size(), 1u) << "suppressed: not watched";

  Night two = run(2, "2026-11-11T03:00:00Z", "");  // the window now starts after the first bounce
  EXPECT_EQ(changes_of(two.out), std::vector<std::string>{"sam@s.example removed aged-out"});
  Rows watch = csv(two.out / "watch.csv");
  ASSERT_EQ(watch.size(), 2u);
  EXPECT_EQ(watch[1], (std::vector<std::string>{"sam@s.example", "2", "2026-11-05T01:00:00Z", "2026-11-08T01:00:00Z",
                                                "mailboxfull", "1", "2026-11-12",
                                                "1 more soft bounce, on or after 2026-11-12"}));
  EXPECT_EQ(two.summary["changes"]["removed_by_why"], (Json{{"aged-out", 1}}));
}

}  // namespace
