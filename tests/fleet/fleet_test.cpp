// A fleet of hosts writing one PostgreSQL history (docs/fleet.md): four `bouncekit report`
// processes over four shards of the bounces, at the same time, one of them SIGKILLed halfway and
// run again, end with the same history and the same report as one SQLite run over all four
// shards. Runs on the throwaway server of tests/postgres_server.hpp.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <future>
#include <thread>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "fleet/fleet_fixture.hpp"
#include "nightly/cli_run.hpp"
#include "postgres_server.hpp"

namespace {

using namespace bouncekit::test;
using namespace bouncekit::test::fleet;

TEST(Fleet, FourConcurrentHostsOneKilledEqualOneSqliteRun) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const std::map<std::string, std::string> env = run_env(tmp.path());

  std::string reference;
  ASSERT_NO_FATAL_FAILURE(write_reference(tmp.path(), shards, env, reference));

  // The fleet: four hosts at once, host1 killed after its second batch.
  const std::string fleet = server->create_database();
  run_four_one_killed(env, [&](int s) {
    return report_args(fleet, tmp.path() / ("out" + std::to_string(s)), {shards[s]}, "host" + std::to_string(s));
  });
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages WHERE host = 'host1'"), 200);  // two batches
  CliRun rerun = run_cli(report_args(fleet, tmp.path() / "out1", {shards[1]}, "host1"), env);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  nlohmann::json rerun_run = nlohmann::json::parse(rerun.out)["run"];
  EXPECT_EQ(rerun_run["new_messages"], kPerShard - 200);
  EXPECT_EQ(rerun_run["already_counted"], 200);

  // Every message once, each counted by the host that read it.
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages"), kShards * kPerShard);
  for (int s = 0; s < kShards; ++s)
    EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages WHERE host = 'host" + std::to_string(s) + "'"), kPerShard);
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM records"), int_of(reference, "SELECT count(*) FROM records"));
  EXPECT_EQ(dump(fleet), dump(reference));
  EXPECT_EQ(orphan_records(fleet), 0);  // PostgreSQL enforces no foreign key there

  // The fleet's report, published from the history alone (--no-input) by a central machine.
  nlohmann::json published;
  ASSERT_NO_FATAL_FAILURE(publish_equals_reference(fleet, tmp.path(), env, published));
  EXPECT_EQ(published["run"]["read"], 0);
  // The split per host: each shard's records under the host that read it, and the four add up.
  std::uint64_t host_records = 0;
  for (const auto& h : published["hosts"]) host_records += h["records"].get<std::uint64_t>();
  EXPECT_EQ(host_records, published["window"]["records"].get<std::uint64_t>());
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages WHERE host = 'central'"), 0);
}

// The server goes away in the middle of a run (stopped, then started again): the run ends with
// exit code 7 and says to run again; the rerun stores what is left, nothing twice.
TEST(Fleet, AConnectionLostMidRunFailsClearlyAndTheRerunCompletes) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const std::map<std::string, std::string> env = run_env(tmp.path());
  const std::string target = server->create_database();
  std::vector<std::string> args = report_args(target, tmp.path() / "out", shards, "mx1");
  args[9] = "20";  // --batch-size 20: many commits, so the run is caught between two
  auto run = std::async(std::launch::async, [&] { return run_cli(args, env); });
  // Once a few batches are committed, the server stops (fast shutdown ends every session).
  std::int64_t stored = 0;
  for (int i = 0; i < 600 && stored < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    try {
      stored = int_of(target, "SELECT count(*) FROM messages");
    } catch (const std::exception&) {  // the schema is not there yet
    }
  }
  ASSERT_GE(stored, 100);
  server->stop();
  CliRun lost = run.get();
  ASSERT_TRUE(server->start_again());
  const std::int64_t kept = int_of(target, "SELECT count(*) FROM messages");
  if (kept == kShards * kPerShard) GTEST_SKIP() << "the run had finished before the server stopped";
  EXPECT_EQ(lost.exit_code, 7) << lost.err;
  EXPECT_NE(lost.err.find("run again"), std::string::npos) << lost.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "out" / "summary.json"));
  EXPECT_EQ(kept % 20, 0) << "only whole batches are kept";
  EXPECT_EQ(orphan_records(target), 0) << "what the lost run kept";

  CliRun rerun = run_cli(report_args(target, tmp.path() / "out", shards, "mx1"), env);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  nlohmann::json rerun_run = nlohmann::json::parse(rerun.out)["run"];
  EXPECT_EQ(rerun_run["already_counted"], kept);
  EXPECT_EQ(rerun_run["new_messages"], kShards * kPerShard - kept);
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM messages"), kShards * kPerShard);
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM records"),
            int_of(target, "SELECT count(*) FROM (SELECT DISTINCT message FROM records) m"));
  // One record per message, but for the ordinary mail (none).
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM records"),
            int_of(target, "SELECT count(*) FROM messages WHERE kind <> 'not_bounce'"));
  EXPECT_EQ(orphan_records(target), 0);
}

