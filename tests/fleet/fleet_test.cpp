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

#include "history/connection.hpp"
#include "nightly/cli_run.hpp"
#include "nightly/mail_factory.hpp"
#include "postgres_server.hpp"

namespace {

namespace fs = std::filesystem;
namespace db = bouncekit::history::db;
using namespace bouncekit::test;

constexpr int kShards = 4;
constexpr int kPerShard = 600;  // --batch-size 100: six batches per shard
constexpr const char* kNow = "2026-11-22T02:30:00Z";

// Shard s holds messages s, s + 4, s + 8, ...: every recipient bounces on several hosts, so
// only the fleet's whole history reaches the policy's thresholds.
void write_shard(const fs::path& path, int shard) {
  std::string mbox;
  for (int k = 0; k < kPerShard; ++k) {
    int i = k * kShards + shard;
    char when[32];
    std::snprintf(when, sizeof when, "2026-11-%02dT%02d:%02d:00", 1 + i % 20, i % 24, i % 60);
    mbox += mbox_entry(Bounce{"f" + std::to_string(i),
                              "user" + std::to_string(i % 300) + "@domain" + std::to_string(i % 23) + ".example",
                              when, i % 7 == 0});
  }
  write_file(path, mbox);
}

// Every message and record, without ids and hosts (which differ by design), in a fixed order.
std::string dump(const std::string& target) {
  auto c = db::open(target);
  std::string text;
  db::Statement messages(*c, "SELECT fingerprint, origin, kind, first_counted FROM messages ORDER BY fingerprint");
  while (messages.step()) {
    for (int i = 0; i < 4; ++i) text += std::string(messages.column_text(i)) + "|";
    text += "\n";
  }
  db::Statement records(*c,
                        "SELECT m.fingerprint, r.date, r.recipient, r.recipient_domain, r.reason, r.bounce,"
                        " r.action_owner, r.status, r.reply_code, r.remote_mta, r.diagnostic, r.decoded_by,"
                        " r.action, r.evidence, r.rule FROM records r JOIN messages m ON m.id = r.message"
                        " ORDER BY m.fingerprint, r.recipient, r.date");
  while (records.step()) {
    for (int i = 0; i < 15; ++i) text += std::string(records.column_text(i)) + "|";
    text += "\n";
  }
  return text;
}

std::int64_t int_of(const std::string& target, const std::string& sql) {
  auto c = db::open(target);
  db::Statement s(*c, sql);
  return s.step() ? s.column_int(0) : -1;
}

// Which diagnostics stand as a domain's examples follows the order the records were stored
// (docs/fleet.md): in a fleet, the order the hosts committed, not the order one host read the
// shards. They are left out of the comparison (their number is kept): the example column of
// domains.csv, the example_diagnostics of summary.json, the lines of report.html that show one
// (they quote a recipient, "&lt;user..."). Everything else, every count, rate and date, and the
// files without examples (suppressions.csv, recipients.jsonl, providers.csv), must be equal.
std::string without_example_column(const std::string& csv) {
  std::string out;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    std::size_t at = 0;
    for (int comma = 0; comma < 13 && at != std::string::npos; ++comma) at = line.find(',', at ? at + 1 : 0);
    out += (at == std::string::npos ? line : line.substr(0, at)) + "\n";
  }
  return out;
}

void count_examples(nlohmann::json& j) {
  if (j.is_object()) {
    for (auto& [key, value] : j.items()) {
      if (key == "example_diagnostics" && value.is_array())
        value = value.size();
      else
        count_examples(value);
    }
  } else if (j.is_array()) {
    for (auto& value : j) count_examples(value);
  }
}

std::string without_example_lines(const std::string& html) {
  std::string out;
  std::istringstream in(html);
  for (std::string line; std::getline(in, line);)
    if (line.find("&lt;user") == std::string::npos) out += line + "\n";
  return out;
}

// The report files without what describes this run rather than the history.
std::map<std::string, std::string> report_files(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (const char* name : {"providers.csv", "suppressions.csv", "recipients.jsonl"}) files[name] = read_file(out / name);
  files["domains.csv"] = without_example_column(read_file(out / "domains.csv"));
  nlohmann::json summary = nlohmann::json::parse(read_file(out / "summary.json"));
  summary.erase("run");
  summary.erase("hosts");  // one host in the reference, four in the fleet: checked on its own
  count_examples(summary);
  files["summary.json"] = summary.dump(1);
  std::string html = read_file(out / "report.html");
  std::size_t note = html.find("<p class=\"note\">This run read ");
  if (note != std::string::npos) html.erase(note, html.find("</p>", note) + 4 - note);
  files["report.html"] = without_example_lines(html);
  return files;
}

