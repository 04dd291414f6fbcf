// Tests for the private building blocks: LineReader and MessageSplitter with tiny buffers,
// so that chunk boundaries fall everywhere.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "source/line_reader.hpp"
#include "source/mbox.hpp"
#include "test_support.hpp"

namespace {

using bouncekit::source::RawMessage;
using bouncekit::source::detail::LinePiece;
using bouncekit::source::detail::LineReader;
using bouncekit::source::detail::MessageSplitter;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::testdata;
using bouncekit::test::write_file;

// Reassembles lines from pieces, checking the piece invariants on the way.
std::vector<std::string> lines_of(const std::string& path, std::size_t buffer) {
  LineReader reader(buffer);
  std::string error;
  EXPECT_TRUE(reader.open(path, error)) << error;
  std::vector<std::string> lines;
  LinePiece p;
  bool in_line = false;
  while (reader.next(p)) {
    EXPECT_EQ(p.first, !in_line);
    if (p.first && !p.eol) {
      EXPECT_GE(p.text.size(), 16u);  // a long line's first piece is a full buffer
    }
    if (p.first) lines.emplace_back();
    lines.back().append(p.text);
    in_line = !p.eol;
  }
  EXPECT_FALSE(in_line);
  EXPECT_TRUE(reader.error().empty());
  return lines;
}

TEST(SourceLineReader, AllLineEndsAtEveryChunkBoundary) {
  TempDir tmp;
  auto path = (tmp.path() / "f").string();
  const std::string text = "ab\r\ncd\ref\n\r\n\r\rgh\r\n";
  const std::vector<std::string> expected = {"ab", "cd", "ef", "", "", "", "gh"};
  for (std::size_t buffer = 16; buffer <= 24; ++buffer) {
    // Shift the text so that every byte lands on a chunk boundary once.
    for (std::size_t pad = 0; pad < buffer; ++pad) {
      std::string padded = std::string(pad, 'x') + "\n" + text;
      write_file(path, padded);
      auto lines = lines_of(path, buffer);
      ASSERT_EQ(lines.size(), expected.size() + 1) << buffer << "/" << pad;
      EXPECT_EQ(lines[0], std::string(pad, 'x'));
      for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(lines[i + 1], expected[i]);
    }
  }
}

TEST(SourceLineReader, LongLinesComeInPiecesWithOffsets) {
  TempDir tmp;
  auto path = (tmp.path() / "f").string();
  std::string longline(100, 'L');
  write_file(path, "short\r\n" + longline + "\r\nend");
  LineReader reader(16);
  std::string error;
  ASSERT_TRUE(reader.open(path, error));
  LinePiece p;
  ASSERT_TRUE(reader.next(p));
  EXPECT_EQ(p.text, "short");
  EXPECT_EQ(p.offset, 0u);
  std::string joined;
  std::uint64_t first_offset = 0;
  do {
    ASSERT_TRUE(reader.next(p));
    if (p.first) first_offset = p.offset;
    joined.append(p.text);
  } while (!p.eol);
  EXPECT_EQ(joined, longline);
  EXPECT_EQ(first_offset, 7u);
  ASSERT_TRUE(reader.next(p));
  EXPECT_EQ(p.text, "end");
  EXPECT_TRUE(p.eol);
  EXPECT_EQ(p.offset, 7u + 100u + 2u);
  EXPECT_FALSE(reader.next(p));

  // A file that ends exactly where a full buffer of an unterminated line ends.
  write_file(path, std::string(32, 'z'));
  auto lines = lines_of(path, 16);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], std::string(32, 'z'));
}

TEST(SourceLineReader, OpenFailureExplainsWhy) {
  LineReader reader;
  std::string error;
  EXPECT_FALSE(reader.open("/nonexistent/bouncekit/file", error));
  EXPECT_NE(error.find("No such file"), std::string::npos) << error;
}

std::vector<RawMessage> split(const std::string& path, std::size_t buffer, std::size_t limit) {
  LineReader reader(buffer);
  std::string error;
  EXPECT_TRUE(reader.open(path, error));
  MessageSplitter splitter(limit);
  splitter.start(reader, path, MessageSplitter::Kind::Detect);
  std::vector<RawMessage> out;
  RawMessage m;
  while (splitter.next(m)) out.push_back(m);
  return out;
}

