// Tests for source::Reader: mbox variants, Maildir, directories, gzip, line ends, limits.
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bouncekit/source.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::source::InputError;
using bouncekit::source::RawMessage;
using bouncekit::source::Reader;
using bouncekit::source::ReaderOptions;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::testdata;
using bouncekit::test::write_file;

struct Result {
  std::vector<RawMessage> messages;
  std::vector<InputError> errors;
};

Result read_all(std::vector<std::string> paths, ReaderOptions options = {}) {
  Reader reader(std::move(paths), options);
  Result r;
  RawMessage m;
  while (reader.next(m)) r.messages.push_back(m);
  EXPECT_FALSE(reader.next(m));  // stays exhausted
  r.errors = reader.errors();
  return r;
}

Result read_one(const fs::path& path, ReaderOptions options = {}) {
  return read_all({path.string()}, options);
}

// Reads "-" with standard input redirected to the file at `path`, positioned at `offset`;
// the test's own standard input is put back afterwards. A failed set-up is a test failure
// and an empty result.
Result read_stdin_from(const std::filesystem::path& path, off_t offset = 0) {
  int saved = ::dup(0);
  int fd = ::open(path.c_str(), O_RDONLY);
  if (saved < 0 || fd < 0 || ::lseek(fd, offset, SEEK_SET) != offset || ::dup2(fd, 0) != 0) {
    ADD_FAILURE() << "cannot redirect standard input to " << path;
    if (fd >= 0) ::close(fd);
    if (saved >= 0) ::close(saved);
    return {};
  }
  ::close(fd);
  Result r = read_all({"-"});
  ::dup2(saved, 0);
  ::close(saved);
  return r;
}

std::string with_line_ends(const std::string& lf_text, const std::string& eol) {
  std::string out;
  for (char c : lf_text) {
    if (c == '\n') out += eol;
    else out += c;
  }
  return out;
}

void write_gzip(const fs::path& path, const std::string& content) {
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  if (!content.empty()) {
    ASSERT_EQ(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())),
              static_cast<int>(content.size()));
  }
  ASSERT_EQ(gzclose(gz), Z_OK);
}

std::vector<std::string> origins(const Result& r) {
  std::vector<std::string> out;
  for (const auto& m : r.messages) out.push_back(m.origin.to_string());
  return out;
}

const char* const kFirstMboxrd =
    "Return-Path: <>\n"
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
    "To: list-owner@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "\n"
    "The mail system at mx.example.net could not deliver your message.\n"
    "From the queue manager: one recipient failed.\n"
    ">From here on the line was quoted twice.\n"
    "> From with a space after the bracket stays as it is.\n"
    ">Fromage is not a postmark either.\n";

TEST(SourceMbox, SplitsMboxoAndUnquotesMboxrd) {
  auto r = read_one(testdata("source/mboxrd.mbox"));
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 3u);

  EXPECT_EQ(r.messages[0].bytes, kFirstMboxrd);
  EXPECT_EQ(r.messages[0].envelope_sender, "MAILER-DAEMON");
  EXPECT_FALSE(r.messages[0].truncated);

  EXPECT_EQ(r.messages[1].envelope_sender, "bounces@relay.example.com");
  EXPECT_EQ(r.messages[1].bytes,
            "Return-Path: <>\n"
            "From: postmaster@relay.example.com\n"
            "To: list-owner@example.org\n"
            "Subject: Delivery Status Notification (Failure)\n"
            "\n"
            "Recipient address rejected: mailbox unavailable.\n"
            "From the desk of the postmaster, with no blank line before it.\n");

  // Only one trailing empty line belongs to the mbox format.
  EXPECT_EQ(r.messages[2].envelope_sender, "postmaster@other.example");
  EXPECT_EQ(r.messages[2].bytes, "Return-Path: <>\nSubject: Delayed mail\n\nStill trying.\n\n");
}

TEST(SourceMbox, OffsetsAndIndexes) {
  auto path = testdata("source/mboxrd.mbox");
  std::string raw = read_file(path);
  auto r = read_one(path);
  ASSERT_EQ(r.messages.size(), 3u);
  std::size_t second = raw.find("\n\nFrom bounces@") + 2;
  std::size_t third = raw.find("\n\nFrom postmaster@other") + 2;
  std::vector<std::uint64_t> expected = {0, second, third};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(r.messages[i].origin.path, path.string());
    EXPECT_EQ(r.messages[i].origin.index, i + 1);
    ASSERT_TRUE(r.messages[i].origin.offset.has_value());
    EXPECT_EQ(*r.messages[i].origin.offset, expected[i]);
  }
  EXPECT_EQ(r.messages[2].origin.to_string(), path.string() + "#3@" + std::to_string(third));
}

TEST(SourceMbox, ProseFromLineWithoutBlankLineBeforeIsBody) {
  TempDir tmp;
  auto path = tmp.path() / "sloppy.mbox";
  write_file(path,
             "From a@example.org Thu Jan  2 00:00:00 2025\n"
             "Subject: one\n"
             "\n"
             "text\n"
             "From the desk of the editor, with thanks\n"
             "more text\n"
             "\n"
             "From c@example.org Thu Jan  2 00:00:02 2025\n"
             "Subject: two\n");
  auto r = read_one(path);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes,
            "Subject: one\n\ntext\nFrom the desk of the editor, with thanks\nmore text\n");
  EXPECT_EQ(r.messages[1].bytes, "Subject: two\n");
  EXPECT_EQ(r.messages[1].envelope_sender, "c@example.org");
}

