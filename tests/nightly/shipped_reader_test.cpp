// The reader of shipped record files (nightly/shipped_reader.hpp): the lines `parse --ship`
// writes come back as the messages they describe; every malformed input is an error that names
// the file and the line, and no message is ever returned with only some of its records.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <fcntl.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bouncekit/nightly.hpp"
#include "bouncekit/report.hpp"
#include "nightly/shipped_reader.hpp"
#include "test_support.hpp"

namespace {

using namespace bouncekit;
using bouncekit::nightly::detail::ShippedMessage;
using bouncekit::nightly::detail::ShippedReader;
using bouncekit::nightly::detail::ShippedReaderOptions;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

const std::string kFingerprintA(32, 'a'), kFingerprintB(32, 'b'), kFingerprintC(32, 'c');

Record record(const std::string& recipient, const std::string& fingerprint) {
  Record r;
  r.origin = "/var/mail/bounces#1@0";
  r.recipient = recipient;
  r.recipient_domain = "example.net";
  r.action = "failed";
  r.status = "5.1.1";
  r.diagnostic = "550 5.1.1 no such mailbox here";
  r.reason = "userunknown";
  r.bounce = "hard";
  r.evidence = "status";
  r.rule = "5.1.1";
  r.list = "weekly.example.org";
  r.fingerprint = fingerprint;
  return r;
}

// The lines of one message with these records (a message line when there are none).
std::string lines_of(const std::string& fingerprint, const std::string& kind, const std::vector<Record>& records,
                     const std::string& host = "mx1") {
  const std::string origin = "/var/mail/bounces#1@0";
  report::MessageTag tag{fingerprint, origin, kind, host, records.size()};
  std::string out;
  if (records.empty()) {
    report::append_shipped_message(out, tag);
    out += '\n';
  }
  for (const Record& r : records) {
    report::append_shipped_record(out, r, tag);
    out += '\n';
  }
  return out;
}

// The closing line `parse --ship` writes after its last message.
std::string end_line(std::uint64_t messages, const std::string& host = "mx1") {
  std::string out;
  report::append_shipment_end(out, messages, host);
  return out + '\n';
}

std::vector<ShippedMessage> read_all(ShippedReader& reader) {
  std::vector<ShippedMessage> messages;
  for (ShippedMessage m; reader.next(m);) messages.push_back(std::move(m));
  return messages;
}

std::string good_file() {
  Record vacation = record("away@example.net", kFingerprintB);
  vacation.reason = "vacation";
  vacation.bounce = "none";
  vacation.hint = vocabulary::Reason::vacation;
  return lines_of(kFingerprintA, "not_bounce", {}) +
         lines_of(kFingerprintB, "bounce", {record("one@example.net", kFingerprintB), vacation}) +
         lines_of(kFingerprintC, "undecodable", {}) + end_line(3);
}

TEST(ShippedReader, ReadsEachMessageWithItsRecordsBack) {
  TempDir tmp;
  write_file(tmp.path() / "mx1.jsonl", good_file());
  ShippedReader reader({(tmp.path() / "mx1.jsonl").string()});
  std::vector<ShippedMessage> messages = read_all(reader);
  EXPECT_TRUE(reader.errors().empty());
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].fingerprint, kFingerprintA);
  EXPECT_EQ(messages[0].kind, decode::Kind::not_bounce);
  EXPECT_EQ(messages[0].host, "mx1");
  EXPECT_EQ(messages[0].origin, "/var/mail/bounces#1@0");
  EXPECT_TRUE(messages[0].records.empty());
  EXPECT_EQ(messages[1].kind, decode::Kind::bounce);
  ASSERT_EQ(messages[1].records.size(), 2u);
  // Every field comes back as written: the record line of the message read is the one shipped.
  EXPECT_EQ(report::record_columns().back(), "fingerprint");
  std::string again;
  report::append_json(again, messages[1].records[0]);
  std::string original;
  report::append_json(original, record("one@example.net", kFingerprintB));
  EXPECT_EQ(again, original);
  EXPECT_FALSE(messages[1].records[0].hint);
  EXPECT_EQ(messages[1].records[1].hint, vocabulary::Reason::vacation);
  EXPECT_EQ(messages[2].kind, decode::Kind::undecodable);
}