TEST(SourceSplitter, TinyBuffersGiveTheSameMessages) {
  TempDir tmp;
  std::string base = read_file(testdata("source/mboxrd.mbox")) +
                     read_file(testdata("source/mboxcl2.mbox")) +
                     "From long Thu Jan  2 00:00:00 2025\nX-Long: " + std::string(500, 'q') +
                     "\n\n>>From " + std::string(70, 'r') + "\n";
  std::mt19937 rng(3);
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    std::string text;
    for (char c : base) {
      if (c == '\n') text += eol;
      else text += c;
    }
    auto path = (tmp.path() / "box").string();
    write_file(path, text);
    auto expected = split(path, 1 << 16, 1 << 20);
    ASSERT_EQ(expected.size(), 6u);
    EXPECT_EQ(expected[5].bytes, "X-Long: " + std::string(500, 'q') + "\n\n>From " +
                                     std::string(70, 'r') + "\n");
    for (std::size_t buffer : {24u, 25u, 31u, 64u, 100u}) {  // header lines must fit one buffer
      auto got = split(path, buffer, 1 << 20);
      ASSERT_EQ(got.size(), expected.size()) << buffer;
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].bytes, expected[i].bytes) << buffer << " #" << i;
        EXPECT_EQ(got[i].origin.offset, expected[i].origin.offset);
        EXPECT_EQ(got[i].envelope_sender, expected[i].envelope_sender);
      }
    }
    // Every limit cuts the message at exactly that size. A Content-Length above
    // the limit is not trusted (it cannot be checked within the limit), so the
    // first mboxcl2 message then ends at its unquoted "From " line.
    std::vector<std::string> limited;
    for (const auto& m : expected) limited.push_back(m.bytes);
    ASSERT_NE(limited[3].find("Content-Length: 86\n"), std::string::npos);
    limited[3] = limited[3].substr(0, limited[3].find("From the remote host"));
    limited[3].pop_back();  // the empty line before a separator
    limited.insert(limited.begin() + 4, "Nothing more to add.\n");
    for (std::size_t limit = 0; limit < 40; limit += 7) {
      auto got = split(path, 24, limit);
      ASSERT_EQ(got.size(), limited.size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].bytes, limited[i].substr(0, limit));
        EXPECT_EQ(got[i].truncated, limited[i].size() > limit);
      }
      EXPECT_EQ(got[4].envelope_sender, "the");
    }
  }
}

// Lines read ahead to check a Content-Length, and read again from the queue,
// come in pieces too: long postmarks and body lines across tiny buffers.
TEST(SourceSplitter, TinyBuffersWithContentLengthReadAhead) {
  TempDir tmp;
  std::string long_body = "From the remote host " + std::string(90, 'b') + "\n";
  std::string base = read_file(testdata("source/mboxcl2-wrong-length.mbox")) +
                     "From " + std::string(70, 's') + " Thu Jan  2 00:00:00 2025\n"
                     "Subject: wrong\nContent-Length: 300\n\n" + std::string(80, 'w') + "\n\n"
                     "From right Thu Jan  2 00:00:00 2025\n"
                     "Subject: right\nContent-Length: " + std::to_string(long_body.size() + 1) + "\n\n\n" +
                     long_body + "\nFrom last Thu Jan  2 00:00:00 2025\nSubject: last\n";
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    std::string text;
    for (char c : base) {
      if (c == '\n') text += eol;
      else text += c;
    }
    auto path = (tmp.path() / "box").string();
    write_file(path, text);
    auto expected = split(path, 1 << 16, 1 << 20);
    ASSERT_EQ(expected.size(), 7u);
    EXPECT_EQ(expected[4].envelope_sender, std::string(70, 's'));
    EXPECT_EQ(expected[5].bytes, "Subject: right\nContent-Length: 113\n\n\n" + long_body);
    for (std::size_t buffer : {24u, 25u, 31u, 64u, 100u}) {
      auto got = split(path, buffer, 1 << 20);
      ASSERT_EQ(got.size(), expected.size()) << buffer;
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].bytes, expected[i].bytes) << buffer << " #" << i;
        EXPECT_EQ(got[i].origin.offset, expected[i].origin.offset);
        EXPECT_EQ(got[i].envelope_sender, expected[i].envelope_sender);
      }
    }
  }
}

}  // namespace