// A message saved with its own "From " line and then appended to a mailbox starts with that
// line quoted (">From sender date"). It is not a header field: left in place, the whole header
// block would be read as body. It is dropped; the same line further down is only unquoted.
TEST(SourceMbox, PostmarkLineOpeningAMessageIsDropped) {
  TempDir tmp;
  auto path = tmp.path() / "saved.mbox";
  const std::string long_postmark = ">>From MAILER-DAEMON " + std::string(300000, 'x') + "\n";
  write_file(path,
             "From a@example.org Thu Jan  2 00:00:00 2025\n"
             ">From MAILER-DAEMON Tue Jun 11 19:13:34 2024\n"
             "Subject: one\n"
             "\n"
             ">From the desk of the postmaster\n"
             "\n"
             "From b@example.org Thu Jan  2 00:00:01 2025\n" +
                 long_postmark +
                 "Subject: two\n"
                 "\n"
                 "text\n"
                 "\n"
                 "From c@example.org Thu Jan  2 00:00:02 2025\n"
                 "Subject: three\n"
                 ">From in the header block after a field stays (unquoted)\n"
                 "\n"
                 "body\n");
  auto r = read_one(path);
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0].bytes, "Subject: one\n\nFrom the desk of the postmaster\n");
  EXPECT_EQ(r.messages[0].envelope_sender, "a@example.org");
  EXPECT_EQ(r.messages[1].bytes, "Subject: two\n\ntext\n");
  EXPECT_EQ(r.messages[1].envelope_sender, "b@example.org");
  EXPECT_EQ(r.messages[2].bytes,
            "Subject: three\nFrom in the header block after a field stays (unquoted)\n\nbody\n");
}

// Mailboxes glued together by hand often lack the empty line before the next
// postmark; a "From " line with an asctime date still separates.
TEST(SourceMbox, PostmarkWithDateSeparatesWithoutBlankLine) {
  TempDir tmp;
  auto path = tmp.path() / "glued.mbox";
  write_file(path,
             "From a@example.org Thu Jan  2 00:00:00 2025\n"
             "Subject: one\n"
             "\n"
             "--boundary--\n"
             "From MAILER-DAEMON  Thu Jan  2 00:00:01 2025\n"
             "Subject: two\n");
  auto r = read_one(path);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, "Subject: one\n\n--boundary--\n");
  EXPECT_EQ(r.messages[1].bytes, "Subject: two\n");
  EXPECT_EQ(r.messages[1].envelope_sender, "MAILER-DAEMON");
  EXPECT_EQ(r.messages[1].origin.index, 2u);
}

TEST(SourceMbox, Mboxcl2ContentLengthProtectsUnquotedFrom) {
  auto r = read_one(testdata("source/mboxcl2.mbox"));
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes,
            "From: MAILER-DAEMON@cl.example.net\n"
            "Subject: Returned mail\n"
            "Content-Length: 86\n"
            "\n"
            "Transcript follows.\n"
            "\n"
            "From the remote host: 550 no such user here\n"
            "Nothing more to add.\n");
  EXPECT_EQ(r.messages[1].bytes,
            "From: MAILER-DAEMON@cl.example.net\nSubject: Second\nContent-Length: 5\n\nDone\n");
  EXPECT_EQ(r.messages[1].origin.index, 2u);
}

TEST(SourceMbox, WithoutContentLengthTheSameFromLineSplits) {
  TempDir tmp;
  auto path = tmp.path() / "plain.mbox";
  write_file(path,
             "From x Wed Mar  5 12:00:00 2025\n"
             "Subject: a\n"
             "\n"
             "Transcript follows.\n"
             "\n"
             "From the remote host: 550 no such user here\n");
  auto r = read_one(path);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, "Subject: a\n\nTranscript follows.\n");
  EXPECT_EQ(r.messages[1].envelope_sender, "the");
}

// Offsets of the given postmark lines, searched one after the other in `raw`.
std::vector<std::uint64_t> offsets_of(const std::string& raw, const std::vector<std::string>& postmarks) {
  std::vector<std::uint64_t> out;
  std::size_t from = 0;
  for (const auto& pm : postmarks) {
    std::size_t at = raw.find(pm, from);
    EXPECT_NE(at, std::string::npos) << pm;
    out.push_back(at);
    from = at + 1;
  }
  return out;
}

void expect_messages(const Result& r, const std::vector<std::string>& bytes,
                     const std::vector<std::uint64_t>& offsets) {
  ASSERT_EQ(r.messages.size(), bytes.size());
  ASSERT_EQ(offsets.size(), bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    EXPECT_EQ(r.messages[i].bytes, bytes[i]) << "#" << i + 1;
    EXPECT_EQ(r.messages[i].origin.index, i + 1);
    EXPECT_EQ(r.messages[i].origin.offset, offsets[i]) << "#" << i + 1;
    EXPECT_FALSE(r.messages[i].truncated);
  }
}

const std::vector<std::string> kWrongLengthMessages = {
    "From: MAILER-DAEMON@cl.example.net\n"
    "Subject: Returned mail\n"
    "Content-Length: 100000\n"
    "\n"
    "The original message was much longer than this bounce.\n",
    "From: postmaster@relay.example.com\n"
    "Subject: Delivery Status Notification (Failure)\n"
    "\n"
    "Recipient address rejected: mailbox unavailable.\n"
    "From here on the line was quoted.\n",
    "Subject: Mailbox full\nContent-Length: 3\n\nQuota exceeded for this recipient.\n",
    "Subject: Delayed mail\n\nStill trying.\n",
};

const std::vector<std::string> kWrongLengthPostmarks = {
    "From MAILER-DAEMON Wed Mar  5 12:00", "From MAILER-DAEMON Wed Mar  5 12:01",
    "From bounces@list.example.org", "From postmaster@other.example"};