// The first malformed line ends its file: the messages before it are kept, the message in
// progress is dropped, nothing after it is read, and the next file is read.
TEST(ShippedReader, AMalformedLineStopsItsFileAndNamesTheLine) {
  TempDir tmp;
  const std::string a = lines_of(kFingerprintA, "not_bounce", {});
  const std::string b = lines_of(kFingerprintB, "bounce",
                                 {record("one@example.net", kFingerprintB), record("two@example.net", kFingerprintB)});
  const std::string first_of_b = b.substr(0, b.find('\n') + 1);
  write_file(tmp.path() / "bad.jsonl", a + first_of_b + "{\"fingerprint\": oops\n" + lines_of(kFingerprintC, "bounce", {}));
  write_file(tmp.path() / "good.jsonl", lines_of(kFingerprintC, "not_bounce", {}) + end_line(1));
  ShippedReader reader({(tmp.path() / "bad.jsonl").string(), (tmp.path() / "good.jsonl").string()});
  std::vector<ShippedMessage> messages = read_all(reader);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].fingerprint, kFingerprintA);
  EXPECT_EQ(messages[1].fingerprint, kFingerprintC);  // from good.jsonl
  ASSERT_EQ(reader.errors().size(), 1u);
  EXPECT_EQ(reader.errors()[0].path, (tmp.path() / "bad.jsonl").string());
  EXPECT_NE(reader.errors()[0].what.find("line 3: not JSON"), std::string::npos) << reader.errors()[0].what;
}

struct BadCase {
  const char* name;
  std::string line;
  const char* why;
};

TEST(ShippedReader, EachKindOfBadLineIsAnErrorSayingWhy) {
  const std::string good = lines_of(kFingerprintA, "bounce", {record("one@example.net", kFingerprintA)});
  auto with = [&](const std::string& from, const std::string& to) {
    std::string line = good;
    line.replace(line.find(from), from.size(), to);
    return line;
  };
  const std::vector<BadCase> cases = {
      {"no fingerprint", with("\"fingerprint\":\"" + kFingerprintA + "\"", "\"fingerprint\":null"), "no \"fingerprint\""},
      {"bad fingerprint", with(kFingerprintA, "not-a-fingerprint"), "32 lower-case hex"},
      {"no kind", with("\"message_kind\":\"bounce\",", ""), "no \"message_kind\""},
      {"unknown kind", with("\"message_kind\":\"bounce\"", "\"message_kind\":\"spam\""), "unknown \"message_kind\""},
      {"no count", with("\"message_records\":1,", ""), "no \"message_records\""},
      {"negative count", with("\"message_records\":1", "\"message_records\":-1"), "no \"message_records\""},
      {"no host", with("\"host\":\"mx1\"", "\"host\":null"), "no \"host\""},
      {"number field", with("\"status\":\"5.1.1\"", "\"status\":511"), "\"status\" is not a string"},
      {"unknown reason", with("\"reason\":\"userunknown\"", "\"reason\":\"nosuchreason\""), "unknown \"reason\""},
      {"bad bounce", with("\"bounce\":\"hard\"", "\"bounce\":\"maybe\""), "not hard, soft or none"},
      {"unknown hint", with("\"hint\":null", "\"hint\":\"whatever\""), "unknown \"hint\""},
      {"NUL", with("no such mailbox", "no such\\u0000mailbox"), "NUL"},
      {"array", "[1,2,3]\n", "not a JSON object"},
      {"deep", with("\"hint\":null", "\"hint\":null,\"headers\":{\"x\":[[[[[[1]]]]]]}"), "nested deeper"},
      {"invalid UTF-8", with("no such mailbox", "no such \xff mailbox"), "not JSON"},
      // What plain `parse` writes: records without the message's tag.
      {"plain parse line", [] {
         std::string line;
         report::append_json(line, record("one@example.net", kFingerprintA));
         return line + "\n";
       }(), "no \"message_kind\""},
  };
  for (const BadCase& c : cases) {
    TempDir tmp;
    write_file(tmp.path() / "x.jsonl", lines_of(kFingerprintB, "not_bounce", {}) + c.line);
    ShippedReader reader({(tmp.path() / "x.jsonl").string()});
    std::vector<ShippedMessage> messages = read_all(reader);
    EXPECT_EQ(messages.size(), 1u) << c.name;
    ASSERT_EQ(reader.errors().size(), 1u) << c.name;
    EXPECT_NE(reader.errors()[0].what.find("line 2: "), std::string::npos) << c.name << ": " << reader.errors()[0].what;
    EXPECT_NE(reader.errors()[0].what.find(c.why), std::string::npos) << c.name << ": " << reader.errors()[0].what;
  }
}

