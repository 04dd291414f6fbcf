// The splitter's fast path (whole plain lines taken at once) against the line-by-line path
// it shortcuts: random mailboxes made of the lines that matter to mbox splitting, split with
// both, with buffers of many sizes and with size limits, must give the same messages.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "source/line_reader.hpp"
#include "source/mbox.hpp"
#include "test_support.hpp"

namespace {

using bouncekit::source::RawMessage;
using bouncekit::source::detail::LineReader;
using bouncekit::source::detail::MessageSplitter;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

std::vector<RawMessage> split(const std::string& path, std::size_t buffer, std::size_t limit, bool line_by_line,
                              MessageSplitter::Kind kind = MessageSplitter::Kind::Detect) {
  LineReader reader(buffer);
  std::string error;
  EXPECT_TRUE(reader.open(path, error)) << error;
  MessageSplitter splitter(limit);
  splitter.set_line_by_line(line_by_line);
  splitter.start(reader, path, kind);
  std::vector<RawMessage> out;
  RawMessage m;
  while (splitter.next(m)) out.push_back(m);
  return out;
}

// A mailbox of random lines: postmarks with and without dates, quoted postmarks, blank
// lines, Content-Length headers (right, wrong, huge, garbled), long lines, and LF, CRLF or
// CR line ends, sometimes mixed, sometimes with no final line end.
std::string random_mailbox(std::mt19937& rng) {
  static const std::vector<std::string> kLines = {
      "From MAILER-DAEMON Thu Jan  2 00:00:00 2025", "From someone", "From the archive, as promised",
      ">From the archive", ">>From quoted twice", ">not a postmark", "From:  Mail Delivery <md@example.org>",
      "Subject: Undelivered Mail Returned to Sender", "Content-Length: 40", "content-length:7",
      "Content-Length: 99999999", "Content-Length: 12x", "Content-Type: text/plain", "", "", "",
      "This is the mail system at host mx.example.org.", "Final-Recipient: rfc822; user@example.com",
      "Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 <user@example.com>: unknown user", "From",
      std::string(300, 'x'), "c", "C"};
  std::uniform_int_distribution<std::size_t> pick(0, kLines.size() - 1);
  std::uniform_int_distribution<int> count(0, 120), eol(0, 9);
  std::string text;
  const int mode = eol(rng);  // 0..6 LF, 7 CRLF, 8 CR, 9 mixed
  if (eol(rng) < 8) text += "From start Mon Sep  2 10:00:00 2024\n";
  for (int n = count(rng); n > 0; --n) {
    text += kLines[pick(rng)];
    int e = mode == 9 ? eol(rng) : mode;
    text += e == 7 ? "\r\n" : e == 8 ? "\r" : "\n";
  }
  if (eol(rng) == 0) text += "From unterminated";
  return text;
}

void expect_same(const std::vector<RawMessage>& got, const std::vector<RawMessage>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].bytes, want[i].bytes) << what << " #" << i;
    EXPECT_EQ(got[i].truncated, want[i].truncated) << what << " #" << i;
    EXPECT_EQ(got[i].origin.index, want[i].origin.index) << what << " #" << i;
    EXPECT_EQ(got[i].origin.offset, want[i].origin.offset) << what << " #" << i;
    EXPECT_EQ(got[i].envelope_sender, want[i].envelope_sender) << what << " #" << i;
  }
}

TEST(SourcePlainLines, RandomMailboxesSplitAsLineByLine) {
  TempDir tmp;
  const std::string path = (tmp.path() / "box").string();
  std::mt19937 rng(62);
  std::size_t messages = 0;
  for (int round = 0; round < 300; ++round) {
    write_file(path, random_mailbox(rng));
    for (std::size_t buffer : {16u, 37u, 64u, 333u, 1u << 16}) {
      for (std::size_t limit : {std::size_t{1} << 20, std::size_t{200}, std::size_t{0}}) {
        std::string what = "round " + std::to_string(round) + " buffer " + std::to_string(buffer) + " limit " +
                           std::to_string(limit);
        auto want = split(path, buffer, limit, true);
        expect_same(split(path, buffer, limit, false), want, what);
        messages += want.size();
        expect_same(split(path, buffer, limit, false, MessageSplitter::Kind::Single),
                    split(path, buffer, limit, true, MessageSplitter::Kind::Single), what + " single");
      }
    }
    if (HasFailure()) break;
  }
  EXPECT_GT(messages, 3000u);  // the mailboxes did hold many messages
}

// The fast path stops at the lines that matter, so it does not change the examples the
// other tests spell out; here one of them in large buffers, where it takes nearly everything.
TEST(SourcePlainLines, QuotedPostmarksAndBlankLinesInABigBuffer) {
  TempDir tmp;
  const std::string path = (tmp.path() / "box").string();
  write_file(path,
             "From a Mon Sep  2 10:00:00 2024\nSubject: one\n\nbody\n>From here\n\n\n"
             "From b Mon Sep  2 10:00:01 2024\nSubject: two\nContent-Length: 7\n\nFrom \n\n"
             "From c Mon Sep  2 10:00:02 2024\nSubject: three\n\nlast\n\n");
  auto got = split(path, 1 << 16, 1 << 20, false);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].bytes, "Subject: one\n\nbody\nFrom here\n\n");
  EXPECT_EQ(got[1].bytes, "Subject: two\nContent-Length: 7\n\nFrom \n");
  EXPECT_EQ(got[2].bytes, "Subject: three\n\nlast\n");
  EXPECT_EQ(got[2].envelope_sender, "c");
}

}  // namespace