// Bounces often carry the Content-Length of the mail they return. A length
// that does not end at a separator is wrong and protects nothing.
TEST(SourceMbox, WrongContentLengthTooLargeSwallowsNothing) {
  auto path = testdata("source/mboxcl2-wrong-length.mbox");
  auto r = read_one(path);
  ASSERT_TRUE(r.errors.empty());
  expect_messages(r, kWrongLengthMessages, offsets_of(read_file(path), kWrongLengthPostmarks));
  ASSERT_EQ(r.messages.size(), 4u);
  EXPECT_EQ(r.messages[1].envelope_sender, "MAILER-DAEMON");
  EXPECT_EQ(r.messages[2].envelope_sender, "bounces@list.example.org");
  EXPECT_EQ(r.messages[3].envelope_sender, "postmaster@other.example");
}

TEST(SourceMbox, WrongContentLengthSameWithCrlfAndCr) {
  TempDir tmp;
  std::string lf = read_file(testdata("source/mboxcl2-wrong-length.mbox"));
  for (const char* eol : {"\r\n", "\r"}) {
    std::string raw = with_line_ends(lf, eol);
    auto path = tmp.path() / (eol[1] ? "crlf.mbox" : "cr.mbox");
    write_file(path, raw);
    SCOPED_TRACE(path.string());
    expect_messages(read_one(path), kWrongLengthMessages, offsets_of(raw, kWrongLengthPostmarks));
  }
}

// Content-Length only ever protects a line that would separate; it never
// makes a separator. A "From " line that starts right where a too small length
// ends, without an empty line before it and without a postmark date, is prose
// ("From the remote host: ...") as anywhere else in a body.
TEST(SourceMbox, WrongContentLengthTooSmallMakesNoSeparator) {
  TempDir tmp;
  auto path = tmp.path() / "small.mbox";
  std::string raw =
      "From a Thu Jan  2 00:00:00 2025\n"
      "Subject: one\n"
      "Content-Length: 20\n"
      "\n"
      "Transcript follows.\n"  // exactly 20 bytes
      "From the remote host: 550 no such user here\n"
      "more\n"
      "\n"
      "From b Thu Jan  2 00:00:01 2025\n"
      "Subject: two\n";
  write_file(path, raw);
  expect_messages(read_one(path),
                  {"Subject: one\nContent-Length: 20\n\nTranscript follows.\n"
                   "From the remote host: 550 no such user here\nmore\n",
                   "Subject: two\n"},
                  offsets_of(raw, {"From a ", "From b "}));

  // A postmark with a date there separates, as it would without the length.
  raw = "From a Thu Jan  2 00:00:00 2025\nSubject: one\nContent-Length: 20\n\nTranscript follows.\n"
        "From b Thu Jan  2 00:00:01 2025\nSubject: two\n";
  write_file(path, raw);
  expect_messages(read_one(path),
                  {"Subject: one\nContent-Length: 20\n\nTranscript follows.\n", "Subject: two\n"},
                  offsets_of(raw, {"From a ", "From b "}));

  // A length ending right before such prose does not prove right either: the
  // separator it would have protected, earlier on, separates.
  std::string two = "Subject: two\n\ntext\n";
  std::string before_two = "body\n\nFrom b Thu Jan  2 00:00:01 2025\n";
  std::string length = std::to_string(before_two.size() + two.size());
  raw = "From a Thu Jan  2 00:00:00 2025\nSubject: one\nContent-Length: " + length +
        "\n\n" + before_two + two + "From the desk of the postmaster\n";
  write_file(path, raw);
  auto r = read_one(path);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, "Subject: one\nContent-Length: " + length + "\n\nbody\n");
  EXPECT_EQ(r.messages[1].bytes, two + "From the desk of the postmaster\n");
  EXPECT_EQ(r.messages[1].origin.offset, raw.find("From b "));
}

TEST(SourceMbox, RightContentLengthInSecondMessage) {
  TempDir tmp;
  auto path = tmp.path() / "right.mbox";
  std::string body2 = "Transcript follows.\n\nFrom the remote host: 550 no such user here\n\nEnd.\n";
  std::string two = "Subject: two\nContent-Length: " + std::to_string(body2.size()) + "\n\n" + body2;
  std::string raw = "From a Thu Jan  2 00:00:00 2025\nSubject: one\n\nfirst\n\n"
                    "From b Thu Jan  2 00:00:01 2025\n" + two + "\n"
                    "From c Thu Jan  2 00:00:02 2025\nSubject: three\n\nthird\n";
  write_file(path, raw);
  auto r = read_one(path);
  expect_messages(r, {"Subject: one\n\nfirst\n", two, "Subject: three\n\nthird\n"},
                  offsets_of(raw, {"From a ", "From b ", "From c "}));

  // The same with the right length at the very end of the input.
  raw = "From a Thu Jan  2 00:00:00 2025\nSubject: one\n\nfirst\n\nFrom b Thu Jan  2 00:00:01 2025\n" + two;
  write_file(path, raw);
  expect_messages(read_one(path), {"Subject: one\n\nfirst\n", two}, offsets_of(raw, {"From a ", "From b "}));
}

TEST(SourceMbox, ContentLengthEndingInsideALine) {
  TempDir tmp;
  auto path = tmp.path() / "midline.mbox";
  std::string head = "From a Thu Jan  2 00:00:00 2025\nSubject: one\nContent-Length: ";
  std::string rest = "\n\nshort\n\nFrom b Thu Jan  2 00:00:01 2025\nSubject: two\n\nsome text\n\n"
                     "From c Thu Jan  2 00:00:02 2025\nSubject: three\n";
  // The body starts after "\n\n"; the length ends inside "some text".
  std::size_t body_start = rest.find("short");
  std::size_t length = rest.find("some text") + 4 - body_start;
  std::string raw = head + std::to_string(length) + rest;
  write_file(path, raw);
  expect_messages(read_one(path),
                  {"Subject: one\nContent-Length: " + std::to_string(length) + "\n\nshort\n",
                   "Subject: two\n\nsome text\n", "Subject: three\n"},
                  offsets_of(raw, {"From a ", "From b ", "From c "}));
}

