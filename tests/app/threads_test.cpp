// `bouncekit parse` writes the same bytes whatever --threads says.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace {

using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::testdata;

struct Output {
  std::string out, err;
};

Output parse_with_threads(const std::string& threads, const std::string& format) {
  TempDir tmp;
  std::string cmd = std::string("'") + BOUNCEKIT_CLI + "' parse --threads " + threads + " --format " + format +
                    " --include-delivered --include-vacation '" + testdata("samples").string() + "' '" +
                    testdata("decode").string() + "' '" + testdata("source").string() + "' > '" +
                    (tmp.path() / "out").string() + "' 2> '" + (tmp.path() / "err").string() + "' < /dev/null";
  int status = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd;
  return {read_file(tmp.path() / "out"), read_file(tmp.path() / "err")};
}

TEST(ParseThreads, OutputIsByteIdenticalWithOneAndFourThreads) {
  for (const char* format : {"jsonl", "csv"}) {
    Output one = parse_with_threads("1", format);
    Output four = parse_with_threads("4", format);
    EXPECT_GT(one.out.size(), 10000u) << format;
    EXPECT_EQ(four.out, one.out) << format;
    EXPECT_EQ(four.err, one.err) << format;  // the summary line: same counts
    EXPECT_NE(one.err.find("read="), std::string::npos);
  }
  Output all_cores = parse_with_threads("0", "jsonl");
  EXPECT_EQ(all_cores.out, parse_with_threads("1", "jsonl").out);
}

}  // namespace