// An error quotes at most the start of a value from the file.
TEST(ShippedReader, AnErrorQuotesOnlyTheStartOfAValue) {
  TempDir tmp;
  Record r = record("one@example.net", kFingerprintA);
  r.reason = std::string(10000, 'z');
  write_file(tmp.path() / "x.jsonl", lines_of(kFingerprintA, "bounce", {r}));
  ShippedReader reader({(tmp.path() / "x.jsonl").string()});
  EXPECT_TRUE(read_all(reader).empty());
  ASSERT_EQ(reader.errors().size(), 1u);
  EXPECT_NE(reader.errors()[0].what.find("unknown \"reason\": 'zzzz"), std::string::npos) << reader.errors()[0].what;
  EXPECT_LT(reader.errors()[0].what.size(), 300u);
}

// Each line says how many records its message has: a file cut between two lines of a message,
// or lines of two messages mixed, cannot pass a message off with only some of its records.
TEST(ShippedReader, AMessageCutShortIsAnErrorNotAMessage) {
  const std::string two = lines_of(kFingerprintA, "bounce",
                                   {record("one@example.net", kFingerprintA), record("two@example.net", kFingerprintA)});
  const std::string first = two.substr(0, two.find('\n') + 1), second = two.substr(two.find('\n') + 1);
  const std::string other = lines_of(kFingerprintB, "not_bounce", {});
  for (const std::string& text : {first, first + other + second}) {
    TempDir tmp;
    write_file(tmp.path() / "x.jsonl", text);
    ShippedReader reader({(tmp.path() / "x.jsonl").string()});
    EXPECT_TRUE(read_all(reader).empty());
    ASSERT_EQ(reader.errors().size(), 1u);
    EXPECT_NE(reader.errors()[0].what.find("after 1 of its 2 records"), std::string::npos) << reader.errors()[0].what;
  }
}

// The same message twice in a row (a copy in the mailbox, two files concatenated) is two
// messages: the history counts the second as already counted.
TEST(ShippedReader, TheSameMessageTwiceInARowIsTwoMessages) {
  TempDir tmp;
  const std::string one = lines_of(kFingerprintA, "bounce", {record("one@example.net", kFingerprintA)});
  write_file(tmp.path() / "x.jsonl", one + one + end_line(2));
  ShippedReader reader({(tmp.path() / "x.jsonl").string()});
  std::vector<ShippedMessage> messages = read_all(reader);
  EXPECT_TRUE(reader.errors().empty());
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].records.size(), 1u);
  EXPECT_EQ(messages[1].records.size(), 1u);
}

