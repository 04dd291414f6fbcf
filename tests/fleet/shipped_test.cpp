// Hosts that cannot reach the database (docs/fleet.md): each runs `bouncekit parse --ship` over
// its mail and ships the file; a central `report` over the files counts the messages exactly as
// if it had read the mail. On SQLite (fast, no server): every report file equal to the report
// over the mail, also with plain and gzip files mixed with mail and from standard input, and
// `--reclassify` deciding the shipped records again as it does decoded ones. On PostgreSQL: the
// fleet test of fleet_test.cpp with shipped files, four central runs at once, one killed.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fleet/fleet_fixture.hpp"
#include "nightly/cli_run.hpp"
#include "postgres_server.hpp"

namespace {

using namespace bouncekit::test;
using namespace bouncekit::test::fleet;

void write_gzip(const fs::path& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

// `parse --ship` over each shard as host `host_of(s)` would run it; shards 1 and 3 shipped
// gzip-compressed. Returns the files, in shard order; `texts`, when given, gets what parse wrote.
template <typename HostOf>
std::vector<fs::path> ship_shards(const std::vector<fs::path>& shards, const fs::path& dir, HostOf host_of,
                                  std::vector<std::string>* texts = nullptr) {
  std::vector<fs::path> files;
  for (int s = 0; s < kShards; ++s) {
    CliRun parse = run_cli({"parse", "--quiet", "--ship", "--host-name", host_of(s), shards[s].string()});
    EXPECT_EQ(parse.exit_code, 0) << parse.err;
    if (texts) texts->push_back(parse.out);
    files.push_back(dir / ("shard" + std::to_string(s) + (s % 2 ? ".jsonl.gz" : ".jsonl")));
    if (s % 2)
      write_gzip(files.back(), parse.out);
    else
      write_file(files.back(), parse.out);
  }
  return files;
}

// Every file of a report folder, byte for byte.
std::map<std::string, std::string> whole_folder(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(out)) files[entry.path().filename()] = read_file(entry.path());
  return files;
}

void expect_same_folder(const fs::path& expected, const fs::path& got, const std::string& what) {
  auto want = whole_folder(expected), have = whole_folder(got);
  ASSERT_GE(want.size(), 8u);
  EXPECT_EQ(have.size(), want.size()) << what;
  for (const auto& [name, text] : want) EXPECT_EQ(have[name], text) << what << ": " << name;
}

TEST(Shipped, ReportOverShippedFilesEqualsReportOverTheMail) {
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const auto env = run_env(tmp.path());
  auto args = [&](const std::string& db, const std::string& out, const std::vector<fs::path>& inputs) {
    return report_args((tmp.path() / db).string(), tmp.path() / out, inputs, "solo");
  };

  CliRun mail = run_cli(args("mail.sqlite", "mail", shards), env);
  ASSERT_EQ(mail.exit_code, 0) << mail.err;
  std::vector<std::string> texts;
  const std::vector<fs::path> shipped =
      ship_shards(shards, tmp.path(), [](int) { return std::string("solo"); }, &texts);

  CliRun files = run_cli(args("files.sqlite", "files", shipped), env);
  ASSERT_EQ(files.exit_code, 0) << files.err;
  EXPECT_EQ(files.out, mail.out);
  expect_same_folder(tmp.path() / "mail", tmp.path() / "files", "shipped files");
  // The comparison compares something: every kind of message and a list are in the mail.
  nlohmann::json run = nlohmann::json::parse(files.out)["run"];
  EXPECT_EQ(run["read"], kShards * kPerShard);
  EXPECT_GT(run["non_bounces"].get<int>(), 0);
  EXPECT_NE(read_file(tmp.path() / "files" / "records.jsonl").find("\"list\":\"weekly.news.example.com\""),
            std::string::npos);

  // The run recorded in the history names the shipped files as its inputs.
  {
    auto c = db::open((tmp.path() / "files.sqlite").string());
    db::Statement inputs(*c, "SELECT inputs FROM runs");
    ASSERT_TRUE(inputs.step());
    nlohmann::json names = nlohmann::json::parse(std::string(inputs.column_text(0)));
    ASSERT_EQ(names.size(), shipped.size());
    for (std::size_t i = 0; i < shipped.size(); ++i) EXPECT_EQ(names[i], shipped[i].string());
  }

  // Mail and shipped files in one run (the mail is read first, so list the mail first to keep
  // the order of records.jsonl).
  CliRun mixed = run_cli(args("mixed.sqlite", "mixed", {shards[0], shards[1], shipped[2], shipped[3]}), env);
  ASSERT_EQ(mixed.exit_code, 0) << mixed.err;
  expect_same_folder(tmp.path() / "mail", tmp.path() / "mixed", "mail and shipped files");

  // All four from standard input, as one stream: `-` with --input-format jsonl.
  std::string all;
  for (const std::string& text : texts) all += text;
  write_file(tmp.path() / "all.txt", all);
  std::vector<std::string> stdin_args = args("stdin.sqlite", "stdin", {"-"});
  stdin_args.insert(stdin_args.end(), {"--input-format", "jsonl"});
  CliRun piped = run_cli(stdin_args, env, (tmp.path() / "all.txt").string());
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  expect_same_folder(tmp.path() / "mail", tmp.path() / "stdin", "standard input");

  // Shipped twice: every message already counted.
  CliRun again = run_cli(args("files.sqlite", "files-again", shipped), env);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["run"]["already_counted"], kShards * kPerShard);
  EXPECT_EQ(nlohmann::json::parse(again.out)["run"]["new_messages"], 0);

