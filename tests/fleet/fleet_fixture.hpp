// What the fleet tests share (docs/fleet.md): the four shards of made-up mail, the runs'
// arguments and environment, and the comparisons of a history and of report folders.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <csignal>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "history/connection.hpp"
#include "nightly/cli_run.hpp"
#include "nightly/mail_factory.hpp"

namespace bouncekit::test::fleet {

namespace fs = std::filesystem;
namespace db = bouncekit::history::db;

constexpr int kShards = 4;
constexpr int kPerShard = 600;  // --batch-size 100: six batches per shard
constexpr const char* kNow = "2026-11-22T02:30:00Z";

// Shard s holds messages s, s + 4, s + 8, ...: every recipient bounces on several hosts, so
// only the fleet's whole history reaches the policy's thresholds. Some bounces return a message
// of a mailing list (List-Id), some messages are auto-replies (a record, not a bounce) and some
// ordinary mail (no record), so that every kind of count and the lists are compared.
inline void write_shard(const fs::path& path, int shard) {
  std::string mbox;
  for (int k = 0; k < kPerShard; ++k) {
    int i = k * kShards + shard;
    char when[32];
    std::snprintf(when, sizeof when, "2026-11-%02dT%02d:%02d:00", 1 + i % 20, i % 24, i % 60);
    const std::string id = "f" + std::to_string(i);
    const std::string recipient = "user" + std::to_string(i % 300) + "@domain" + std::to_string(i % 23) + ".example";
    std::string message;
    if (i % 41 == 0) {
      message = auto_reply(id, recipient, when);
    } else if (i % 53 == 0) {
      message = "From: " + recipient + "\nTo: news@example.com\nSubject: a question " + id + "\nDate: " +
                rfc5322_date(when) + "\n\nWhen is the next issue out?\n";
    } else {
      message = bounce_message(Bounce{id, recipient, when, i % 7 == 0});
      if (i % 3 == 0) {
        const std::string subject = "Subject: Newsletter " + id + "\n";
        message.replace(message.rfind(subject), 0, "List-Id: Weekly news <weekly.news.example.com>\n");
      }
    }
    mbox += "From MAILER-DAEMON Thu Nov 19 02:00:00 2026\n" + message + "\n";
  }
  write_file(path, mbox);
}

// The four shards, written under `dir`.
inline std::vector<fs::path> write_shards(const fs::path& dir) {
  std::vector<fs::path> shards;
  for (int s = 0; s < kShards; ++s) {
    shards.push_back(dir / ("shard" + std::to_string(s) + ".mbox"));
    write_shard(shards.back(), s);
  }
  return shards;
}

// The environment of every run: one clock, and the local lock files under `dir`.
inline std::map<std::string, std::string> run_env(const fs::path& dir) {
  return {{"BOUNCEKIT_NOW", kNow}, {"XDG_STATE_HOME", (dir / "state").string()}};
}

// Every message and record, without ids and hosts (which differ by design), in a fixed order.
inline std::string dump(const std::string& target) {
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
                        " r.action, r.evidence, r.rule, r.smtp_command, r.diagnostic_type, r.reporting_mta, r.hint,"
                        " r.inferred_status, r.feedback_type, r.reported_recipient, r.mailing_list, r.sender"
                        " FROM records r JOIN messages m ON m.id = r.message"
                        " ORDER BY m.fingerprint, r.recipient, r.date");
  while (records.step()) {
    for (int i = 0; i < 24; ++i) text += std::string(records.column_text(i)) + "|";
    text += "\n";
  }
  return text;
}

inline std::int64_t int_of(const std::string& target, const std::string& sql) {
  auto c = db::open(target);
  db::Statement s(*c, sql);
  return s.step() ? s.column_int(0) : -1;
}

// Records whose message is not in the history. PostgreSQL does not enforce the foreign key
// records.message -> messages(id) (schema version 8, docs/history.md): the writer keeps it, and
// the fleet's tests check it here after every way a run can end (killed, connection lost).
inline std::int64_t orphan_records(const std::string& target) {
  return int_of(target,
                "SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = r.message)");
}

// Which diagnostics stand as a domain's examples follows the order the records were stored
// (docs/fleet.md): in a fleet, the order the hosts committed, not the order one host read the
// shards. They are left out of the comparison (their number is kept): the example column of
// domains.csv, the example_diagnostics of summary.json, the lines of report.html that show one
// (they quote a recipient, "&lt;user..."). Everything else, every count, rate and date, and the
// files without examples (suppressions.csv, recipients.jsonl, providers.csv), must be equal.
inline std::string without_example_column(const std::string& csv) {
  std::string out;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    std::size_t at = 0;
    for (int comma = 0; comma < 13 && at != std::string::npos; ++comma) at = line.find(',', at ? at + 1 : 0);
    out += (at == std::string::npos ? line : line.substr(0, at)) + "\n";
  }
  return out;
}