TEST(ShippedReader, ALineOverTheLimitIsAnError) {
  TempDir tmp;
  Record long_one = record("one@example.net", kFingerprintA);
  long_one.diagnostic = std::string(5000, 'x');
  write_file(tmp.path() / "x.jsonl", lines_of(kFingerprintB, "not_bounce", {}) + lines_of(kFingerprintA, "bounce", {long_one}) +
                                         lines_of(kFingerprintC, "not_bounce", {}));
  ShippedReaderOptions options;
  options.max_line_bytes = 4096;
  ShippedReader reader({(tmp.path() / "x.jsonl").string()}, options);
  EXPECT_EQ(read_all(reader).size(), 1u);
  ASSERT_EQ(reader.errors().size(), 1u);
  EXPECT_NE(reader.errors()[0].what.find("line 2: longer than 4096 bytes"), std::string::npos) << reader.errors()[0].what;

  // The same line within the limit (the default: 1 MB) is read; a line of 300 KB arrives from the
  // line reader in pieces and is put together.
  long_one.diagnostic = std::string(300 * 1024, 'x');
  write_file(tmp.path() / "y.jsonl", lines_of(kFingerprintA, "bounce", {long_one}) + end_line(1));
  ShippedReader whole({(tmp.path() / "y.jsonl").string()});
  std::vector<ShippedMessage> messages = read_all(whole);
  EXPECT_TRUE(whole.errors().empty());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].records.at(0).diagnostic.size(), 300u * 1024);
}

TEST(ShippedReader, RecordsPastTheCapAreCountedNotKept) {
  TempDir tmp;
  std::vector<Record> records;
  for (int i = 0; i < 5; ++i) records.push_back(record("r" + std::to_string(i) + "@example.net", kFingerprintA));
  write_file(tmp.path() / "x.jsonl", lines_of(kFingerprintA, "bounce", records) + end_line(1));
  ShippedReaderOptions options;
  options.max_records = 3;
  ShippedReader reader({(tmp.path() / "x.jsonl").string()}, options);
  std::vector<ShippedMessage> messages = read_all(reader);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].records.size(), 3u);
  EXPECT_EQ(messages[0].left_out, 2u);
  EXPECT_EQ(messages[0].records[2].recipient, "r2@example.net");
  ASSERT_EQ(reader.warnings().size(), 1u);
  EXPECT_NE(reader.warnings()[0].what.find("2 records past the limit of 3"), std::string::npos);
}