// Two hosts reading copies of the same messages in opposite orders, at the same time: each
// batch inserts its messages in fingerprint order (history/pg_batch.hpp), so neither waits for
// the other in a cycle (no deadlock, which would end one run with exit 4), and every message is
// stored once, counted as new by exactly one of the two. Repeated, since a deadlock needs the
// two runs to meet inside a batch; 1250 messages in batches of 100 meet mid-batch.
TEST(Fleet, TwoHostsReadingTheSameMessagesInOppositeOrdersBothSucceed) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  TempDir tmp;
  constexpr int kMessages = 1250;
  std::string forward, backward;
  std::vector<std::string> entries;
  for (int i = 0; i < kMessages; ++i)
    entries.push_back(mbox_entry(Bounce{"o" + std::to_string(i), "user" + std::to_string(i) + "@d.example",
                                        "2026-11-10T10:00:00", false}));
  for (int i = 0; i < kMessages; ++i) {
    forward += entries[i];
    backward += entries[kMessages - 1 - i];
  }
  const fs::path paths[] = {tmp.path() / "forward.mbox", tmp.path() / "backward.mbox"};
  write_file(paths[0], forward);
  write_file(paths[1], backward);
  const std::map<std::string, std::string> env = {{"BOUNCEKIT_NOW", kNow},
                                                  {"XDG_STATE_HOME", (tmp.path() / "state").string()}};
  for (int round = 0; round < 3; ++round) {
    const std::string target = server->create_database();
    std::vector<std::future<CliRun>> runs;
    for (int h = 0; h < 2; ++h)
      runs.push_back(std::async(std::launch::async, [&, h] {
        return run_cli(report_args(target, tmp.path() / ("out" + std::to_string(round) + std::to_string(h)),
                                   {paths[h]}, "mx" + std::to_string(h)),
                       env);
      }));
    std::int64_t new_messages = 0;
    for (int h = 0; h < 2; ++h) {
      CliRun r = runs[h].get();
      ASSERT_EQ(r.exit_code, 0) << "round " << round << ", host mx" << h << ": " << r.err;
      nlohmann::json run = nlohmann::json::parse(r.out)["run"];
      EXPECT_EQ(run["new_messages"].get<std::int64_t>() + run["already_counted"].get<std::int64_t>(), kMessages);
      new_messages += run["new_messages"].get<std::int64_t>();
    }
    EXPECT_EQ(new_messages, kMessages) << "round " << round;
    EXPECT_EQ(int_of(target, "SELECT count(*) FROM messages"), kMessages);
    EXPECT_EQ(int_of(target, "SELECT count(*) FROM records"), kMessages);
  }
}

TEST(Fleet, NoInputTakesNoPathsAndNeedsAHistory) {
  TempDir tmp;
  const std::string db = (tmp.path() / "h.sqlite").string();
  EXPECT_EQ(run_cli({"report", "--quiet", "--db", db, "--no-input", (tmp.path() / "x.mbox").string()}).exit_code, 2);
  EXPECT_EQ(run_cli({"report", "--quiet", "--db", db}).exit_code, 2);
  EXPECT_EQ(run_cli({"report", "--quiet", "--no-history", "--no-input"}).exit_code, 2);
  CliRun ok = run_cli({"report", "--quiet", "--db", db, "--no-input", "--format", "json"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

}  // namespace
