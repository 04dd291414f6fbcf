// Work that grows with a message's content is bounded as it is produced (docs/limits.md): a report
// naming far more recipients than the records-per-message limit costs the limit, not the message.
#include <gtest/gtest.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bouncekit/classify.hpp"
#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "bouncekit/source.hpp"
#include "test_support.hpp"

namespace {

using bouncekit::decode::Kind;

// One RFC 3464 report whose delivery-status part holds `blocks` recipient blocks written back to
// back without blank lines (the blocks are told apart by their Final-Recipient field).
std::string many_block_report(int blocks) {
  std::string m =
      "From: MAILER-DAEMON@gate.example.net\nSubject: Delivery failure\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=Q\n\n"
      "--Q\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; gate.example.net\n\n";
  m.reserve(m.size() + static_cast<std::size_t>(blocks) * 64 + 16);
  for (int i = 0; i < blocks; ++i)
    m += "Final-Recipient: rfc822;r" + std::to_string(i) + "@example.org\nAction: failed\nStatus: 5.1.1\n";
  m += "\n--Q--\n";
  return m;
}

TEST(BoundedWork, RecipientBlocksBeyondTheLimitAreCountedNotBuilt) {
  bouncekit::source::RawMessage raw;
  raw.origin.path = "many.eml";
  raw.bytes = many_block_report(200000);
  auto start = std::chrono::steady_clock::now();
  auto r = bouncekit::decode::decode(raw);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("200,000 blocks, %zu bytes: %.3f s\n", raw.bytes.size(), seconds);
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 10000u);
  EXPECT_EQ(r.records.front().recipient, "r0@example.org");
  EXPECT_EQ(r.records.back().recipient, "r9999@example.org");
  EXPECT_EQ(r.problem, "190000 recipients beyond the limit of 10000 records per message were left out");
  EXPECT_LT(seconds, 10.0);  // one second promised; ten for the sanitizer build on a loaded machine

  bouncekit::decode::DecodeOptions few;
  few.max_records = 3;
  r = bouncekit::decode::decode(raw, few);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.problem, "199997 recipients beyond the limit of 3 records per message were left out");
}

// A Postfix notice without MIME structure: one paragraph per recipient, then the delivery-status
// fields as plain text. Paragraphs past the limit are counted, not built (200,000 of them took
// 1.9 GB before); the inline blocks are matched to the records through an index (a scan of every
// block for every record took 32 s for 20,000 recipients).
std::string postfix_notice(int recipients, int inline_blocks) {
  std::string m =
      "From: MAILER-DAEMON@post.example.net (Mail Delivery System)\nTo: owner@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n\nThis is the mail system at host post.example.net.\n\n";
  for (int i = 0; i < recipients; ++i)
    m += "<p" + std::to_string(i) + "@example.org>: host mx.example.org said: 550 no\n";
  m += "\nReporting-MTA: dns; post.example.net\n\n";
  for (int i = 0; i < inline_blocks; ++i)
    m += "Final-Recipient: rfc822; p" + std::to_string(i) + "@example.org\nAction: delayed\nStatus: 4.4.1\n\n";
  return m;
}

TEST(BoundedWork, PostfixNoticeParagraphsBeyondTheLimitAreCountedNotBuilt) {
  for (auto [recipients, blocks] : {std::pair{200000, 0}, std::pair{20000, 20000}}) {
    bouncekit::source::RawMessage raw;
    raw.origin.path = "notice.eml";
    raw.bytes = postfix_notice(recipients, blocks);
    auto start = std::chrono::steady_clock::now();
    auto r = bouncekit::decode::decode(raw);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("Postfix notice, %d paragraphs, %d inline blocks: %.3f s\n", recipients, blocks, seconds);
    ASSERT_EQ(r.kind, Kind::bounce);
    ASSERT_EQ(r.records.size(), 10000u);
    EXPECT_EQ(r.records.back().recipient, "p9999@example.org");
    EXPECT_EQ(r.problem, std::to_string(recipients - 10000) +
                             " recipients beyond the limit of 10000 records per message were left out");
    if (blocks > 0) {
      EXPECT_EQ(r.records.back().action, "delayed");  // the inline block was found
    }
    EXPECT_LT(seconds, 10.0);
  }
}