TEST(ShippedReader, ReadsGzipAndStandardInput) {
  TempDir tmp;
  const std::string text = good_file();
  const std::string gz = (tmp.path() / "mx1.jsonl.gz").string();
  gzFile f = gzopen(gz.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
  gzclose(f);
  ShippedReader gzip({gz});
  EXPECT_EQ(read_all(gzip).size(), 3u);
  EXPECT_TRUE(gzip.errors().empty());

  // "-": standard input (here the gzip file put in its place; plain text reads the same way).
  int saved = ::dup(0);
  int in = ::open(gz.c_str(), O_RDONLY);
  ASSERT_GE(in, 0);
  ::dup2(in, 0);
  ::close(in);
  ShippedReader stdin_reader({"-"});
  std::vector<ShippedMessage> messages = read_all(stdin_reader);
  ::dup2(saved, 0);
  ::close(saved);
  EXPECT_EQ(messages.size(), 3u);
  EXPECT_TRUE(stdin_reader.errors().empty());
}

TEST(ShippedReader, MissingAndEmptyFilesAreReported) {
  TempDir tmp;
  write_file(tmp.path() / "empty.jsonl", "\n" + end_line(0) + "\n");  // `parse --ship` of an empty mailbox
  write_file(tmp.path() / "blank.jsonl", "\n\n");                     // not even the closing line
  ShippedReader reader({(tmp.path() / "missing.jsonl").string(), (tmp.path() / "empty.jsonl").string(),
                        (tmp.path() / "blank.jsonl").string()});
  EXPECT_TRUE(read_all(reader).empty());
  ASSERT_EQ(reader.errors().size(), 2u);
  EXPECT_EQ(reader.errors()[0].path, (tmp.path() / "missing.jsonl").string());
  EXPECT_EQ(reader.errors()[1].path, (tmp.path() / "blank.jsonl").string());
  EXPECT_NE(reader.errors()[1].what.find("without the closing line"), std::string::npos) << reader.errors()[1].what;
  ASSERT_EQ(reader.warnings().size(), 1u);
  EXPECT_EQ(reader.warnings()[0].path, (tmp.path() / "empty.jsonl").string());
  EXPECT_EQ(reader.warnings()[0].what, "no messages in this input");
}

// A file cut exactly between two messages holds only whole messages: the closing line is what
// tells it from a whole file. Its complete messages are returned (the history counts them once,
// and the rest when the whole file is shipped again), and the file is an error.
TEST(ShippedReader, AFileCutBetweenTwoMessagesIsAnError) {
  TempDir tmp;
  const std::string a = lines_of(kFingerprintA, "not_bounce", {});
  const std::string b = lines_of(kFingerprintB, "bounce", {record("one@example.net", kFingerprintB)});
  write_file(tmp.path() / "cut.jsonl", a + b);
  write_file(tmp.path() / "whole.jsonl", a + b + end_line(2));
  ShippedReader cut({(tmp.path() / "cut.jsonl").string()});
  EXPECT_EQ(read_all(cut).size(), 2u);
  ASSERT_EQ(cut.errors().size(), 1u);
  EXPECT_NE(cut.errors()[0].what.find("without the closing line"), std::string::npos) << cut.errors()[0].what;
  EXPECT_NE(cut.errors()[0].what.find("2 complete messages"), std::string::npos) << cut.errors()[0].what;
  ShippedReader whole({(tmp.path() / "whole.jsonl").string()});
  EXPECT_EQ(read_all(whole).size(), 2u);
  EXPECT_TRUE(whole.errors().empty());
}

// Shipments put one after the other (`cat` of several hosts' files, the part files of a batch
// job) are read as one file; each closing line must count the messages of its own shipment, and
// come between messages.
TEST(ShippedReader, ConcatenatedShipmentsAreCheckedOneByOne) {
  const std::string a = lines_of(kFingerprintA, "not_bounce", {});
  const std::string b = lines_of(kFingerprintB, "not_bounce", {}, "mx2");
  const std::string two = lines_of(kFingerprintC, "bounce",
                                   {record("one@example.net", kFingerprintC), record("two@example.net", kFingerprintC)});
  struct Case {
    std::string text;
    std::size_t messages;
    std::string error;  // "" when the file is whole
  };
  const std::vector<Case> cases = {
      {a + end_line(1) + b + a + end_line(2, "mx2"), 3, ""},
      {a + end_line(1) + b + a, 3, "2 complete messages after the last closing line"},
      {a + b + end_line(1), 2, "line 3: the closing line counts 1 messages, the lines before it hold 2"},
      {a + two.substr(0, two.find('\n') + 1) + end_line(2), 1, "line 3: message " + kFingerprintC + " ends after 1 of its 2"},
      {a + "{\"end_of_shipment\":false,\"messages\":1,\"host\":\"mx1\"}\n", 1, "line 2: \"end_of_shipment\" is not true"},
      {a + "{\"end_of_shipment\":true,\"host\":\"mx1\"}\n", 1, "line 2: a closing line without \"messages\""},
  };
  for (const Case& c : cases) {
    TempDir tmp;
    write_file(tmp.path() / "x.jsonl", c.text);
    ShippedReader reader({(tmp.path() / "x.jsonl").string()});
    EXPECT_EQ(read_all(reader).size(), c.messages) << c.text;
    if (c.error.empty()) {
      EXPECT_TRUE(reader.errors().empty()) << c.text;
    } else {
      ASSERT_EQ(reader.errors().size(), 1u) << c.text;
      EXPECT_NE(reader.errors()[0].what.find(c.error), std::string::npos) << reader.errors()[0].what;
    }
  }
}

TEST(ShippedReader, RecordFilesAreKnownByTheirName) {
  EXPECT_TRUE(nightly::is_record_file("mx1.jsonl"));
  EXPECT_TRUE(nightly::is_record_file("/srv/in/mx1-2026-11-22.jsonl.gz"));
  EXPECT_FALSE(nightly::is_record_file("bounces.mbox"));
  EXPECT_FALSE(nightly::is_record_file("bounces.mbox.gz"));
  EXPECT_FALSE(nightly::is_record_file("-"));
  EXPECT_FALSE(nightly::is_record_file("records.json"));
}

}  // namespace