// The lines read ahead for one wrong length are read again as the next
// messages, which may announce a length of their own, wrong or right.
TEST(SourceMbox, ReplayedMessagesWithTheirOwnContentLength) {
  TempDir tmp;
  auto path = tmp.path() / "nested.mbox";
  std::string body3 = "Transcript:\n\nFrom the remote host: 550 unknown\n";
  std::vector<std::string> messages = {
      "Subject: one\nContent-Length: 100000\n\nfirst\n",
      "Subject: two\nContent-Length: 7000\n\nsecond\n",
      "Subject: three\nContent-Length: " + std::to_string(body3.size()) + "\n\n" + body3,
      "Subject: four\nContent-Length: 40\n\nfourth\n",
      "Subject: five\n\nfifth\n",
  };
  std::string raw;
  std::vector<std::string> postmarks;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    postmarks.push_back("From sender" + std::to_string(i + 1) + " ");
    raw += postmarks.back() + "Thu Jan  2 00:00:00 2025\n" + messages[i] + "\n";
  }
  write_file(path, raw);
  expect_messages(read_one(path), messages, offsets_of(raw, postmarks));

  ReaderOptions opts;
  opts.max_message_bytes = 120;  // the two long lengths are not even checked: the same messages
  expect_messages(read_one(path, opts), messages, offsets_of(raw, postmarks));
}

// A length above max_message_bytes cannot be checked within that limit and
// is not trusted. Here the wrong length happens to end exactly at a separator
// three messages on, so with a large enough limit it does prove right: that
// is the one case the rule cannot tell from a right length.
TEST(SourceLimits, ContentLengthAboveMaxMessageBytes) {
  TempDir tmp;
  auto path = tmp.path() / "over.mbox";
  std::string after_headers = "first\n\nFrom b Thu Jan  2 00:00:01 2025\nSubject: two\n\nsecond\n\n"
                              "From c Thu Jan  2 00:00:02 2025\nSubject: three\n\nthird\n";
  std::string one = "Subject: one\nContent-Length: " + std::to_string(after_headers.size()) + "\n\n";
  std::string raw = "From a Thu Jan  2 00:00:00 2025\n" + one + after_headers +
                    "\nFrom d Thu Jan  2 00:00:03 2025\nSubject: four\n";
  write_file(path, raw);
  ReaderOptions opts;
  opts.max_message_bytes = after_headers.size() - 1;
  expect_messages(read_one(path, opts),
                  {one + "first\n", "Subject: two\n\nsecond\n", "Subject: three\n\nthird\n",
                   "Subject: four\n"},
                  offsets_of(raw, {"From a ", "From b ", "From c ", "From d "}));

  opts.max_message_bytes = 4096;
  expect_messages(read_one(path, opts), {one + after_headers, "Subject: four\n"},
                  offsets_of(raw, {"From a ", "From d "}));
}

// Reading ahead to check a length stops once what it holds (line copies and
// their bookkeeping) passes max_message_bytes; the length is then not trusted,
// even if it would have proved right.
TEST(SourceLimits, ReadingAheadStaysWithinMaxMessageBytes) {
  TempDir tmp;
  auto path = tmp.path() / "many-lines.mbox";
  std::string lines;
  for (int i = 0; i < 30; ++i) lines += "x\n";
  std::string body = "a\n\nFrom the remote host\n" + lines;
  std::string one = "Subject: one\nContent-Length: " + std::to_string(body.size()) + "\n\n";
  std::string raw = "From a Thu Jan  2 00:00:00 2025\n" + one + body + "\nFrom b Thu Jan  2 00:00:01 2025\n";
  write_file(path, raw);
  ReaderOptions opts;
  opts.max_message_bytes = 200;
  ASSERT_LE(body.size(), opts.max_message_bytes);
  auto r = read_one(path, opts);
  expect_messages(r, {one + "a\n", lines, ""}, offsets_of(raw, {"From a ", "From the ", "From b "}));
  EXPECT_EQ(r.messages[1].envelope_sender, "the");

  opts.max_message_bytes = 4096;
  expect_messages(read_one(path, opts), {one + body, ""}, offsets_of(raw, {"From a ", "From b "}));
}

// A right length still protects its "From " lines in a message that is
// truncated.
TEST(SourceLimits, RightContentLengthInTruncatedMessage) {
  TempDir tmp;
  auto path = tmp.path() / "cut.mbox";
  std::string body = "From the remote host: 550 no such user\n";
  std::string one = "Subject: one\nX-Long: " + std::string(200, 'x') + "\nContent-Length: " +
                    std::to_string(body.size()) + "\n\n" + body;
  std::string raw =
      "From a Thu Jan  2 00:00:00 2025\n" + one + "\nFrom b Thu Jan  2 00:00:01 2025\nSubject: two\n";
  write_file(path, raw);
  ReaderOptions opts;
  opts.max_message_bytes = 100;
  auto r = read_one(path, opts);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_TRUE(r.messages[0].truncated);
  EXPECT_EQ(r.messages[0].bytes, one.substr(0, 100));
  EXPECT_EQ(r.messages[1].bytes, "Subject: two\n");
  EXPECT_EQ(r.messages[1].origin.offset, raw.find("From b "));
  EXPECT_FALSE(r.messages[1].truncated);
}