  // --reclassify decides the stored records of shipped messages again as those of decoded mail.
  write_file(tmp.path() / "rules.txt", "suspend   mailbox full, try again later\n");
  for (const char* db : {"mail.sqlite", "files.sqlite"}) {
    std::vector<std::string> reclassify = args(db, std::string(db) + "-reclassified", {});
    reclassify.insert(reclassify.end(), {"--no-input", "--reclassify", "--rules", (tmp.path() / "rules.txt").string()});
    CliRun r = run_cli(reclassify, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(read_file(tmp.path() / (std::string(db) + "-reclassified") / "summary.json").find("suspend"),
              std::string::npos);
  }
  expect_same_folder(tmp.path() / "mail.sqlite-reclassified", tmp.path() / "files.sqlite-reclassified",
                     "reclassified");
}

// A damaged file: the run stores the messages before the damage, says which file and line, and
// ends with exit 1; the file shipped again whole finishes the work, nothing counted twice.
TEST(Shipped, ADamagedFileIsReportedAndShippingItAgainFinishesTheWork) {
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const auto env = run_env(tmp.path());
  CliRun parse = run_cli({"parse", "--quiet", "--ship", "--host-name", "mx1", shards[0].string()});
  ASSERT_EQ(parse.exit_code, 0) << parse.err;
  const std::string whole = parse.out;
  std::size_t cut = 0;
  for (int line = 0; line < 100; ++line) cut = whole.find('\n', cut) + 1;
  write_file(tmp.path() / "mx1.jsonl", whole.substr(0, cut) + "{\"garbage\n" + whole.substr(cut));
  const std::string db = (tmp.path() / "h.sqlite").string();
  CliRun damaged = run_cli(report_args(db, tmp.path() / "out", {tmp.path() / "mx1.jsonl"}, "central"), env);
  EXPECT_EQ(damaged.exit_code, 1) << damaged.err;
  EXPECT_NE(damaged.err.find("mx1.jsonl: line 101: not JSON"), std::string::npos) << damaged.err;
  const int kept = nlohmann::json::parse(damaged.out)["run"]["read"];
  EXPECT_GT(kept, 0);
  EXPECT_LE(kept, 100);

  write_file(tmp.path() / "mx1.jsonl", whole);
  CliRun fixed = run_cli(report_args(db, tmp.path() / "out", {tmp.path() / "mx1.jsonl"}, "central"), env);
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  nlohmann::json run = nlohmann::json::parse(fixed.out)["run"];
  EXPECT_EQ(run["already_counted"], kept);
  EXPECT_EQ(run["new_messages"], kPerShard - kept);
}

TEST(Shipped, ShipWritesJsonLinesOnly) {
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  for (const char* format : {"json", "csv"})
    EXPECT_EQ(run_cli({"parse", "--quiet", "--ship", "--format", format, shards[0].string()}).exit_code, 2) << format;
  // --host-name names the host of shipped messages: without --ship it has nothing to name.
  EXPECT_EQ(run_cli({"parse", "--quiet", "--host-name", "mx1", shards[0].string()}).exit_code, 2);
}

// `parse --ship -` is a filter (mbox in, JSON Lines out), as a batch engine's map step runs it:
// the same messages and fingerprints as over the file, only the origin says `-`. What a
// streaming engine appends to a line (Hadoop's tab before an empty value) does not disturb report.
TEST(Shipped, ParseOverStandardInputIsTheMapStep) {
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  CliRun file = run_cli({"parse", "--quiet", "--ship", "--host-name", "mx1", shards[0].string()});
  CliRun piped = run_cli({"parse", "--quiet", "--ship", "--host-name", "mx1", "-"}, {}, shards[0].string());
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  // Each line's fingerprint and kind; `origins` gets each line's origin. The last line closes the
  // shipment, counting its messages.
  auto tags = [](const std::string& jsonl, std::vector<std::string>& origins) {
    std::vector<std::string> out;
    std::istringstream in(jsonl);
    std::set<std::string> messages;
    bool closed = false;
    for (std::string line; std::getline(in, line);) {
      EXPECT_FALSE(closed) << "a line after the closing line: " << line;
      nlohmann::json j = nlohmann::json::parse(line);
      if (j.contains("end_of_shipment")) {
        closed = true;
        EXPECT_EQ(j["messages"].get<std::size_t>(), messages.size());
        EXPECT_EQ(j["host"], "mx1");
        continue;
      }
      messages.insert(j["fingerprint"].get<std::string>() + j["origin"].get<std::string>());
      out.push_back(j["fingerprint"].get<std::string>() + " " + j["message_kind"].get<std::string>());
      origins.push_back(j["origin"].get<std::string>());
    }
    EXPECT_TRUE(closed) << "no closing line";
    return out;
  };
  std::vector<std::string> file_origins, piped_origins;
  EXPECT_EQ(tags(piped.out, piped_origins), tags(file.out, file_origins));
  ASSERT_EQ(piped_origins.size(), file_origins.size());
  for (std::size_t i = 0; i < piped_origins.size(); ++i)  // "-#1@0" for "/tmp/.../shard0.mbox#1@0"
    EXPECT_EQ(piped_origins[i], "-" + file_origins[i].substr(file_origins[i].find('#')));

  std::string tabbed;
  std::istringstream in(piped.out);
  for (std::string line; std::getline(in, line);) tabbed += line + "\t\n";
  write_file(tmp.path() / "part-00000", tabbed);
  CliRun report = run_cli({"report", "--quiet", "--no-history", "--since", "all", "--format", "json",
                           "--input-format", "jsonl", (tmp.path() / "part-00000").string()},
                          run_env(tmp.path()));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(nlohmann::json::parse(report.out)["run"]["read"], kPerShard);
}

// The end-to-end test with shipped files: four hosts parse their shard, four central
// runs store the files into one PostgreSQL history at once (one of them SIGKILLed after two
// batches and run again), and the fleet's report equals one SQLite run over the mail.
TEST(Shipped, FourShippedFilesIntoPostgresqlOneKilledEqualOneSqliteRun) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  TempDir tmp;
  const std::vector<fs::path> shards = write_shards(tmp.path());
  const auto env = run_env(tmp.path());

