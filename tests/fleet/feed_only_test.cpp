// `report --feed-only` (docs/fleet.md, "Hosts feed, one host publishes"): a host stores what is
// new in the history and stops: nothing on standard output, no report files, no run recorded,
// the summary line on stderr without the window's figures. It keeps the guarantees of a whole
// run (batches, kill and rerun), and four feeding hosts on PostgreSQL then one `--no-input`
// publish give the report of one SQLite run over everything.
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <stdexcept>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bouncekit/nightly.hpp"
#include "fleet/fleet_fixture.hpp"
#include "nightly/cli_run.hpp"
#include "postgres_server.hpp"

namespace {

using namespace bouncekit::test;
using namespace bouncekit::test::fleet;

std::vector<std::string> feed_args(const std::string& db, const std::vector<fs::path>& inputs, const std::string& host,
                                   bool quiet = true) {
  std::vector<std::string> args = {"report", "--feed-only", "--db", db, "--batch-size", "100", "--host-name", host};
  if (quiet) args.insert(args.begin() + 1, "--quiet");
  for (const auto& p : inputs) args.push_back(p.string());
  return args;
}

TEST(FeedOnly, StoresWhatIsNewAndWritesNoReportNorRun) {
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const auto env = run_env(tmp.path());
  const std::string db = (tmp.path() / "h.sqlite").string();

  CliRun fed = run_cli(feed_args(db, {shards[0]}, "mx1", false), env);
  ASSERT_EQ(fed.exit_code, 0) << fed.err;
  EXPECT_EQ(fed.out, "");
  EXPECT_EQ(summary_value(fed.err, "read"), kPerShard) << fed.err;
  EXPECT_EQ(summary_value(fed.err, "new"), kPerShard);
  EXPECT_EQ(summary_value(fed.err, "already_counted"), 0);
  // No window was read: the line does not pretend it was.
  EXPECT_EQ(fed.err.find("window_records="), std::string::npos) << fed.err;
  EXPECT_EQ(fed.err.find("suppressed="), std::string::npos) << fed.err;
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM messages WHERE host = 'mx1'"), kPerShard);
  EXPECT_GT(int_of(db, "SELECT count(*) FROM records"), 0);
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM runs"), 0);

  // A whole run records itself; a feed-only run after it adds no run.
  CliRun whole = run_cli(report_args(db, tmp.path() / "out", {shards[1]}, "mx1"), env);
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  ASSERT_EQ(int_of(db, "SELECT count(*) FROM runs"), 1);
  CliRun more = run_cli(feed_args(db, {shards[0], shards[2]}, "mx1", false), env);
  ASSERT_EQ(more.exit_code, 0) << more.err;
  EXPECT_EQ(more.out, "");
  EXPECT_EQ(summary_value(more.err, "new"), kPerShard);
  EXPECT_EQ(summary_value(more.err, "already_counted"), kPerShard);
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM runs"), 1);
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM messages"), 3 * kPerShard);

  // The history it wrote is the one a whole run writes.
  const std::string reference = (tmp.path() / "whole.sqlite").string();
  CliRun ref = run_cli(report_args(reference, tmp.path() / "ref", {shards[1], shards[0], shards[2]}, "mx1"), env);
  ASSERT_EQ(ref.exit_code, 0) << ref.err;
  EXPECT_EQ(dump(db), dump(reference));
}

TEST(FeedOnly, AKilledFeedRunsAgainAsIfNeverKilled) {
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  auto env = run_env(tmp.path());
  const std::string db = (tmp.path() / "h.sqlite").string();
  std::map<std::string, std::string> kill_env = env;
  kill_env["BOUNCEKIT_TEST_KILL_AFTER_BATCHES"] = "2";
  CliRun killed = run_cli(feed_args(db, {shards[0]}, "mx1"), kill_env);
  EXPECT_EQ(killed.signal, SIGKILL) << killed.exit_code << ": " << killed.err;
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM messages"), 200);  // two batches of 100
  CliRun rerun = run_cli(feed_args(db, {shards[0]}, "mx1", false), env);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(summary_value(rerun.err, "new"), kPerShard - 200);
  EXPECT_EQ(summary_value(rerun.err, "already_counted"), 200);
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM messages"), kPerShard);
}

// The options of the report it does not write, and those under which nothing would be stored,
// are usage errors (exit 2), before anything is read or created.
TEST(FeedOnly, RefusesReportOptionsAndNeedsInput) {
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const auto env = run_env(tmp.path());
  const std::string db = (tmp.path() / "h.sqlite").string();
  const std::string out = (tmp.path() / "out").string();
  const std::vector<std::vector<std::string>> refused = {
      {"--out", out},       {"--format", "json"},   {"--no-input"},         {"--list", "weekly.news.example.com"},
      {"--reclassify"},     {"--dry-run"},          {"--since", "30d"},     {"--csv-raw"},
      {"--only", "hard"},   {"--policy-soft-count", "5"}};
  for (const auto& extra : refused) {
    std::vector<std::string> args = feed_args(db, {shards[0]}, "mx1");
    args.insert(args.begin() + 2, extra.begin(), extra.end());
    CliRun r = run_cli(args, env);
    EXPECT_EQ(r.exit_code, 2) << extra[0] << ": " << r.err;
    EXPECT_EQ(r.out, "") << extra[0];
  }
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(db));
  // A temporary history would keep nothing (without --db, which --no-history refuses anyway).
  EXPECT_EQ(run_cli({"report", "--quiet", "--feed-only", "--no-history", shards[0].string()}, env).exit_code, 2);
  // No paths: nothing to feed.
  EXPECT_EQ(run_cli({"report", "--quiet", "--feed-only", "--db", db}, env).exit_code, 2);
  EXPECT_FALSE(fs::exists(db));
}