inline void count_examples(nlohmann::json& j) {
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

inline std::string without_example_lines(const std::string& html) {
  std::string out;
  std::istringstream in(html);
  for (std::string line; std::getline(in, line);)
    if (line.find("&lt;user") == std::string::npos) out += line + "\n";
  return out;
}

// The report files without what describes this run rather than the history.
inline std::map<std::string, std::string> report_files(const fs::path& out) {
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

inline std::vector<std::string> report_args(const std::string& db, const fs::path& out, const std::vector<fs::path>& inputs,
                                     const std::string& host) {
  std::vector<std::string> args = {"report", "--quiet", "--db", db, "--out", out.string(), "--format", "json",
                                   "--batch-size", "100", "--since", "all", "--host-name", host};
  for (const auto& p : inputs) args.push_back(p.string());
  return args;
}

// Four runs at once, run s with the arguments `args_of(s)`; run 1 is killed by the test hook after
// its second committed batch (BOUNCEKIT_TEST_KILL_AFTER_BATCHES, docs/cron.md). Checks that run 1
// died of SIGKILL and the others exited 0, and returns the four results.
inline std::vector<CliRun> run_four_one_killed(const std::map<std::string, std::string>& env,
                                               const std::function<std::vector<std::string>(int)>& args_of) {
  std::vector<std::future<CliRun>> runs;
  for (int s = 0; s < kShards; ++s) {
    std::map<std::string, std::string> host_env = env;
    if (s == 1) host_env["BOUNCEKIT_TEST_KILL_AFTER_BATCHES"] = "2";
    runs.push_back(std::async(std::launch::async, [&args_of, s, host_env] { return run_cli(args_of(s), host_env); }));
  }
  std::vector<CliRun> results;
  for (int s = 0; s < kShards; ++s) {
    results.push_back(runs[s].get());
    const CliRun& r = results.back();
    if (s == 1) {
      EXPECT_EQ(r.signal, SIGKILL) << r.exit_code << ": " << r.err;
    } else {
      EXPECT_EQ(r.exit_code, 0) << "run " << s << ": " << r.err;
    }
  }
  return results;
}

// The reference every fleet is compared with: one SQLite history (returned), one host ("solo"),
// all four shards, its report in dir/ref. The publisher's report holds what changed since the
// previous recorded run: when the hosts record runs (each wrote a report), the reference runs
// twice, so that its report, like the publisher's, comes after a recorded run; when they only
// fed the history (--feed-only records no run), once: the publish is the first recorded run.
// Call under ASSERT_NO_FATAL_FAILURE.
enum class HostsRecordRuns { yes, no };
inline void write_reference(const fs::path& dir, const std::vector<fs::path>& shards,
                            const std::map<std::string, std::string>& env, std::string& reference,
                            HostsRecordRuns hosts_record_runs = HostsRecordRuns::yes) {
  reference = (dir / "reference.sqlite").string();
  if (hosts_record_runs == HostsRecordRuns::yes) {
    CliRun first = run_cli(report_args(reference, dir / "ref-first", shards, "solo"), env);
    ASSERT_EQ(first.exit_code, 0) << first.err;
  }
  CliRun last = run_cli(report_args(reference, dir / "ref", shards, "solo"), env);
  ASSERT_EQ(last.exit_code, 0) << last.err;
}

// The fleet's report, published from the history `fleet` alone (--no-input, host "central") into
// dir/fleet-report: it names the four hosts host0..host3 that fed it, and every report file equals
// the reference's (write_reference). `published` gets its summary. Call under ASSERT_NO_FATAL_FAILURE.
inline void publish_equals_reference(const std::string& fleet, const fs::path& dir,
                                     const std::map<std::string, std::string>& env, nlohmann::json& published) {
  std::vector<std::string> publish_args = report_args(fleet, dir / "fleet-report", {}, "central");
  publish_args.push_back("--no-input");
  // Two threads whatever the machine: the window's two passes at once, on two connections
  // reading one exported snapshot (nightly/job.cpp).
  publish_args.insert(publish_args.end(), {"--threads", "2"});
  CliRun publish = run_cli(publish_args, env);
  ASSERT_EQ(publish.exit_code, 0) << publish.err;
  published = nlohmann::json::parse(publish.out);
  std::set<std::string> hosts;
  for (const auto& h : published["hosts"]) hosts.insert(h["name"].get<std::string>());
  EXPECT_EQ(hosts, (std::set<std::string>{"host0", "host1", "host2", "host3"}));
  auto expected = report_files(dir / "ref");
  auto got = report_files(dir / "fleet-report");
  for (const auto& [name, text] : expected) EXPECT_EQ(got[name], text) << name;
}

}  // namespace bouncekit::test::fleet