// Exim's and qmail's plain-text notices, one entry per recipient (the wording is each MTA's own
// fixed text, from their sources: Exim's deliver.c, qmail-send.c). 200,000 entries (8 MB) of
// either peaked at about 280 MB RSS before the limit was applied while building the records (65 MB after).
std::string exim_notice(int recipients) {
  std::string m =
      "From: Mail Delivery System <Mailer-Daemon@exim.example.net>\nTo: owner@example.com\n"
      "Subject: Mail delivery failed: returning message to sender\n\n"
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) failed:\n\n";
  for (int i = 0; i < recipients; ++i) m += "  e" + std::to_string(i) + "@example.org\n    550 unknown user\n";
  return m;
}

std::string qmail_notice(int recipients) {
  std::string m =
      "From: MAILER-DAEMON@qmail.example.net\nTo: owner@example.com\nSubject: failure notice\n\n"
      "Hi. This is the qmail-send program at qmail.example.net.\n"
      "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
      "This is a permanent error; I've given up. Sorry it didn't work out.\n\n";
  for (int i = 0; i < recipients; ++i) m += "<q" + std::to_string(i) + "@example.org>:\n550 unknown user\n\n";
  return m;
}

TEST(BoundedWork, PlainTextNoticeEntriesBeyondTheLimitAreCountedNotBuilt) {
  struct Case {
    const char* what;
    std::string bytes;
    std::string last;
  };
  for (const Case& c : {Case{"exim", exim_notice(200000), "e9999@example.org"},
                        Case{"qmail", qmail_notice(200000), "q9999@example.org"}}) {
    bouncekit::source::RawMessage raw;
    raw.origin.path = "notice.eml";
    raw.bytes = c.bytes;
    auto start = std::chrono::steady_clock::now();
    auto r = bouncekit::decode::decode(raw);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s notice, 200,000 entries: %.3f s\n", c.what, seconds);
    ASSERT_EQ(r.kind, Kind::bounce) << c.what;
    ASSERT_EQ(r.records.size(), 10000u) << c.what;
    EXPECT_EQ(r.records.back().recipient, c.last);
    EXPECT_EQ(r.records.back().decoded_by, c.what);
    EXPECT_EQ(r.problem, "190000 recipients beyond the limit of 10000 records per message were left out");
    EXPECT_LT(seconds, 10.0);
  }
}

// A Sendmail notice listing 200,000 addresses, each with its "(reason: ...)" line (the layout of
// sendmail's savemail.c). 300,000 of them (14 MB) peaked at 555 MB RSS before the limit was
// applied while the list was read, 93 MB after.
TEST(BoundedWork, SendmailListedAddressesBeyondTheLimitAreCountedNotBuilt) {
  std::string m =
      "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>\nTo: owner@example.com\n"
      "Subject: Returned mail: see transcript for details\n\n"
      "   ----- The following addresses had permanent fatal errors -----\n";
  for (int i = 0; i < 200000; ++i) m += "<s" + std::to_string(i) + "@example.org>\n    (reason: 550 no such user)\n";
  m += "\n   ----- Transcript of session follows -----\n<<< 550 no such user\n";
  bouncekit::source::RawMessage raw;
  raw.origin.path = "sendmail.eml";
  raw.bytes = m;
  auto start = std::chrono::steady_clock::now();
  auto r = bouncekit::decode::decode(raw);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("sendmail notice, 200,000 listed addresses: %.3f s\n", seconds);
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 10000u);
  EXPECT_EQ(r.records.back().recipient, "s9999@example.org");
  EXPECT_EQ(r.records.back().decoded_by, "sendmail");
  EXPECT_NE(r.records.back().diagnostic.find("no such user"), std::string::npos);
  EXPECT_EQ(r.problem, "190000 recipients beyond the limit of 10000 records per message were left out");
  EXPECT_LT(seconds, 10.0);
}

// Exim's "generated text" sections (one per failed pipe or file delivery) are matched to the entries
// through an index: 20,000 entries followed by 20,000 sections naming no entry took 25 s when each
// section was compared with every entry. One section that names an entry still finds it.
TEST(BoundedWork, EximGeneratedTextSectionsAreMatchedThroughAnIndex) {
  std::string m = exim_notice(20000);
  m += "\n";
  for (int i = 0; i < 20000; ++i) m += "------ nobody" + std::to_string(i) + "@example.net ------\nsome words\n";
  m += "------ e5@example.org ------\nthe program said: quota exceeded\n";
  bouncekit::source::RawMessage raw;
  raw.origin.path = "exim.eml";
  raw.bytes = m;
  auto start = std::chrono::steady_clock::now();
  auto r = bouncekit::decode::decode(raw);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("exim notice, 20,000 entries and 20,001 sections: %.3f s\n", seconds);
  ASSERT_EQ(r.records.size(), 10000u);
  EXPECT_NE(r.records[5].diagnostic.find("quota exceeded"), std::string::npos) << r.records[5].diagnostic;
  EXPECT_EQ(r.records[6].diagnostic.find("quota exceeded"), std::string::npos) << r.records[6].diagnostic;
  EXPECT_LT(seconds, 10.0);
}

