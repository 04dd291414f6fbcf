// The pipeline's byte budget (Options::max_in_flight_bytes) and its prefilter.
//
// In-flight bytes are watched from outside: the prefilter runs on every message after the
// reader let it in and before the sink, so "bytes seen by the prefilter minus bytes that
// reached the sink" never exceeds what the pipeline really holds.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bouncekit/pipeline.hpp"
#include "test_support.hpp"

namespace bouncekit::pipeline {
namespace {

constexpr std::size_t kKiB = 1024;

// An mbox of `count` plain messages of about `body_bytes` each, numbered in their Subject.
std::string write_mbox(const test::TempDir& dir, std::size_t count, std::size_t body_bytes) {
  std::string mbox;
  for (std::size_t i = 0; i < count; ++i) {
    mbox += "From someone@example.org Sun Nov 22 18:00:00 2026\n";
    mbox += "From: someone@example.org\nTo: list@example.com\nSubject: message " + std::to_string(i) + "\n\n";
    for (std::size_t n = 0; n < body_bytes; n += 64) mbox += std::string(63, 'a' + static_cast<char>(i % 26)) + "\n";
    mbox += "\n";
  }
  std::filesystem::path path = dir.path() / "messages.mbox";
  test::write_file(path, mbox);
  return path.string();
}

struct Watch {
  std::atomic<std::size_t> prefiltered{0};  // bytes of messages the prefilter saw
  std::atomic<std::size_t> sunk{0};         // bytes of messages the sink finished
  std::atomic<std::size_t> peak{0};         // highest prefiltered - sunk seen
  std::vector<std::string> subjects;        // in the order the sink got them

