// nightly::run as a library call: counts, batches, the stream output.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <utility>

#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"
#include "history/sqlite.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit;
using bouncekit::test::Bounce;
using bouncekit::test::TempDir;

TEST(NightlyRun, CountsBatchesAndTheIdentities) {
  TempDir tmp;
  std::string mbox;
  for (int i = 0; i < 5; ++i)
    mbox += test::mbox_entry(Bounce{"j" + std::to_string(i), "u" + std::to_string(i) + "@example.org",
                                    "2026-11-0" + std::to_string(i + 1) + "T10:00:00", i % 2 == 0});
  mbox += test::mbox_entry(Bounce{"j0", "u0@example.org", "2026-11-01T10:00:00", true});  // a copy of the first
  test::write_file(tmp.path() / "box", mbox);

  nightly::Options o;
  o.paths = {(tmp.path() / "box").string()};
  o.database = tmp.path() / "h.sqlite";
  o.now = "2026-11-22T02:30:00Z";
  o.batch_messages = 2;
  std::ostringstream out;
  o.out = &out;
  o.format = nightly::Format::csv;
  std::vector<std::uint64_t> batches;
  o.on_batch_committed = [&](std::uint64_t n) { batches.push_back(n); };
  std::uint64_t progress_calls = 0;
  o.on_progress = [&](const nightly::Progress& p) { progress_calls = p.messages; };

  nightly::Counts c = nightly::run(o);
  EXPECT_EQ(c.read, 6u);
  EXPECT_EQ(c.bounces, 6u);
  EXPECT_EQ(c.read, c.bounces + c.non_bounces() + c.undecodable);
  EXPECT_EQ(c.new_messages, 5u);
  EXPECT_EQ(c.already_counted, 1u);
  EXPECT_EQ(c.records, 5u);  // the copy was counted with its first reading: no record of its own
  EXPECT_EQ(c.decoded, 6u);  // an empty history knows nothing: every message is decoded
  EXPECT_EQ(c.window_records, 5u);
  EXPECT_EQ(c.suppressed, 3u);  // the three hard bounces
  EXPECT_EQ(batches, (std::vector<std::uint64_t>{1, 2, 3}));  // 2 + 2 + the last one
  EXPECT_EQ(progress_calls, 6u);
  EXPECT_EQ(out.str().substr(0, 8), "address,");

  // Nothing new the second time; the window from 3 November leaves u0 and u1 out.
  batches.clear();
  o.since = *nightly::window_start("2026-11-03", o.now);
  out.str("");
  c = nightly::run(o);
  EXPECT_EQ(c.new_messages, 0u);
  EXPECT_EQ(c.already_counted, 6u);
  EXPECT_EQ(c.read, c.bounces + c.non_bounces() + c.undecodable);
  EXPECT_EQ(c.bounces, 6u);  // the kind the history stored for each
  EXPECT_EQ(c.records, 0u);
  EXPECT_EQ(c.decoded, 0u);  // all known: none decoded again
  EXPECT_TRUE(batches.empty());
  EXPECT_EQ(c.window_records, 3u);
  EXPECT_EQ(c.suppressed, 2u);  // u2 and u4
  history::Store store(o.database);
  EXPECT_EQ(store.message_count(), 5u);
}

TEST(NightlyRun, AKnownMessageCountsUnderTheKindTheHistoryStored) {
  // A known message is not decoded again: what the history says about it is what counts. To
  // see that, the history is made to disagree with what decoding would say.
  TempDir tmp;
  std::string mbox;
  for (int i = 0; i < 3; ++i)
    mbox += test::mbox_entry(Bounce{"k" + std::to_string(i), "u" + std::to_string(i) + "@example.org",
                                    "2026-11-0" + std::to_string(i + 1) + "T10:00:00", true});
  test::write_file(tmp.path() / "box", mbox);
  nightly::Options o;
  o.paths = {(tmp.path() / "box").string()};
  o.database = tmp.path() / "h.sqlite";
  o.now = "2026-11-22T02:30:00Z";
  for (unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(threads);
    fs::remove(o.database);
    o.pipeline.threads = threads;
    nightly::Counts first = nightly::run(o);
    ASSERT_EQ(first.bounces, 3u);
    {
      history::sqlite::Connection db(o.database);
      db.exec("UPDATE messages SET kind = 'feedback' WHERE id = 2");
    }
    nightly::Counts second = nightly::run(o);
    EXPECT_EQ(second.already_counted, 3u);
    EXPECT_EQ(second.decoded, 0u);
    EXPECT_EQ(second.bounces, 2u);
    EXPECT_EQ(second.feedback, 1u);
    EXPECT_EQ(second.records, 0u);
  }
}

