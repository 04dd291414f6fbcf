// The parallel pipeline gives the sink exactly what the sequential loop gives, in input
// order, whatever the thread count; one thread starts no thread; sink errors reach the caller.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bouncekit/pipeline.hpp"
#include "bouncekit/report.hpp"
#include "test_support.hpp"

namespace bouncekit::pipeline {
namespace {

namespace fs = std::filesystem;

// Everything under testdata/ that holds mail: every mbox, Maildir and .eml we have.
std::vector<std::string> all_testdata() {
  return {test::testdata("samples").string(), test::testdata("decode").string(),
          test::testdata("source").string()};
}

// One line per message (origin, kind, problem) followed by its records as JSON Lines.
std::string run_to_text(unsigned threads, std::size_t max_in_flight = 0) {
  source::Reader reader(all_testdata());
  Options options;
  options.threads = threads;
  options.max_in_flight = max_in_flight;
  std::ostringstream out;
  run(reader, decode::DecodeOptions{}, options, [&](const source::RawMessage& m, decode::Result& r) {
    out << m.origin.to_string() << ' ' << decode::to_string(r.kind) << ' ' << r.problem << '\n';
    for (const Record& record : r.records) report::write_jsonl(out, record);
  });
  return out.str();
}

std::size_t thread_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/task")) ++n;
  return n;
}

TEST(Pipeline, SameResultsInTheSameOrderWithOneOrFourThreads) {
  std::string one = run_to_text(1);
  ASSERT_GT(std::count(one.begin(), one.end(), '\n'), 150);  // the testdata really was read
  EXPECT_EQ(run_to_text(4), one);
  EXPECT_EQ(run_to_text(4, 1), one);  // one message in flight at a time
  EXPECT_EQ(run_to_text(3, 2), one);
}

TEST(Pipeline, OneThreadRunsOnTheCallerAndStartsNoThread) {
  std::size_t before = thread_count();
  std::thread::id caller = std::this_thread::get_id();
  source::Reader reader(all_testdata());
  Options options;
  options.threads = 1;
  std::size_t messages = 0;
  run(reader, decode::DecodeOptions{}, options, [&](const source::RawMessage&, decode::Result&) {
    ++messages;
    EXPECT_EQ(std::this_thread::get_id(), caller);
    EXPECT_EQ(thread_count(), before);
  });
  EXPECT_GT(messages, 150u);
}

TEST(Pipeline, AnErrorInTheSinkReachesTheCaller) {
  for (unsigned threads : {1u, 4u}) {
    source::Reader reader(all_testdata());
    Options options;
    options.threads = threads;
    std::size_t calls = 0;
    EXPECT_THROW(run(reader, decode::DecodeOptions{}, options,
                     [&](const source::RawMessage&, decode::Result&) {
                       if (++calls == 5) throw std::runtime_error("disk full");
                     }),
                 std::runtime_error);
    EXPECT_EQ(calls, 5u) << threads << " threads: the sink must not be called after it failed";
  }
}

}  // namespace
}  // namespace bouncekit::pipeline