// Content-Length counts body bytes: a postmark line in the header block,
// after the length, is not inside it. The message was cut short there.
TEST(SourceMbox, ContentLengthDoesNotCoverTheHeaderBlock) {
  TempDir tmp;
  auto path = tmp.path() / "headers.mbox";
  std::string raw = "From a Thu Jan  2 00:00:00 2025\nSubject: one\nContent-Length: 5\n"
                    "From b Thu Jan  2 00:00:01 2025\nSubject: two\n\nbody\n\n"
                    "From c Thu Jan  2 00:00:02 2025\nSubject: three\n";
  write_file(path, raw);
  expect_messages(read_one(path),
                  {"Subject: one\nContent-Length: 5\n", "Subject: two\n\nbody\n", "Subject: three\n"},
                  offsets_of(raw, {"From a ", "From b ", "From c "}));
}

TEST(SourceMbox, LfCrlfAndCrGiveIdenticalMessages) {
  TempDir tmp;
  for (const char* name : {"mboxrd.mbox", "mboxcl2.mbox", "mboxcl2-wrong-length.mbox", "single.eml"}) {
    std::string lf = read_file(testdata(std::string("source/") + name));
    auto base = read_one(testdata(std::string("source/") + name));
    ASSERT_FALSE(base.messages.empty());
    for (const char* eol : {"\r\n", "\r"}) {
      auto path = tmp.path() / (std::string(name) + (eol[1] ? ".crlf" : ".cr"));
      write_file(path, with_line_ends(lf, eol));
      auto other = read_one(path);
      ASSERT_EQ(other.messages.size(), base.messages.size()) << name << " " << path;
      for (std::size_t i = 0; i < base.messages.size(); ++i) {
        EXPECT_EQ(other.messages[i].bytes, base.messages[i].bytes) << path << " #" << i;
        EXPECT_EQ(other.messages[i].envelope_sender, base.messages[i].envelope_sender);
        EXPECT_EQ(other.messages[i].origin.index, base.messages[i].origin.index);
        EXPECT_EQ(other.messages[i].origin.offset.has_value(),
                  base.messages[i].origin.offset.has_value());
      }
    }
  }
}

TEST(SourceMbox, MixedAndLoneCarriageReturnsBecomeLf) {
  TempDir tmp;
  auto path = tmp.path() / "mixed.eml";
  write_file(path, "A: 1\r\nB: 2\rC: 3\n\r\nbody\r\r\nend");
  auto r = read_one(path);
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, "A: 1\nB: 2\nC: 3\n\nbody\n\nend\n");
}

TEST(SourceFiles, SingleMessageFile) {
  auto path = testdata("source/single.eml");
  auto r = read_one(path);
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, read_file(path));
  EXPECT_EQ(r.messages[0].origin.path, path.string());
  EXPECT_EQ(r.messages[0].origin.index, 1u);
  EXPECT_FALSE(r.messages[0].origin.offset.has_value());
  EXPECT_EQ(r.messages[0].origin.to_string(), path.string());
  EXPECT_TRUE(r.messages[0].envelope_sender.empty());
}

TEST(SourceFiles, GzipFilesAreReadByContent) {
  TempDir tmp;
  std::string mbox = read_file(testdata("source/mboxrd.mbox"));
  std::string eml = read_file(testdata("source/single.eml"));
  write_gzip(tmp.path() / "box.mbox.gz", mbox);
  write_gzip(tmp.path() / "no-suffix", mbox);  // compressed, but nothing in the name says so
  write_gzip(tmp.path() / "one.eml.gz", eml);
  auto plain = read_one(testdata("source/mboxrd.mbox"));

  for (const char* name : {"box.mbox.gz", "no-suffix"}) {
    auto r = read_one(tmp.path() / name);
    EXPECT_TRUE(r.errors.empty()) << name;
    ASSERT_EQ(r.messages.size(), 3u) << name;
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(r.messages[i].bytes, plain.messages[i].bytes);
      EXPECT_EQ(r.messages[i].origin.offset, plain.messages[i].origin.offset);  // decompressed offsets
    }
  }
  auto r = read_one(tmp.path() / "one.eml.gz");
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, eml);
}

TEST(SourceFiles, TruncatedGzipKeepsMessagesAndReportsError) {
  TempDir tmp;
  // Enough incompressible text that the cut lands well after the first messages.
  std::mt19937 rng(7);
  std::string mbox;
  for (int i = 0; i < 40; ++i) {
    mbox += "From sender" + std::to_string(i) + " Thu Jan  2 00:00:00 2025\nSubject: " +
            std::to_string(i) + "\n\n";
    for (int line = 0; line < 40; ++line) {
      for (int k = 0; k < 60; ++k) mbox += static_cast<char>('a' + rng() % 26);
      mbox += '\n';
    }
    mbox += '\n';
  }
  auto full = tmp.path() / "full.gz";
  write_gzip(full, mbox);
  std::string gz = read_file(full);
  auto cut = tmp.path() / "cut.mbox.gz";
  write_file(cut, gz.substr(0, gz.size() / 2));

  auto r = read_one(cut);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].path, cut.string());
  EXPECT_FALSE(r.errors[0].what.empty());
  EXPECT_GT(r.messages.size(), 5u);
  EXPECT_LT(r.messages.size(), 40u);
  auto whole = read_one(full);
  ASSERT_EQ(whole.messages.size(), 40u);
  for (std::size_t i = 0; i + 1 < r.messages.size(); ++i) {
    EXPECT_EQ(r.messages[i].bytes, whole.messages[i].bytes);
  }

  // Garbage after a gzip header: corrupt data is an error, never a crash.
  auto corrupt = tmp.path() / "corrupt.gz";
  std::string bad = gz.substr(0, 10) + std::string(200, '\x5a') + gz.substr(210);
  write_file(corrupt, bad);
  auto c = read_all({corrupt.string(), testdata("source/single.eml").string()});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].path, corrupt.string());
  ASSERT_FALSE(c.messages.empty());
  EXPECT_EQ(c.messages.back().origin.path, testdata("source/single.eml").string());
}