// The library call refuses what the command line refuses, before it takes the lock or creates
// the database: a dry run, --reclassify, a report folder, no database.
TEST(FeedOnly, TheLibraryRefusesWhatWouldStoreNothingOrWriteAReport) {
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const fs::path db = tmp.path() / "h.sqlite";
  auto options = [&] {
    bouncekit::nightly::Options o;
    o.feed_only = true;
    o.database = db;
    o.paths = {shards[0].string()};
    o.now = kNow;
    return o;
  };
  bouncekit::nightly::Options dry = options(), reclassify = options(), out = options(), none = options();
  dry.dry_run = true;
  reclassify.reclassify = true;
  out.out_dir = tmp.path() / "out";
  none.database.clear();
  for (const auto* o : {&dry, &reclassify, &out, &none})
    EXPECT_THROW(bouncekit::nightly::run(*o), std::invalid_argument);
  EXPECT_FALSE(fs::exists(db));
  EXPECT_FALSE(fs::exists(tmp.path() / "out"));
  bouncekit::nightly::Counts c = bouncekit::nightly::run(options());
  EXPECT_EQ(c.new_messages, static_cast<std::uint64_t>(kPerShard));
  EXPECT_EQ(c.window_records, 0u);
  EXPECT_EQ(int_of(db.string(), "SELECT count(*) FROM runs"), 0);
}

// The deployment: four hosts feed one PostgreSQL history at once (one of them SIGKILLed
// after two batches and run again), none of them writes a report or records a run; then one
// `--no-input` publish, whose report equals one SQLite run over all four shards (both are the
// history's first recorded run, so what changed since the previous one matches too).
TEST(FeedOnly, FourFeedingHostsOnPostgresqlThenOnePublishEqualOneSqliteRun) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const auto env = run_env(tmp.path());
  std::string reference;
  ASSERT_NO_FATAL_FAILURE(write_reference(tmp.path(), shards, env, reference, HostsRecordRuns::no));

  const std::string fleet = server->create_database();
  const std::vector<CliRun> feeds =
      run_four_one_killed(env, [&](int s) { return feed_args(fleet, {shards[s]}, "host" + std::to_string(s)); });
  for (int s = 0; s < kShards; ++s)
    if (s != 1) {
      EXPECT_EQ(feeds[s].out, "") << "host" << s;
    }
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages WHERE host = 'host1'"), 200);
  CliRun rerun = run_cli(feed_args(fleet, {shards[1]}, "host1", false), env);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(rerun.out, "");
  EXPECT_EQ(summary_value(rerun.err, "new"), kPerShard - 200);
  EXPECT_EQ(summary_value(rerun.err, "already_counted"), 200);

  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM runs"), 0);
  EXPECT_EQ(dump(fleet), dump(reference));
  EXPECT_EQ(orphan_records(fleet), 0);  // PostgreSQL enforces no foreign key there
  nlohmann::json published;
  ASSERT_NO_FATAL_FAILURE(publish_equals_reference(fleet, tmp.path(), env, published));
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM runs"), 1);  // the publisher's alone
  EXPECT_EQ(published["run"]["read"], 0);
}

}  // namespace
