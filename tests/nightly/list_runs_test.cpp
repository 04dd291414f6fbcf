// Runs per scope (issue 18): a run scoped to one list (`report --list`) is recorded in that
// list's scope and compares with the previous run of the same list, so the other lists'
// addresses never show as "removed"; a whole run still compares with the previous whole run.
// Two lists, two nights, each night a whole run then one run per list.
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

constexpr const char* kNews = "news.example.org";
constexpr const char* kDeals = "deals.example.org";

class ListRuns : public ::testing::Test {
 protected:
  TempDir tmp;
  fs::path db = tmp.path() / "history.sqlite";

  struct Night {
    Json summary;
    std::vector<std::string> changes;  // "address change why" per changes.csv line
    std::string html, text;
  };

  // One run over `box` (already counted messages are read again and change nothing), scoped to
  // `list` ("" = every list), its report written to a folder of its own.
  Night run(const std::string& name, const std::string& now, const fs::path& box, const std::string& list) {
    nightly::Options o;
    o.paths = {box.string()};
    o.database = db;
    o.now = now;
    o.list = list;
    o.out_dir = tmp.path() / name;
    std::ostringstream text;
    o.out = &text;
    o.format = nightly::Format::text;
    nightly::run(o);
    Night night{Json::parse(test::read_file(o.out_dir / "summary.json")), {},
                test::read_file(o.out_dir / "report.html"), text.str()};
    std::istringstream csv(test::read_file(o.out_dir / "changes.csv"));
    std::string line;
    std::getline(csv, line);  // the header
    while (std::getline(csv, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      // address,change,reason,rule,why,...: no cell of these addresses holds a comma.
      std::vector<std::string> cells;
      std::istringstream row(line);
      for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
      if (cells.size() >= 5) night.changes.push_back(cells[0] + " " + cells[1] + " " + cells[4]);
      else ADD_FAILURE() << "short changes.csv line: " << line;
    }
    return night;
  }

  // Bounces of returned messages of one list each: {bounce, List-Id identifier}.
  fs::path mbox(const std::string& name, const std::vector<std::pair<Bounce, std::string>>& bounces) {
    std::string text;
    for (const auto& [b, list] : bounces) text += test::mbox_entry(b, list);
    const fs::path path = tmp.path() / name;
    test::write_file(path, text);
    return path;
  }

  std::int64_t count(const char* sql) {
    history::sqlite::Connection c(db);
    history::sqlite::Statement s(c, sql);
    return s.step() ? s.column_int(0) : -1;
  }
};

using Lines = std::vector<std::string>;

TEST_F(ListRuns, EachListComparesWithItsOwnPreviousRun) {
  // Night 1: ann on the news list, bob on the deals list, both hard.
  const fs::path box1 = mbox("night1.mbox", {{Bounce{"1a", "ann@a.example", "2026-11-09T01:00:00", true}, kNews},
                                             {Bounce{"1b", "bob@b.example", "2026-11-09T01:00:00", true}, kDeals}});
  Night whole1 = run("whole1", "2026-11-10T02:00:00Z", box1, "");
  EXPECT_EQ(whole1.changes, (Lines{"ann@a.example added new", "bob@b.example added new"}));
  Night news1 = run("news1", "2026-11-10T02:10:00Z", box1, kNews);
  EXPECT_EQ(news1.changes, (Lines{"ann@a.example added new"}));
  EXPECT_EQ(news1.summary["changes"]["first_run"], true) << "the list's first run, though a whole run came before";
  EXPECT_EQ(news1.summary["changes"]["list"], kNews);
  EXPECT_EQ(whole1.summary["changes"]["list"], nullptr);
  EXPECT_NE(news1.text.find("Changes: first recorded run of list news.example.org, nothing earlier"), std::string::npos)
      << news1.text;
  EXPECT_NE(news1.html.find("First recorded run of list <b>news.example.org</b>:"), std::string::npos);
  Night deals1 = run("deals1", "2026-11-10T02:20:00Z", box1, kDeals);
  EXPECT_EQ(deals1.changes, (Lines{"bob@b.example added new"}));
  EXPECT_EQ(deals1.summary["changes"]["first_run"], true);

  // Between the nights ann is allowlisted: she leaves the whole list and the news list, not the deals list.
  {
    history::Overrides overrides(db);
    ASSERT_TRUE(overrides.allow("ann@a.example", "2026-11-10T09:00:00Z", ""));
  }

  // Night 2: cat on the news list, dan on the deals list.
  const fs::path box2 = mbox("night2.mbox", {{Bounce{"2c", "cat@c.example", "2026-11-11T01:00:00", true}, kNews},
                                             {Bounce{"2d", "dan@d.example", "2026-11-11T01:00:00", true}, kDeals}});
  Night whole2 = run("whole2", "2026-11-12T02:00:00Z", box2, "");
  EXPECT_EQ(whole2.changes, (Lines{"ann@a.example removed allowed", "cat@c.example added new", "dan@d.example added new"}));
  const Json& w = whole2.summary["changes"];
  EXPECT_EQ(w["previous_run"], "2026-11-10T02:00:00Z") << "the previous whole run, not the last list's run";
  EXPECT_NE(whole2.text.find("Changes since the previous run (2026-11-10T02:00:00Z): 2 newly suppressed"),
            std::string::npos)
      << whole2.text;
  EXPECT_EQ(w["counts"]["suppressed"], (Json{{"previous", 2}, {"current", 3}, {"change", 1}}));

  Night news2 = run("news2", "2026-11-12T02:10:00Z", box2, kNews);
  EXPECT_EQ(news2.changes, (Lines{"ann@a.example removed allowed", "cat@c.example added new"}))
      << "bob and dan are on the deals list: not removed from the news list";
  const Json& n = news2.summary["changes"];
  EXPECT_EQ(n["previous_run"], "2026-11-10T02:10:00Z");
  EXPECT_NE(news2.text.find("Changes since the previous run of list news.example.org (2026-11-10T02:10:00Z): "
                            "1 newly suppressed, 1 left the list (1 allowed)"),
            std::string::npos)
      << news2.text;
  EXPECT_NE(news2.html.find("Since the previous run of list <b>news.example.org</b> (2026-11-10T02:10:00Z)"),
            std::string::npos);
  EXPECT_EQ(n["removed_by_why"], (Json{{"allowed", 1}}));
  EXPECT_EQ(n["counts"]["suppressed"], (Json{{"previous", 1}, {"current", 1}, {"change", 0}}));
  EXPECT_NE(news2.html.find("<tr class=\"new-tonight\" data-domain=\"c.example\"><td class=\"addr\">cat@c.example"),
            std::string::npos);

  Night deals2 = run("deals2", "2026-11-12T02:20:00Z", box2, kDeals);
  EXPECT_EQ(deals2.changes, (Lines{"dan@d.example added new"}));
  const Json& d = deals2.summary["changes"];
  EXPECT_EQ(d["previous_run"], "2026-11-10T02:20:00Z");
  EXPECT_EQ(d["removed"], 0);
  EXPECT_EQ(d["counts"]["suppressed"], (Json{{"previous", 1}, {"current", 2}, {"change", 1}}));
  EXPECT_EQ(deals2.html.find("<tr class=\"new-tonight\" data-domain=\"b.example\">"), std::string::npos)
      << "bob was on the deals list's night 1 list: not new";

  // A third whole run right after compares with the second whole run, not with the deals run.
  Night whole3 = run("whole3", "2026-11-12T03:00:00Z", box2, "");
  EXPECT_TRUE(whole3.changes.empty()) << testing::PrintToString(whole3.changes);
  EXPECT_EQ(whole3.summary["changes"]["previous_run"], "2026-11-12T02:00:00Z");

  // Every run is kept; the list of the latest run of each scope, and no other.
  EXPECT_EQ(count("SELECT count(*) FROM runs"), 7);
  EXPECT_EQ(count("SELECT count(*) FROM runs WHERE mailing_list = 'news.example.org'"), 2);
  EXPECT_EQ(count("SELECT count(DISTINCT run) FROM run_suppressions"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM run_suppressions"), 3 + 1 + 2);
}

// A run scoped to a list no record names is recorded in its own scope and leaves the others alone.
TEST_F(ListRuns, AnUnknownListIsAScopeOfItsOwn) {
  const fs::path box = mbox("night.mbox", {{Bounce{"1a", "ann@a.example", "2026-11-09T01:00:00", true}, kNews}});
  run("whole1", "2026-11-10T02:00:00Z", box, "");
  Night none = run("none", "2026-11-10T02:10:00Z", box, "no.such.list");
  EXPECT_TRUE(none.changes.empty());
  EXPECT_EQ(none.summary["changes"]["first_run"], true);
  Night whole2 = run("whole2", "2026-11-11T02:00:00Z", box, "");
  EXPECT_TRUE(whole2.changes.empty()) << testing::PrintToString(whole2.changes);
  EXPECT_EQ(whole2.summary["changes"]["previous_run"], "2026-11-10T02:00:00Z");
}

}  // namespace