TEST(SourceFiles, EmptyFilesYieldNothing) {
  TempDir tmp;
  write_file(tmp.path() / "empty", "");
  write_gzip(tmp.path() / "empty.gz", "");
  auto r = read_all({(tmp.path() / "empty").string(), (tmp.path() / "empty.gz").string()});
  EXPECT_TRUE(r.messages.empty());
  EXPECT_TRUE(r.errors.empty());
}

TEST(SourceFiles, MissingPathIsAnErrorAndReadingContinues) {
  TempDir tmp;
  auto missing = (tmp.path() / "no-such-file.mbox").string();
  auto r = read_all({missing, testdata("source/single.eml").string(), missing + ".2"});
  ASSERT_EQ(r.messages.size(), 1u);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].path, missing);
  EXPECT_NE(r.errors[0].what.find("No such file"), std::string::npos) << r.errors[0].what;
  EXPECT_EQ(r.errors[1].path, missing + ".2");
}

TEST(SourceFiles, UnreadableFileIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can read anything";
  TempDir tmp;
  auto path = tmp.path() / "locked.eml";
  write_file(path, "Subject: x\n\nbody\n");
  fs::permissions(path, fs::perms::none);
  auto r = read_all({path.string(), testdata("source/single.eml").string()});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].path, path.string());
  EXPECT_NE(r.errors[0].what.find("ermission"), std::string::npos) << r.errors[0].what;
  EXPECT_EQ(r.messages.size(), 1u);
}

TEST(SourceFiles, TruncatedMboxAndMissingFinalNewline) {
  TempDir tmp;
  auto path = tmp.path() / "cut.mbox";
  write_file(path,
             "From a Thu Jan  2 00:00:00 2025\nSubject: one\n\nbody\n\n"
             "From b Thu Jan  2 00:00:00 2025\nSubject: two\n\nthe last line is cut he");
  auto r = read_one(path);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, "Subject: one\n\nbody\n");
  EXPECT_EQ(r.messages[1].bytes, "Subject: two\n\nthe last line is cut he\n");

  // A postmark and nothing else.
  write_file(path, "From a Thu Jan  2 00:00:00 2025");
  r = read_one(path);
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, "");
  EXPECT_EQ(r.messages[0].envelope_sender, "a");
}

TEST(SourceFiles, BinaryGarbageWithNulBytes) {
  TempDir tmp;
  std::mt19937 rng(42);
  std::string junk;
  for (int i = 0; i < 300000; ++i) junk += static_cast<char>(rng() & 0xff);
  junk[0] = 'X';  // not a gzip header, not a postmark
  auto path = tmp.path() / "junk.bin";
  write_file(path, junk);
  auto r = read_one(path);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes.find('\r'), std::string::npos);
  EXPECT_EQ(r.messages[0].bytes.back(), '\n');

  // The same garbage inside an mbox.
  auto box = tmp.path() / "junk.mbox";
  write_file(box, "From a Thu Jan  2 00:00:00 2025\n\n" + junk +
                      "\n\nFrom b Thu Jan  2 00:00:00 2025\nSubject: after\n");
  r = read_one(box);
  ASSERT_GE(r.messages.size(), 2u);
  EXPECT_EQ(r.messages.back().bytes, "Subject: after\n");
  EXPECT_EQ(r.messages.back().envelope_sender, "b");
}

TEST(SourceLimits, MaxMessageBytesTruncatesAndFindsNextMessage) {
  TempDir tmp;
  std::string big;
  for (int i = 0; i < 1000; ++i) big += "line " + std::to_string(i) + " of a long bounce\n";
  auto path = tmp.path() / "big.mbox";
  write_file(path, "From a Thu Jan  2 00:00:00 2025\nSubject: big\n\n" + big +
                       "\nFrom b Thu Jan  2 00:00:00 2025\nSubject: small\n\nok\n");
  ReaderOptions opts;
  opts.max_message_bytes = 100;
  auto r = read_one(path, opts);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_TRUE(r.messages[0].truncated);
  EXPECT_EQ(r.messages[0].bytes.size(), 100u);
  EXPECT_EQ(r.messages[0].bytes, ("Subject: big\n\n" + big).substr(0, 100));
  EXPECT_FALSE(r.messages[1].truncated);
  EXPECT_EQ(r.messages[1].bytes, "Subject: small\n\nok\n");
  EXPECT_EQ(r.messages[1].origin.index, 2u);

  // Exactly at the limit is not truncated.
  opts.max_message_bytes = r.messages[1].bytes.size();
  auto exact = read_one(path, opts);
  ASSERT_EQ(exact.messages.size(), 2u);
  EXPECT_FALSE(exact.messages[1].truncated);
  EXPECT_EQ(exact.messages[1].bytes, "Subject: small\n\nok\n");
}

TEST(SourceLimits, HugeSingleLineStaysBounded) {
  TempDir tmp;
  constexpr std::size_t kSize = 20u << 20;
  std::string line(kSize, '\0');
  std::mt19937 rng(1);
  for (auto& c : line) {
    c = static_cast<char>(rng() & 0xff);
    if (c == '\n' || c == '\r') c = '\0';
  }
  auto path = tmp.path() / "huge.mbox";
  {
    std::string content = "From a Thu Jan  2 00:00:00 2025\nSubject: huge\n\n";
    content += line;
    content += "\n\nFrom b Thu Jan  2 00:00:00 2025\nSubject: next\n";
    write_file(path, content);
  }
  auto started = std::chrono::steady_clock::now();
  ReaderOptions opts;
  opts.max_message_bytes = 1u << 20;
  auto r = read_one(path, opts);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_TRUE(r.messages[0].truncated);
  EXPECT_EQ(r.messages[0].bytes.size(), opts.max_message_bytes);
  EXPECT_EQ(r.messages[1].bytes, "Subject: next\n");

  // With the default limit the whole line is kept, once.
  auto whole = read_one(path);
  ASSERT_EQ(whole.messages.size(), 2u);
  EXPECT_FALSE(whole.messages[0].truncated);
  EXPECT_EQ(whole.messages[0].bytes.size(), std::string("Subject: huge\n\n").size() + kSize + 1);
  EXPECT_EQ(whole.messages[0].bytes.compare(15, kSize, line), 0);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_LT(seconds, 20.0);
}