TEST(NightlyRun, TheReportIsTheSameWhenTheWindowIsReadOnTwoThreads) {
  // With more than one thread, the window's records and recipients are read at the same time
  // on two connections and the recipients' counts merged: every output must be what one
  // thread writes, on a first night and on a second one over a grown mailbox.
  TempDir tmp;
  std::string night1, night2;
  for (int i = 0; i < 40; ++i) {
    std::string day = "2026-11-" + std::string(i % 20 < 9 ? "0" : "") + std::to_string(i % 20 + 1);
    Bounce b{"t" + std::to_string(i), "user" + std::to_string(i % 9) + "@d" + std::to_string(i % 4) + ".example",
             day + "T0" + std::to_string(i % 10) + ":00:00", i % 3 == 0};
    (i < 30 ? night1 : night2) += test::mbox_entry(b);
  }
  night1 += "From someone Thu Nov 19 02:00:00 2026\n" +
            test::auto_reply("v1", "user1@d1.example", "2026-11-05T08:00:00") + "\n";
  test::write_file(tmp.path() / "box1", night1);
  test::write_file(tmp.path() / "box2", night1 + night2);

  const std::vector<std::string> files = {"summary.json",     "domains.csv",      "providers.csv",
                                          "suppressions.csv", "records.jsonl",    "recipients.jsonl",
                                          "report.html",      "suppressions.txt", "changes.csv",
                                          "watch.csv",        "lists.csv",        "hosts.csv"};
  std::map<unsigned, std::vector<std::string>> outputs;
  for (unsigned threads : {1u, 2u}) {
    fs::path dir = tmp.path() / ("threads" + std::to_string(threads));
    nightly::Options o;
    o.database = dir / "h.sqlite";
    o.now = "2026-11-22T02:30:00Z";
    o.batch_messages = 7;
    o.pipeline.threads = threads;
    int night = 0;
    for (auto [box, format] : {std::pair{"box1", nightly::Format::json}, std::pair{"box2", nightly::Format::csv},
                               std::pair{"box2", nightly::Format::text}}) {
      o.paths = {(tmp.path() / box).string()};
      o.format = format;
      o.out_dir = dir / ("out" + std::to_string(++night));
      std::ostringstream out;
      o.out = &out;
      nightly::run(o);
      outputs[threads].push_back(out.str());
      for (const std::string& f : files) outputs[threads].push_back(test::read_file(o.out_dir / f));
    }
  }
  ASSERT_EQ(outputs[1].size(), 3 * (files.size() + 1));
  // The merged counts are the recipients listed and the suppressions written (first night:
  // [1] summary.json, [4] suppressions.csv with its header line, [6] recipients.jsonl).
  auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  ASSERT_GT(lines(outputs[1][6]), 0);
  ASSERT_GT(lines(outputs[1][4]), 1);
  EXPECT_NE(outputs[1][1].find("\"recipients\":" + std::to_string(lines(outputs[1][6])) + ","), std::string::npos);
  EXPECT_NE(outputs[1][1].find("\"suppressed\":" + std::to_string(lines(outputs[1][4]) - 1) + "}"), std::string::npos);
  for (std::size_t i = 0; i < outputs[1].size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(outputs[2][i], outputs[1][i]);
  }
}

TEST(NightlyRun, AMalformedClockIsRefusedBeforeAnythingIsTouched) {
  TempDir tmp;
  nightly::Options o;
  o.paths = {"-"};
  o.database = tmp.path() / "h.sqlite";
  o.now = "22 Nov 2026";
  EXPECT_THROW(nightly::run(o), std::invalid_argument);
  EXPECT_FALSE(fs::exists(o.database));
}

}  // namespace