  void saw(std::size_t bytes) {
    std::size_t now = prefiltered.fetch_add(bytes) + bytes - sunk.load();
    std::size_t old = peak.load();
    while (now > old && !peak.compare_exchange_weak(old, now)) {
    }
  }
};

std::string subject_of(const source::RawMessage& m) {
  std::size_t at = m.bytes.find("Subject: ");
  return m.bytes.substr(at + 9, m.bytes.find('\n', at) - at - 9);
}

// Runs with a slow sink (so that messages pile up ahead of it) and watches the bytes in flight.
void run_watched(const std::string& mbox, const Options& options, Watch& watch, std::size_t throw_at = 0) {
  source::Reader reader({mbox});
  run(reader, decode::DecodeOptions{}, options,
      [&](const source::RawMessage& m, Verdict&) { watch.saw(m.bytes.size()); },
      [&](const source::RawMessage& m, decode::Result&, const Verdict&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
        watch.subjects.push_back(subject_of(m));
        if (throw_at && watch.subjects.size() == throw_at) throw std::runtime_error("disk full");
        watch.sunk += m.bytes.size();
      });
}

std::vector<std::string> numbered(std::size_t count) {
  std::vector<std::string> v;
  for (std::size_t i = 0; i < count; ++i) v.push_back("message " + std::to_string(i));
  return v;
}

TEST(ByteBudget, BoundsTheBytesInFlightAndKeepsTheOrder) {
  test::TempDir dir;
  std::string mbox = write_mbox(dir, 40, 100 * kKiB);  // 40 messages of about 100 KB
  Options options;
  options.threads = 4;
  options.max_in_flight = 32;

  // Without a byte bound that bites, the slow sink lets many messages pile up: the watch sees it.
  Watch unbounded;
  options.max_in_flight_bytes = 64u << 20;
  run_watched(mbox, options, unbounded);
  EXPECT_EQ(unbounded.subjects, numbered(40));
  EXPECT_GT(unbounded.peak.load(), 600 * kKiB) << "the watch must be able to see a pile-up";

  Watch bounded;
  options.max_in_flight_bytes = 350 * kKiB;  // three messages and a half
  run_watched(mbox, options, bounded);
  EXPECT_EQ(bounded.subjects, numbered(40));
  EXPECT_LE(bounded.peak.load(), 350 * kKiB);
  EXPECT_GE(bounded.peak.load(), 200 * kKiB) << "more than one message at a time should still be decoded";
}

TEST(ByteBudget, AMessageLargerThanTheBudgetGoesThroughAlone) {
  test::TempDir dir;
  std::string mbox = write_mbox(dir, 12, 300 * kKiB);
  for (unsigned threads : {2u, 4u}) {
    Options options;
    options.threads = threads;
    options.max_in_flight_bytes = 10 * kKiB;  // smaller than any message
    Watch watch;
    run_watched(mbox, options, watch);  // must end: no deadlock
    EXPECT_EQ(watch.subjects, numbered(12)) << threads;
    EXPECT_LE(watch.peak.load(), 310 * kKiB) << threads << " threads: one message at a time";
  }
}

TEST(ByteBudget, ASinkErrorWhileTheReaderWaitsReachesTheCaller) {
  test::TempDir dir;
  std::string mbox = write_mbox(dir, 30, 100 * kKiB);
  Options options;
  options.threads = 4;
  options.max_in_flight_bytes = 250 * kKiB;  // the reader is waiting most of the time
  Watch watch;
  EXPECT_THROW(run_watched(mbox, options, watch, 5), std::runtime_error);
  EXPECT_EQ(watch.subjects.size(), 5u);
}

// A prefilter that skips every message whose number is odd, telling the sink so.
void skip_odd(const source::RawMessage& m, Verdict& verdict) {
  std::string subject = subject_of(m);
  if ((subject.back() - '0') % 2 == 1) {
    verdict.skip = true;
    verdict.note = "skipped " + subject;
  }
}

std::string run_filtered(const std::string& mbox, unsigned threads) {
  source::Reader reader({mbox});
  Options options;
  options.threads = threads;
  std::string out;
  run(reader, decode::DecodeOptions{}, options, skip_odd,
      [&](const source::RawMessage& m, decode::Result& r, const Verdict& v) {
        out += subject_of(m) + ": " + (v.skip ? v.note : std::string(decode::to_string(r.kind))) + "\n";
        if (v.skip) {
          EXPECT_EQ(r.kind, decode::Kind::not_bounce);  // an empty Result: not decoded
          EXPECT_TRUE(r.records.empty());
        }
      });
  return out;
}

TEST(Prefilter, SkippedMessagesReachTheSinkUndecodedWithTheirNoteInOrder) {
  test::TempDir dir;
  std::string mbox = write_mbox(dir, 20, kKiB);
  std::string one = run_filtered(mbox, 1);
  EXPECT_NE(one.find("message 3: skipped message 3\n"), std::string::npos) << one;
  EXPECT_NE(one.find("message 4: not_bounce\n"), std::string::npos) << one;
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 20);
  EXPECT_EQ(run_filtered(mbox, 4), one);
}

TEST(Prefilter, ASkippedMessageIsNotDecoded) {
  // A bounce the prefilter skips reaches the sink without its records; the same message
  // without the prefilter is decoded into a record.
  source::Reader plain({test::testdata("samples").string()});
  std::size_t records = 0;
  run(plain, decode::DecodeOptions{}, Options{}, [&](const source::RawMessage&, decode::Result& r) {
    records += r.records.size();
  });
  ASSERT_GT(records, 0u);
  source::Reader filtered({test::testdata("samples").string()});
  std::size_t filtered_records = 0, calls = 0;
  run(filtered, decode::DecodeOptions{}, Options{}, [](const source::RawMessage&, Verdict& v) { v.skip = true; },
      [&](const source::RawMessage&, decode::Result& r, const Verdict&) {
        ++calls;
        filtered_records += r.records.size();
      });
  EXPECT_GT(calls, 0u);
  EXPECT_EQ(filtered_records, 0u);
}

}  // namespace
}  // namespace bouncekit::pipeline