TEST(SourceDirs, MaildirReadsCurAndNewButNeverTmp) {
  TempDir tmp;
  fs::path md = tmp.path() / "Maildir";
  write_file(md / "cur" / "1700000001.M1P1.host:2,S", "Subject: cur one\n\nbody\n");
  write_file(md / "cur" / "1700000002.M2P2.host:2,", "Subject: cur two\n\nbody\n\n");
  write_file(md / "new" / "1700000003.M3P3.host", "Subject: new one\n\nbody\n");
  write_file(md / "new" / ".DS_Store", "junk");
  write_file(md / "tmp" / "1700000004.M4P4.host", "Subject: in flight\n");
  write_file(md / "dovecot-uidlist", "3 V1 N4\n");
  write_file(md / ".Sub" / "cur" / "1700000005.M5P5.host:2,", "Subject: sub cur\n");
  write_file(md / ".Sub" / "new" / "1700000006.M6P6.host",
             "From sender@example.org Thu Jan  2 00:00:00 2025\nSubject: sub new\n\nFrom x\n");
  write_file(md / ".Sub" / "tmp" / "1700000007.M7P7.host", "Subject: sub in flight\n");

  auto r = read_one(md);
  EXPECT_TRUE(r.errors.empty());
  std::vector<std::string> expected = {
      (md / ".Sub" / "cur" / "1700000005.M5P5.host:2,").string(),
      (md / ".Sub" / "new" / "1700000006.M6P6.host").string(),
      (md / "cur" / "1700000001.M1P1.host:2,S").string(),
      (md / "cur" / "1700000002.M2P2.host:2,").string(),
      (md / "new" / "1700000003.M3P3.host").string(),
  };
  EXPECT_EQ(origins(r), expected);
  for (const auto& m : r.messages) {
    EXPECT_EQ(m.origin.index, 1u);
    EXPECT_FALSE(m.origin.offset.has_value());
    EXPECT_EQ(m.bytes.find("in flight"), std::string::npos);
  }
  ASSERT_EQ(r.messages.size(), 5u);
  // Maildir files are single messages; a leading postmark is dropped, nothing is split.
  EXPECT_EQ(r.messages[1].bytes, "Subject: sub new\n\nFrom x\n");
  EXPECT_EQ(r.messages[1].envelope_sender, "sender@example.org");
  EXPECT_EQ(r.messages[3].bytes, "Subject: cur two\n\nbody\n\n");  // no mbox blank-line trimming

  // A cur/ folder given directly.
  auto cur = read_one(md / "cur");
  EXPECT_EQ(cur.messages.size(), 2u);
}

// A single message (a Maildir file, an .eml) that opens with a quoted postmark line: the line is
// dropped as in an mbox, whatever its length; a quoted line further down stays as it is.
TEST(SourceDirs, AQuotedPostmarkOpeningAMaildirFileIsDropped) {
  TempDir tmp;
  fs::path md = tmp.path() / "Maildir";
  write_file(md / "new" / "1700000001.M1P1.host",
             ">From MAILER-DAEMON Tue Jun 11 19:13:34 2024\nSubject: one\n\n>From the postmaster\n");
  write_file(md / "new" / "1700000002.M2P2.host",
             ">>From MAILER-DAEMON " + std::string(300000, 'x') + "\nSubject: two\n\nbody\n");
  write_file(md / "new" / "1700000003.M3P3.host", ">From nobody\n");
  write_file(tmp.path() / "saved.eml", ">From a@example.org Thu Jan  2 00:00:00 2025\nSubject: three\n\nbody\n");

  auto r = read_one(md);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0].bytes, "Subject: one\n\n>From the postmaster\n");  // not mbox-unquoted
  EXPECT_EQ(r.messages[1].bytes, "Subject: two\n\nbody\n");
  EXPECT_EQ(r.messages[2].bytes, "");  // still one message, counted (as undecodable) downstream
  auto eml = read_one(tmp.path() / "saved.eml");
  ASSERT_EQ(eml.messages.size(), 1u);
  EXPECT_EQ(eml.messages[0].bytes, "Subject: three\n\nbody\n");
}

TEST(SourceDirs, RecursiveWalkIsSortedByName) {
  TempDir tmp;
  fs::path root = tmp.path() / "bounces";
  write_file(root / "b.eml", "Subject: b\n");
  write_file(root / "a" / "z.eml", "Subject: a/z\n");
  write_file(root / "a" / "sub" / "m.mbox",
             "From x Thu Jan  2 00:00:00 2025\nSubject: a/sub/m 1\n\n"
             "From y Thu Jan  2 00:00:00 2025\nSubject: a/sub/m 2\n");
  write_file(root / "A.eml", "Subject: A\n");
  write_file(root / ".hidden", "Subject: hidden\n");
  write_file(root / "c" / "tmp" / "t.eml", "Subject: c/tmp is read: no Maildir here\n");
  fs::create_directories(root / "empty-folder");

  auto r = read_all({root.string(), testdata("source/single.eml").string()});
  EXPECT_TRUE(r.errors.empty());
  std::vector<std::string> expected = {
      (root / "A.eml").string(),
      (root / "a" / "sub" / "m.mbox").string() + "#1@0",
      (root / "a" / "sub" / "m.mbox").string() + "#2@52",
      (root / "a" / "z.eml").string(),
      (root / "b.eml").string(),
      (root / "c" / "tmp" / "t.eml").string(),
      testdata("source/single.eml").string(),
  };
  EXPECT_EQ(origins(r), expected);
}