std::vector<std::string> report_args(const std::string& db, const fs::path& out, const std::vector<fs::path>& inputs,
                                     const std::string& host) {
  std::vector<std::string> args = {"report", "--quiet", "--db", db, "--out", out.string(), "--format", "json",
                                   "--batch-size", "100", "--since", "all", "--host-name", host};
  for (const auto& p : inputs) args.push_back(p.string());
  return args;
}

TEST(Fleet, FourConcurrentHostsOneKilledEqualOneSqliteRun) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  TempDir tmp;
  std::vector<fs::path> shards;
  for (int s = 0; s < kShards; ++s) {
    shards.push_back(tmp.path() / ("shard" + std::to_string(s) + ".mbox"));
    write_shard(shards.back(), s);
  }
  const std::map<std::string, std::string> env = {{"BOUNCEKIT_NOW", kNow},
                                                  {"XDG_STATE_HOME", (tmp.path() / "state").string()}};

  // The reference: one SQLite history, one host, all four shards; then once more, so that its
  // report, like the fleet's below, is written by a run that finds everything counted.
  const std::string reference = (tmp.path() / "reference.sqlite").string();
  CliRun first = run_cli(report_args(reference, tmp.path() / "ref-first", shards, "solo"), env);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  CliRun again = run_cli(report_args(reference, tmp.path() / "ref", shards, "solo"), env);
  ASSERT_EQ(again.exit_code, 0) << again.err;

  // The fleet: four hosts at once, host1 killed after its second batch.
  const std::string fleet = server->create_database();
  std::vector<std::future<CliRun>> runs;
  for (int s = 0; s < kShards; ++s) {
    std::map<std::string, std::string> host_env = env;
    if (s == 1) host_env["BOUNCEKIT_TEST_KILL_AFTER_BATCHES"] = "2";
    runs.push_back(std::async(std::launch::async, [&, s, host_env] {
      return run_cli(report_args(fleet, tmp.path() / ("out" + std::to_string(s)), {shards[s]},
                                 "host" + std::to_string(s)),
                     host_env);
    }));
  }
  for (int s = 0; s < kShards; ++s) {
    CliRun r = runs[s].get();
    if (s == 1) {
      EXPECT_EQ(r.signal, SIGKILL) << r.exit_code << ": " << r.err;
    } else {
      EXPECT_EQ(r.exit_code, 0) << "host" << s << ": " << r.err;
    }
  }
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

  // The fleet's report, published from the history alone (--no-input) by a central machine.
  std::vector<std::string> publish_args = report_args(fleet, tmp.path() / "fleet-report", {}, "central");
  publish_args.push_back("--no-input");
  CliRun publish = run_cli(publish_args, env);
  ASSERT_EQ(publish.exit_code, 0) << publish.err;
  nlohmann::json published = nlohmann::json::parse(publish.out);
  EXPECT_EQ(published["run"]["read"], 0);
  // The split per host: each shard's records under the host that read it, and the four add up.
  std::set<std::string> hosts;
  std::uint64_t host_records = 0;
  for (const auto& h : published["hosts"]) {
    hosts.insert(h["name"].get<std::string>());
    host_records += h["records"].get<std::uint64_t>();
  }
  EXPECT_EQ(hosts, (std::set<std::string>{"host0", "host1", "host2", "host3"}));
  EXPECT_EQ(host_records, published["window"]["records"].get<std::uint64_t>());
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages WHERE host = 'central'"), 0);
  auto expected = report_files(tmp.path() / "ref");
  auto got = report_files(tmp.path() / "fleet-report");
  for (const auto& [name, text] : expected) EXPECT_EQ(got[name], text) << name;
}

// The server goes away in the middle of a run (stopped, then started again): the run ends with
// exit code 7 and says to run again; the rerun stores what is left, nothing twice.
TEST(Fleet, AConnectionLostMidRunFailsClearlyAndTheRerunCompletes) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  TempDir tmp;
  std::vector<fs::path> shards;
  for (int s = 0; s < kShards; ++s) {
    shards.push_back(tmp.path() / ("shard" + std::to_string(s) + ".mbox"));
    write_shard(shards.back(), s);
  }
  const std::map<std::string, std::string> env = {{"BOUNCEKIT_NOW", kNow},
                                                  {"XDG_STATE_HOME", (tmp.path() / "state").string()}};
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

  CliRun rerun = run_cli(report_args(target, tmp.path() / "out", shards, "mx1"), env);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  nlohmann::json rerun_run = nlohmann::json::parse(rerun.out)["run"];
  EXPECT_EQ(rerun_run["already_counted"], kept);
  EXPECT_EQ(rerun_run["new_messages"], kShards * kPerShard - kept);
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM messages"), kShards * kPerShard);
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM records"),
            int_of(target, "SELECT count(*) FROM (SELECT DISTINCT message FROM records) m"));
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM records"), kShards * kPerShard);
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