  std::string reference;
  ASSERT_NO_FATAL_FAILURE(write_reference(tmp.path(), shards, env, reference));

  const std::vector<fs::path> shipped =
      ship_shards(shards, tmp.path(), [](int s) { return "host" + std::to_string(s); });
  const std::string fleet = server->create_database();
  run_four_one_killed(env, [&](int s) {
    return report_args(fleet, tmp.path() / ("out" + std::to_string(s)), {shipped[s]}, "central" + std::to_string(s));
  });
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages WHERE host = 'host1'"), 200);  // two batches
  CliRun rerun = run_cli(report_args(fleet, tmp.path() / "out1", {shipped[1]}, "central1"), env);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  nlohmann::json rerun_run = nlohmann::json::parse(rerun.out)["run"];
  EXPECT_EQ(rerun_run["new_messages"], kPerShard - 200);
  EXPECT_EQ(rerun_run["already_counted"], 200);

  // Each message once, under the host that read the mail (not the central runs').
  EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages"), kShards * kPerShard);
  for (int s = 0; s < kShards; ++s)
    EXPECT_EQ(int_of(fleet, "SELECT count(*) FROM messages WHERE host = 'host" + std::to_string(s) + "'"), kPerShard);
  EXPECT_EQ(dump(fleet), dump(reference));
  EXPECT_EQ(orphan_records(fleet), 0);  // PostgreSQL enforces no foreign key there

  nlohmann::json published;
  ASSERT_NO_FATAL_FAILURE(publish_equals_reference(fleet, tmp.path(), env, published));
}

}  // namespace