// This process's resident size in KB (/proc/self/statm), -1 if unknown.
long own_rss_kb() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long pages = 0, resident = -1;
  if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = -1;
  std::fclose(f);
  return resident < 0 ? -1 : resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

// Peak resident memory of `bouncekit parse --threads 1 FILE` in its own process. Linux counts in
// a child's peak the size of the process it was forked from (the peak of the memory it replaces at
// exec), so the freed memory of this test process is given back first, and a peak not above this
// process's size is no measurement (-3).
long parse_peak_kb(const std::string& file) {
  ::malloc_trim(0);
  const long own_kb = own_rss_kb();
  std::fflush(nullptr);  // (or the child writes what is buffered again)
  pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execl(BOUNCEKIT_CLI, BOUNCEKIT_CLI, "parse", "--threads", "1", file.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid) return -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -2;
  if (own_kb < 0 || usage.ru_maxrss <= own_kb) return -3;
  return usage.ru_maxrss;
}

// The whole program's peak memory on the big report stays within the promise of four times the
// message's size above what it takes for a one-recipient report (before the limit was applied as
// the blocks were read, 200,000 blocks took about 20 times their size).
TEST(BoundedWork, ManyBlockReportMemoryStaysWithinFourTimesItsSize) {
#if defined(__SANITIZE_ADDRESS__)
  // Under AddressSanitizer the peak is its shadow memory and freed-block quarantine, not ours
  // (measured: 73 MB more for this input, against 40 MB in the normal build; the bound is 57 MB):
  // the normal build of the suite holds the bound.
  GTEST_SKIP() << "memory bounds are measured without AddressSanitizer";
#endif
  bouncekit::test::TempDir dir;
  long size_kb = 0;
  {
    std::string big = many_block_report(200000);
    bouncekit::test::write_file(dir.path() / "big.eml", big);
    size_kb = static_cast<long>(big.size() / 1024);
  }  // (not held while measuring: see parse_peak_kb)
  bouncekit::test::write_file(dir.path() / "small.eml", many_block_report(2));
  long small_kb = parse_peak_kb((dir.path() / "small.eml").string());
  long big_kb = parse_peak_kb((dir.path() / "big.eml").string());
  ASSERT_GT(small_kb, 0);
  ASSERT_GT(big_kb, 0);
  std::printf("peak RSS: %ld KB for 2 blocks, %ld KB for 200,000 blocks (%ld KB)\n", small_kb, big_kb, size_kb);
  EXPECT_LT(big_kb - small_kb, 4 * size_kb);
}