TEST(SourceFiles, StdinIsDash) {
  TempDir tmp;
  auto path = tmp.path() / "in.mbox";
  std::string mbox = read_file(testdata("source/mboxrd.mbox"));
  write_gzip(path, mbox);
  Result r = read_stdin_from(path);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0].origin.path, "-");
  EXPECT_EQ(r.messages[0].origin.to_string(), "-#1@0");
  EXPECT_EQ(r.messages[0].bytes, kFirstMboxrd);
}

// Standard input is read from where it stands, which need not be the start of its file:
// whether it is gzip is decided there, not at offset 0.
TEST(SourceFiles, StdinPositionedInsideItsFile) {
  TempDir tmp;
  auto gz = tmp.path() / "in.mbox.gz";
  write_gzip(gz, read_file(testdata("source/mboxrd.mbox")));
  const std::string junk = "already read by someone else\n";
  auto path = tmp.path() / "in";
  write_file(path.string(), junk + read_file(gz.string()));
  Result r = read_stdin_from(path, static_cast<off_t>(junk.size()));
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0].bytes, kFirstMboxrd);
}

}  // namespace

// A decompression bomb: 256 MB of one repeated line compress to about 250 KB. Reading stops at the
// documented ratio (100 times the file's size, plus 64 MB) with an error naming the input, and the
// next input is still read.
TEST(SourceFiles, GzipBombIsCutAtTheRatioLimit) {
  TempDir tmp;
  auto bomb = tmp.path() / "bomb.mbox.gz";
  {
    gzFile gz = gzopen(bomb.c_str(), "wb");
    ASSERT_NE(gz, nullptr);
    std::string head = "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\nSubject: filler\n\n";
    ASSERT_EQ(gzwrite(gz, head.data(), static_cast<unsigned>(head.size())), static_cast<int>(head.size()));
    std::string chunk;
    for (int i = 0; i < 1024; ++i) chunk += std::string(1023, 'z') + "\n";
    for (int i = 0; i < 256; ++i)
      ASSERT_EQ(gzwrite(gz, chunk.data(), static_cast<unsigned>(chunk.size())), static_cast<int>(chunk.size()));
    ASSERT_EQ(gzclose(gz), Z_OK);
  }
  std::uint64_t compressed = fs::file_size(bomb);
  ASSERT_LT(compressed * 100 + (64u << 20), 256u << 20) << "the test file must exceed the ratio";

  auto r = read_all({bomb.string(), testdata("source/single.eml").string()});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].path, bomb.string());
  EXPECT_NE(r.errors[0].what.find("decompression bomb"), std::string::npos) << r.errors[0].what;
  EXPECT_NE(r.errors[0].what.find(std::to_string(compressed * 100 + (64u << 20)) + " bytes"), std::string::npos)
      << r.errors[0].what;
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_TRUE(r.messages[0].truncated);
  EXPECT_EQ(r.messages[1].origin.path, testdata("source/single.eml").string());
}

// Inputs that hold no mail (InputWarning): given paths that yield nothing, files without a header block.
namespace {

std::vector<bouncekit::source::InputWarning> warnings_of(std::vector<std::string> paths) {
  Reader reader(std::move(paths));
  RawMessage m;
  while (reader.next(m)) {
  }
  return reader.warnings();
}

TEST(ReaderWarnings, EmptyFolderAndEmptyFileAreNamedOnce) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "empty");
  write_file(tmp.path() / "empty.mbox", "");
  write_file(tmp.path() / "ok.eml", "From: a@example.org\nSubject: hi\n\nbody\n");
  auto w = warnings_of({(tmp.path() / "empty").string(), (tmp.path() / "ok.eml").string(),
                        (tmp.path() / "empty.mbox").string()});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].path, (tmp.path() / "empty").string());
  EXPECT_EQ(w[0].what, "no messages in this input");
  EXPECT_EQ(w[1].path, (tmp.path() / "empty.mbox").string());
}

TEST(ReaderWarnings, FileWithoutHeaderBlockIsNotMail) {
  TempDir tmp;
  write_file(tmp.path() / "d" / "list.txt", "milk\nbread\n");
  write_file(tmp.path() / "d" / "blank-first.eml", "\nSubject: after an empty line\n");
  write_file(tmp.path() / "d" / "space-colon.eml", "Subject : obsolete syntax is still a header\n\nx\n");
  write_file(tmp.path() / "d" / "box.mbox", "From a@example.org Mon Jul  1 00:00:00 2024\nTo: b@example.org\n\nx\n");
  auto w = warnings_of({(tmp.path() / "d").string()});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].path, (tmp.path() / "d" / "blank-first.eml").string());
  EXPECT_EQ(w[1].path, (tmp.path() / "d" / "list.txt").string());
  EXPECT_TRUE(w[1].what.starts_with("not mail")) << w[1].what;
}

TEST(ReaderWarnings, UnreadablePathIsAnErrorOnly) {
  TempDir tmp;
  Reader reader({(tmp.path() / "missing").string()});
  RawMessage m;
  while (reader.next(m)) {
  }
  EXPECT_EQ(reader.errors().size(), 1u);
  EXPECT_TRUE(reader.warnings().empty());
}

}  // namespace