// Does `bouncekit parse --threads 1 FILE` exit 0 with its address space limited to `limit_kb`
// (setrlimit(RLIMIT_AS), what `ulimit -v` sets)?
bool parse_runs_within(const std::string& file, long limit_kb) {
  std::fflush(stdout);  // the child must not write what this process has buffered
  pid_t pid = ::fork();
  if (pid == 0) {
    struct rlimit limit {};
    limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(limit_kb) * 1024;
    if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(126);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execl(BOUNCEKIT_CLI, BOUNCEKIT_CLI, "parse", "--quiet", "--threads", "1", file.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Issue 17's crashing bounce (950,000 recipient blocks, 63.5 MB, under the 64 MB size limit; it
// took 1.26 GB and died under `ulimit -v 800000`): here 900,000 blocks (62.7 MB), run under an
// address-space limit of four times its size above what the program needs for a two-block report
// (its libraries, allocator and thread pool reserve about 96 MB of address space with one thread,
// 100-150 MB with the default threads, before reading any mail; `ulimit -v` of four times the
// size alone, 254 MB, is less than that baseline plus the message itself). Measured: given
// 354,508 KB, it runs.
TEST(BoundedWork, TheIssuesBounceRunsUnderAnAddressSpaceLimitOfFourTimesItsSize) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves terabytes of address space: no RLIMIT_AS holds it";
#endif
  bouncekit::test::TempDir dir;
  const std::string big = many_block_report(900000);
  ASSERT_LT(big.size(), 64u << 20) << "under the default --max-message-size, as in the issue";
  bouncekit::test::write_file(dir.path() / "big.eml", big);
  bouncekit::test::write_file(dir.path() / "small.eml", many_block_report(2));
  // The smallest limit, in steps of 16 MB, under which the two-block report runs.
  long baseline_kb = -1;
  for (long kb = 32 * 1024; kb <= 1024 * 1024 && baseline_kb < 0; kb += 16 * 1024)
    if (parse_runs_within((dir.path() / "small.eml").string(), kb)) baseline_kb = kb;
  ASSERT_GT(baseline_kb, 0) << "a two-block report did not run under 1 GB of address space";
  const long size_kb = static_cast<long>(big.size() / 1024);
  std::printf("address space: two-block report runs under %ld KB; the %ld KB report is given %ld KB\n", baseline_kb,
              size_kb, baseline_kb + 4 * size_kb);
  EXPECT_TRUE(parse_runs_within((dir.path() / "big.eml").string(), baseline_kb + 4 * size_kb));
}

// A Gmail-style plain-text notice naming `recipients` who share one block of technical details
// about `details_bytes` long.
std::string gmail_notice(int recipients, std::size_t details_bytes) {
  std::string m =
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: a@example.com\n"
      "Subject: Delivery Status Notification (Failure)\nMIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=UTF-8\n\nDelivery to the following recipient failed permanently:\n\n";
  for (int i = 0; i < recipients; ++i) m += "     g" + std::to_string(i) + "@example.org\n";
  m += "\nTechnical details of permanent failure:\n";
  const std::size_t end = m.size() + details_bytes;
  while (m.size() < end) m += "The error that the other server returned was: 550 5.1.1 user unknown (state 14)\n";
  return m + "\n----- Original message -----\n\nSubject: hi\n";
}

// A report of `recipients` blocks whose per-message Reporting-MTA names a host `host_bytes` long.
std::string report_with_long_reporting_host(int recipients, std::size_t host_bytes) {
  std::string m = many_block_report(recipients);
  const std::string_view field = "Reporting-MTA: dns; gate.example.net";
  return m.replace(m.find(field), field.size(), "Reporting-MTA: dns; " + std::string(host_bytes, 'h') + ".example.net");
}

// A report of `recipients` blocks returning a message whose Subject, To, Message-ID and List-Id are
// each `field_bytes` long (every record names them).
std::string report_returning_long_fields(int recipients, std::size_t field_bytes) {
  std::string m = many_block_report(recipients);
  m.resize(m.size() - 6);  // "--Q--\n" goes after the returned message
  const std::string x(field_bytes, 'x');
  return m + "\n--Q\nContent-Type: message/rfc822\n\nFrom: list@example.jp\nTo: " + x + "@example.jp\nSubject: " +
         x + "\nMessage-ID: <" + x + "@example.jp>\nList-Id: <" + x + ".example.jp>\n\nhi\n\n--Q--\n";
}

// The texts every record of one message has in common are one string that the records share
// (SharedText in bouncekit/record.hpp), not one copy per record: the origin, the bounce's date,
// the decoder's name, the returned message's date and the verdict's words (one string for the
// whole process), also when each record is classified on its own.
TEST(BoundedWork, RecordsOfOneMessageShareTheirCommonTexts) {
  // 464 bytes with libstdc++ (848 when these texts were strings of each record): a field added
  // to Record costs 10,000 times its size per message.
  EXPECT_LE(sizeof(bouncekit::Record), 464u);
  bouncekit::source::RawMessage raw;
  raw.origin.path = "/var/mail/bounces/" + std::string(70, 'm') + "/cur/1700000000.M1P1.host";
  raw.bytes =
      "From: MAILER-DAEMON@gate.example.net\nDate: Fri, 1 Mar 2024 10:00:00 +0000\nSubject: Delivery failure\n"
      "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=Q\n\n"
      "--Q\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; gate.example.net\n"
      "Arrival-Date: Fri, 1 Mar 2024 09:59:00 +0000\n\n"
      "Final-Recipient: rfc822;first.long.address@example.org\nAction: failed\nStatus: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <first.long.address@example.org>: no such mailbox here\n\n"
      "Final-Recipient: rfc822;second.long.address@example.org\nAction: failed\nStatus: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <second.long.address@example.org>: no such mailbox here\n\n"
      "--Q\nContent-Type: text/rfc822-headers\n\nFrom: list@example.org\nTo: x@example.org\n"
      "Date: Thu, 29 Feb 2024 08:00:00 +0100\nSubject: news\n\n--Q--\n";
  bouncekit::decode::Result result = bouncekit::decode::decode(raw);
  ASSERT_EQ(result.records.size(), 2u);
  bouncekit::Record& a = result.records[0];
  bouncekit::Record& b = result.records[1];
  EXPECT_EQ(a.origin, raw.origin.to_string());
  EXPECT_EQ(a.timestamp, "2024-03-01T09:59:00Z");
  EXPECT_EQ(a.original_date, "2024-02-29T07:00:00Z");
  EXPECT_EQ(a.decoded_by, "rfc3464");
  for (auto field : {&bouncekit::Record::origin, &bouncekit::Record::timestamp, &bouncekit::Record::original_date,
                     &bouncekit::Record::decoded_by, &bouncekit::Record::reporting_mta}) {
    EXPECT_FALSE((a.*field).empty());
    EXPECT_TRUE((a.*field).shares(b.*field)) << (a.*field).str();
  }
  // Each classified on its own (their diagnostics name them: the pipeline would too).
  bouncekit::classify::apply(a);
  bouncekit::classify::apply(b);
  EXPECT_EQ(a.reason, "userunknown");
  for (auto field : {&bouncekit::Record::reason, &bouncekit::Record::bounce, &bouncekit::Record::action_owner,
                     &bouncekit::Record::evidence, &bouncekit::Record::rule}) {
    EXPECT_FALSE((a.*field).empty());
    EXPECT_TRUE((a.*field).shares(b.*field)) << (a.*field).str();
  }
  // Through the pipeline as well, and a second message gets the same words.
  bouncekit::decode::Result again = bouncekit::pipeline::decode_and_classify(raw);
  ASSERT_EQ(again.records.size(), 2u);
  EXPECT_TRUE(again.records[0].reason.shares(a.reason));
  EXPECT_TRUE(again.records[1].evidence.shares(b.evidence));
  EXPECT_FALSE(again.records[0].origin.shares(a.origin));  // another message's: its own string
}

// The texts records share are held once per message, not once per record (SharedText in
// bouncekit/record.hpp). Each record still costs its own fields: sizeof(Record), 464 bytes (848
// when the per-message texts and the verdict's words were std::string each), its recipient and,
// while it is built, its parsed block. The bound is four times the message's size plus 0.75 KB
// per record; measured above a two-block report: 15.0 MB for the Gmail notice (3.2 MB), 8.7 MB for
// the returned 8 KB fields (0.7 MB), 8.9 MB for the 60 KB Reporting-MTA (0.7 MB), 8.5 MB for
// 10,000 small blocks (0.7 MB) read from a Maildir path of some 130 characters: 0.2-0.6 KB per
// record beyond four times the size. Before: 12.5 MB for those 10,000 small blocks (1.25 KB per
// record, the bound was 2 KB); before texts were shared at all, the Gmail notice peaked at 239 MB,
// the 8 KB fields at 327 MB, the 60 KB Reporting-MTA at 630 MB.
TEST(BoundedWork, TextsRecordsShareAreHeldOnce) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "memory bounds are measured without AddressSanitizer";
#endif
  bouncekit::test::TempDir dir;
  bouncekit::test::write_file(dir.path() / "small.eml", many_block_report(2));
  const long small_kb = parse_peak_kb((dir.path() / "small.eml").string());
  ASSERT_GT(small_kb, 0);
  std::vector<std::pair<std::string, long>> inputs;  // file name, size in KB
  // (a Maildir folder name as long as real ones: every record names the file, `origin`)
  const std::string maildir = std::string(60, 'd') + "/cur/";
  std::filesystem::create_directories(dir.path() / maildir);
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"gmail.eml", gmail_notice(10000, 3u << 20)},
           {"fields.eml", report_returning_long_fields(10000, 8000)},
           {"reporting.eml", report_with_long_reporting_host(10000, 60000)},
           {maildir + "1700000000.M1P2.host.example.org:2,S", many_block_report(10000)},
           // (plain-text notices whose decoders reserve their records: 8.8 and 9.7 MB above the
           // two-block report when the vector grew record by record, 7.2 and 7.3 MB reserved)
           {"postfix.eml", postfix_notice(10000, 0)},
           {"exim.eml", exim_notice(10000)}}) {
    bouncekit::test::write_file(dir.path() / name, bytes);
    inputs.emplace_back(name, static_cast<long>(bytes.size() / 1024));
  }
  for (const auto& [name, size_kb] : inputs) {
    const long kb = parse_peak_kb((dir.path() / name).string());
    ASSERT_GT(kb, 0) << name;
    std::printf("peak RSS: %ld KB for %s (%ld KB; %ld KB for a two-block report)\n", kb, name.c_str(), size_kb,
                small_kb);
    EXPECT_LT(kb - small_kb, 4 * size_kb + 10000 * 3 / 4) << name;
  }
}

}  // namespace
