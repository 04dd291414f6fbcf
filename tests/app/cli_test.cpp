// Tests that run the built `bouncekit` program over testdata/ and check its
// exit codes, its stdout (JSON Lines, JSON, CSV) and its stderr summary line.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <cctype>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::testdata;
using bouncekit::test::write_file;
using nlohmann::json;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

// Runs `bouncekit ARGS` (arguments are shell-quoted here), with optional stdin.
CliRun run(const std::vector<std::string>& args, const std::string* stdin_text = nullptr) {
  TempDir tmp;
  std::string cmd = quote(BOUNCEKIT_CLI);
  for (const auto& a : args) cmd += " " + quote(a);
  if (stdin_text) {
    write_file(tmp.path() / "stdin", *stdin_text);
    cmd += " < " + quote((tmp.path() / "stdin").string());
  } else {
    cmd += " < /dev/null";
  }
  cmd += " > " + quote((tmp.path() / "out").string()) + " 2> " + quote((tmp.path() / "err").string());
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(tmp.path() / "out");
  r.err = read_file(tmp.path() / "err");
  return r;
}

std::string decode_msg(const std::string& name) { return testdata("decode/" + name).string(); }

// `parse` arguments for the hand-written messages at the top of testdata/decode
// (the per-MTA folders below it have their own tests), in name order.
std::vector<std::string> parse_decode_messages(std::vector<std::string> options = {}) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(testdata("decode")))
    if (entry.is_regular_file() && entry.path().extension() == ".eml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> args{"parse"};
  args.insert(args.end(), options.begin(), options.end());
  args.insert(args.end(), files.begin(), files.end());
  return args;
}

std::vector<json> json_lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
    if (!j.is_discarded()) lines.push_back(std::move(j));
  }
  return lines;
}

std::string str(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return "";
  return j[key].get<std::string>();
}

// The numbers of the summary line "read=.. bounces=.. records=.. non_bounces=.. (feedback=..) undecodable=..".
// (Parsed by hand: std::regex trips a GCC 12 false -Wmaybe-uninitialized under the sanitizers.)
std::map<std::string, long> summary(const std::string& err) {
  std::map<std::string, long> n;
  std::size_t at = err.rfind("read=");
  if (at == std::string::npos) return n;
  std::size_t eol = err.find('\n', at);
  const std::string line = err.substr(at, eol == std::string::npos ? std::string::npos : eol - at);
  std::size_t pos = 0;
  while ((pos = line.find('=', pos)) != std::string::npos) {
    std::size_t name_start = pos;
    while (name_start > 0 && (std::islower(static_cast<unsigned char>(line[name_start - 1])) || line[name_start - 1] == '_'))
      --name_start;
    std::size_t digits_end = pos + 1;
    while (digits_end < line.size() && std::isdigit(static_cast<unsigned char>(line[digits_end]))) ++digits_end;
    if (name_start < pos && digits_end > pos + 1)
      n[line.substr(name_start, pos - name_start)] = std::stol(line.substr(pos + 1, digits_end - pos - 1));
    pos = digits_end;
  }
  if (!n.count("bounces") || !n.count("undecodable")) n.clear();
  return n;
}

void expect_summary_adds_up(const std::map<std::string, long>& n) {
  ASSERT_TRUE(n.count("read") && n.count("bounces") && n.count("non_bounces") && n.count("undecodable"))
      << "no summary line";
  EXPECT_EQ(n.at("read"), n.at("bounces") + n.at("non_bounces") + n.at("undecodable"));
  if (n.count("feedback") && n.count("vacation") && n.count("delivered") && n.count("other")) {
    EXPECT_EQ(n.at("non_bounces"), n.at("feedback") + n.at("vacation") + n.at("delivered") + n.at("other"));
  }
}

const std::vector<std::string> kColumns = {
    "origin",     "timestamp",   "recipient",    "subscriber", "original_recipient", "recipient_domain", "sender",
    "action",     "status",      "reply_code",   "diagnostic",         "diagnostic_type",  "reason",
    "bounce",     "action_owner", "inferred_status", "evidence", "rule", "remote_mta", "reporting_mta",
    "smtp_command",     "decoded_by",
    "message_id", "subject",     "list_id",  "list",    "original_to",        "original_date",    "feedback_type",
    "fingerprint"};

// RFC 4180 parser: rows of fields; records end in CRLF (a bare LF is accepted too).
std::vector<std::vector<std::string>> parse_csv(const std::string& text, bool* well_formed) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false, quoted = false;
  *well_formed = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || quoted) *well_formed = false;  // a quote inside an unquoted field
      in_quotes = quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      quoted = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) *well_formed = false;
      if (c == '\r') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      quoted = false;
    } else {
      if (quoted) *well_formed = false;  // text after a closing quote
      field += c;
    }
  }
  if (in_quotes) *well_formed = false;
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// --- usage and exit codes --------------------------------------------------

TEST(Cli, ParseHelpExitsZeroAndMentionsFormat) {
  CliRun r = run({"parse", "--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE((r.out + r.err).find("--format"), std::string::npos) << r.out;
  EXPECT_NE((r.out + r.err).find("--header"), std::string::npos);
}

TEST(Cli, GenericOnlyIsAHiddenMeasurementMode) {
  // Not listed by --help (docs/cli.md documents it), and it runs only the standard and generic
  // decoders: a Postfix DSN is then read by the standard DSN decoder, not Postfix's own.
  CliRun help = run({"parse", "--help"});
  EXPECT_EQ((help.out + help.err).find("--generic-only"), std::string::npos) << help.out;
  const std::string mail = testdata("decode/01_postfix_user_unknown.eml").string();
  CliRun normal = run({"parse", "--quiet", mail});
  CliRun generic = run({"parse", "--quiet", "--generic-only", mail});
  ASSERT_EQ(normal.exit_code, 0) << normal.err;
  ASSERT_EQ(generic.exit_code, 0) << generic.err;
  json a = json::parse(normal.out.substr(0, normal.out.find('\n')));
  json b = json::parse(generic.out.substr(0, generic.out.find('\n')));
  EXPECT_EQ(a["decoded_by"], "postfix");
  EXPECT_EQ(b["decoded_by"], "rfc3464");
  EXPECT_EQ(a["recipient"], b["recipient"]);
}

TEST(Cli, TopLevelHelpExitsZero) {
  CliRun r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE((r.out + r.err).find("parse"), std::string::npos);
}

TEST(Cli, UnknownOptionExitsTwo) {
  CliRun r = run({"parse", "--no-such-option", decode_msg("01_postfix_user_unknown.eml")});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Cli, BadFormatValueExitsTwo) {
  CliRun r = run({"parse", "--format", "xml", decode_msg("01_postfix_user_unknown.eml")});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Cli, NoSubcommandOrNoPathExitsTwo) {
  EXPECT_EQ(run({}).exit_code, 2);
  EXPECT_EQ(run({"parse"}).exit_code, 2);
}

TEST(Cli, MissingPathExitsOneButOtherPathsAreProcessed) {
  TempDir tmp;
  const std::string missing = (tmp.path() / "no-such-mailbox").string();
  CliRun r = run({"parse", missing, decode_msg("01_postfix_user_unknown.eml"), decode_msg("12_no_per_message_block.eml")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(str(lines[0], "recipient"), "walter.finch@example.org");
  EXPECT_EQ(str(lines[1], "recipient"), "tom.rivera@example.net");
  EXPECT_NE(r.err.find(missing), std::string::npos) << "stderr should name the missing path: " << r.err;
  auto n = summary(r.err);
  expect_summary_adds_up(n);
  EXPECT_EQ(n["read"], 2);
  EXPECT_EQ(n["unreadable_inputs"], 1);
}

TEST(Cli, JsonArrayStaysValidWhenAnInputIsMissing) {
  TempDir tmp;
  CliRun r = run({"parse", "--format", "json", (tmp.path() / "gone.mbox").string(),
                  decode_msg("06_arf_abuse.eml")});
  EXPECT_EQ(r.exit_code, 1);
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j.size(), 2u);
}

TEST(Cli, EmptyStdinReadsNothing) {
  const std::string empty;
  CliRun r = run({"parse", "-"}, &empty);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  auto n = summary(r.err);
  expect_summary_adds_up(n);
  EXPECT_EQ(n["read"], 0);
}

TEST(Cli, OneHostileMessageDoesNotStopTheRun) {
  // An mbox whose first message nests message/rfc822 parts 250,000 deep (12 MB),
  // followed by an ordinary bounce: the run finishes and reports both.
  TempDir tmp;
  std::string mbox = "From MAILER-DAEMON  Tue Jul  2 06:10:44 2024\n";
  for (int i = 0; i < 250000; ++i) mbox += "From: a@example.com\nContent-Type: message/rfc822\n\n";
  mbox += "Subject: bottom\n\nbody\n\n";
  mbox += "From MAILER-DAEMON  Tue Jul  2 06:10:45 2024\n" + read_file(decode_msg("12_no_per_message_block.eml"));
  write_file(tmp.path() / "hostile.mbox", mbox);
  CliRun r = run({"parse", (tmp.path() / "hostile.mbox").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(str(lines[0], "recipient"), "tom.rivera@example.net");
  auto n = summary(r.err);
  expect_summary_adds_up(n);
  EXPECT_EQ(n["read"], 2);
}

// --- the summary line --------------------------------------------------------

TEST(Cli, SummaryOverDecodeTestdataAddsUpExactly) {
  CliRun r = run(parse_decode_messages());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto n = summary(r.err);
  expect_summary_adds_up(n);
  EXPECT_EQ(n["read"], 13);
  EXPECT_EQ(n["bounces"], 9);
  EXPECT_EQ(n["feedback"], 1);
  EXPECT_EQ(n["vacation"], 1);
  EXPECT_EQ(n["delivered"], 1);
  EXPECT_EQ(n["other"], 1);
  EXPECT_EQ(n["undecodable"], 0);
  // 12 failed/delayed recipients + 2 complaints; no vacation, no delivered.
  EXPECT_EQ(n["records"], 14);
  EXPECT_EQ(json_lines(r.out).size(), 14u);
}

TEST(Cli, SummaryOverSamplesAddsUpAndMaildirTmpIsIgnored) {
  CliRun r = run({"parse", testdata("samples/bounces.mbox").string(), testdata("samples/maildir").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto n = summary(r.err);
  expect_summary_adds_up(n);
  EXPECT_EQ(n["read"], 10);  // 8 in the mbox, 2 in cur/ and new/, none from tmp/
  EXPECT_EQ(n["feedback"], 1);
  EXPECT_EQ(n["vacation"], 1);
  EXPECT_EQ(n["other"], 1);
  auto lines = json_lines(r.out);
  EXPECT_EQ(static_cast<long>(lines.size()), n["records"]);
  std::set<std::string> recipients;
  for (const auto& j : lines) recipients.insert(str(j, "recipient"));
  EXPECT_EQ(recipients.count("still-being-written@example.org"), 0u) << "a file in maildir/tmp was read";
  for (const char* expected : {"maria.lopez@example.org", "aoki@example.jp", "fukuda@example.jp",
                               "support@example.org", "finance@example.net", "hello.reader@example.org",
                               "no-such-host@nonexistent.example", "lee.park@example.net"})
    EXPECT_EQ(recipients.count(expected), 1u) << expected;
  for (const auto& j : lines)
    if (str(j, "recipient") == "aoki@example.jp") {
      EXPECT_NE(str(j, "origin").find("bounces.mbox#2@"), std::string::npos) << str(j, "origin");
    }
}

// --- output formats -----------------------------------------------------------

TEST(Cli, JsonLinesHaveEveryFieldAndNullNotEmpty) {
  CliRun r = run(parse_decode_messages());
  auto lines = json_lines(r.out);
  ASSERT_FALSE(lines.empty());
  for (const auto& j : lines) {
    for (const auto& c : kColumns) {
      EXPECT_TRUE(j.contains(c)) << c;
      if (j.contains(c)) {
        EXPECT_TRUE(j[c].is_null() || (j[c].is_string() && !j[c].get<std::string>().empty()))
            << c << " must be null or a non-empty string: " << j.dump();
      }
    }
    EXPECT_FALSE(j.contains("headers")) << "no --header given";
  }
}

TEST(Cli, JsonFormatIsOneArray) {
  CliRun r = run(parse_decode_messages({"--format", "json"}));
  EXPECT_EQ(r.exit_code, 0);
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_TRUE(j.is_array());
  EXPECT_EQ(j.size(), 14u);
  CliRun empty = run({"parse", "--format", "json", decode_msg("08_newsletter.eml")});
  json e = json::parse(empty.out, nullptr, false);
  ASSERT_FALSE(e.is_discarded()) << empty.out;
  EXPECT_TRUE(e.is_array());
  EXPECT_TRUE(e.empty());
}

TEST(Cli, CsvHasHeaderLineAndRfc4180Quoting) {
  TempDir tmp;
  // A diagnostic with a comma, double quotes and a semicolon; a subject with a comma.
  const std::string m =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: shop@example.com\n"
      "Date: Mon, 01 Jul 2024 12:00:00 +0000\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"C\"\n"
      "\n"
      "--C\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.net\n"
      "\n"
      "Final-Recipient: rfc822; quote.me@example.org\n"
      "Action: failed\n"
      "Status: 5.7.1\n"
      "Diagnostic-Code: smtp; 550 5.7.1 Message \"rejected\", see policy; code A,B\n"
      "\n"
      "--C\n"
      "Content-Type: text/rfc822-headers\n"
      "\n"
      "From: shop@example.com\n"
      "Subject: Hello, \"friend\"\n"
      "X-Campaign-Id: c,1\n"
      "\n"
      "--C--\n";
  write_file(tmp.path() / "quoting.eml", m);
  CliRun r = run({"parse", "--format", "csv", (tmp.path() / "quoting.eml").string(), "--header", "X-Campaign-Id"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  bool well_formed = false;
  auto rows = parse_csv(r.out, &well_formed);
  EXPECT_TRUE(well_formed) << r.out;
  ASSERT_EQ(rows.size(), 2u) << r.out;
  std::vector<std::string> header = kColumns;
  header.push_back("X-Campaign-Id");
  EXPECT_EQ(rows[0], header);
  ASSERT_EQ(rows[1].size(), header.size());
  std::map<std::string, std::string> rec;
  for (std::size_t i = 0; i < header.size(); ++i) rec[header[i]] = rows[1][i];
  EXPECT_EQ(rec["recipient"], "quote.me@example.org");
  EXPECT_EQ(rec["diagnostic"], "550 5.7.1 Message \"rejected\", see policy; code A,B");
  EXPECT_EQ(rec["subject"], "Hello, \"friend\"");
  EXPECT_EQ(rec["X-Campaign-Id"], "c,1");
  EXPECT_NE(r.out.find("\"550 5.7.1 Message \"\"rejected\"\", see policy; code A,B\""), std::string::npos) << r.out;
}

TEST(Cli, CsvRowsHaveAsManyFieldsAsTheHeader) {
  CliRun r = run(parse_decode_messages({"--format", "csv"}));
  bool well_formed = false;
  auto rows = parse_csv(r.out, &well_formed);
  EXPECT_TRUE(well_formed);
  ASSERT_EQ(rows.size(), 15u);  // header + 14 records
  EXPECT_EQ(rows[0], kColumns);
  for (const auto& row : rows) EXPECT_EQ(row.size(), kColumns.size());
}

TEST(Cli, CsvWithoutRecordsStillHasHeaderLine) {
  // A nightly job with nothing to report still writes a loadable CSV file.
  CliRun r = run({"parse", "--format", "csv", decode_msg("08_newsletter.eml")});
  EXPECT_EQ(r.exit_code, 0);
  bool well_formed = false;
  auto rows = parse_csv(r.out, &well_formed);
  EXPECT_TRUE(well_formed);
  ASSERT_EQ(rows.size(), 1u) << "output: [" << r.out << "]";
  EXPECT_EQ(rows[0], kColumns);
}

TEST(Cli, VersionAndVerboseAfterSubcommand) {
  CliRun v = run({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE((v.out + v.err).find("bouncekit"), std::string::npos);
  CliRun r = run({"parse", "-v", decode_msg("08_newsletter.eml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// --- what is written -----------------------------------------------------------

TEST(Cli, VacationOnlyWithIncludeVacation) {
  CliRun without = run({"parse", decode_msg("07_vacation.eml")});
  EXPECT_EQ(without.exit_code, 0);
  EXPECT_TRUE(json_lines(without.out).empty()) << without.out;
  EXPECT_EQ(summary(without.err)["vacation"], 1);

  CliRun with = run({"parse", "--include-vacation", decode_msg("07_vacation.eml")});
  auto lines = json_lines(with.out);
  ASSERT_EQ(lines.size(), 1u) << with.out;
  EXPECT_EQ(str(lines[0], "reason"), "vacation");
  EXPECT_EQ(str(lines[0], "bounce"), "none");
  EXPECT_EQ(str(lines[0], "recipient"), "ingrid.olsen@example.org");
}

TEST(Cli, DeliveredOnlyWithIncludeDelivered) {
  CliRun without = run({"parse", decode_msg("05_success_dsn.eml")});
  EXPECT_TRUE(json_lines(without.out).empty()) << without.out;
  EXPECT_EQ(summary(without.err)["delivered"], 1);

  CliRun with = run({"parse", "--include-delivered", decode_msg("05_success_dsn.eml")});
  auto lines = json_lines(with.out);
  ASSERT_EQ(lines.size(), 1u) << with.out;
  EXPECT_EQ(str(lines[0], "reason"), "delivered");
  EXPECT_EQ(str(lines[0], "status"), "2.0.0");
  EXPECT_EQ(str(lines[0], "recipient"), "lena.berg@example.org");

  // One flag does not bring in the other kind.
  CliRun vac = run({"parse", "--include-delivered", decode_msg("07_vacation.eml")});
  EXPECT_TRUE(json_lines(vac.out).empty());
  CliRun del = run({"parse", "--include-vacation", decode_msg("05_success_dsn.eml")});
  EXPECT_TRUE(json_lines(del.out).empty());
}

TEST(Cli, FeedbackRecordsAlwaysAppear) {
  CliRun r = run({"parse", decode_msg("06_arf_abuse.eml")});
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  for (const auto& j : lines) {
    EXPECT_EQ(str(j, "reason"), "feedback");
    EXPECT_EQ(str(j, "feedback_type"), "abuse");
    EXPECT_EQ(str(j, "bounce"), "none");
  }
  EXPECT_EQ(str(lines[0], "recipient"), "paula.ng@example.net");
  EXPECT_EQ(str(lines[1], "recipient"), "omar.h@example.net");
}

TEST(Cli, NewsletterWritesNothing) {
  CliRun r = run({"parse", decode_msg("08_newsletter.eml")});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  auto n = summary(r.err);
  expect_summary_adds_up(n);
  EXPECT_EQ(n["other"], 1);
}

TEST(Cli, HeaderOptionAfterPathAddsHeadersObject) {
  CliRun r = run({"parse", decode_msg("01_postfix_user_unknown.eml"), "--header", "X-Campaign-Id"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  ASSERT_TRUE(lines[0].contains("headers")) << r.out;
  EXPECT_EQ(lines[0]["headers"], json({{"X-Campaign-Id", "spring-2024-03"}}));
}

TEST(Cli, HeaderOptionBeforePathsTakesOneName) {
  // The natural order, as in docs/cli.md: `parse --header NAME PATH...`.
  // --header is repeatable: each use names one header, the rest are paths.
  CliRun r = run({"parse", "--header", "X-Campaign-Id", decode_msg("01_postfix_user_unknown.eml"),
               decode_msg("11_latin1_8bit.eml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out << r.err;
  EXPECT_EQ(lines[0]["headers"], json({{"X-Campaign-Id", "spring-2024-03"}}));
  EXPECT_EQ(lines[1]["headers"], json({{"X-Campaign-Id", "sommer-\u00e4"}}));
}

TEST(Cli, RepeatedHeaderOption) {
  CliRun r = run({"parse", decode_msg("01_postfix_user_unknown.eml"), "--header=X-Campaign-Id", "--header=List-Id"});
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out << r.err;
  EXPECT_EQ(lines[0]["headers"],
            json({{"X-Campaign-Id", "spring-2024-03"}, {"List-Id", "Garden Supply Weekly <weekly.example.com>"}}));
}

TEST(Cli, HeaderAbsentFromOriginalGivesNoHeadersObject) {
  CliRun r = run({"parse", decode_msg("12_no_per_message_block.eml"), "--header", "X-Campaign-Id"});
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(!lines[0].contains("headers") || lines[0]["headers"].empty()) << r.out;
}

TEST(Cli, StdinDash) {
  const std::string msg = read_file(decode_msg("02_sendmail_three_recipients.eml"));
  CliRun r = run({"parse", "-"}, &msg);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(str(lines[0], "origin"), "-");
  EXPECT_EQ(str(lines[0], "recipient"), "hana.sato@example.jp");
  EXPECT_EQ(str(lines[2], "action"), "delayed");
  auto n = summary(r.err);
  expect_summary_adds_up(n);
  EXPECT_EQ(n["read"], 1);
}

TEST(Cli, StdinMboxWithCrlf) {
  std::string mbox = read_file(testdata("samples/bounces.mbox"));
  std::string crlf;
  for (char c : mbox) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  CliRun lf = run({"parse", "-"}, &mbox);
  CliRun dos = run({"parse", "-"}, &crlf);
  EXPECT_EQ(summary(lf.err)["read"], 8);
  EXPECT_EQ(summary(lf.err), summary(dos.err));
  // Same records; only the byte offsets in `origin` differ (CRLF lines are longer).
  auto a = json_lines(lf.out), b = json_lines(dos.out);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::string oa = str(a[i], "origin"), ob = str(b[i], "origin");
    EXPECT_EQ(oa.substr(0, oa.find('@')), ob.substr(0, ob.find('@')));
    a[i].erase("origin");
    b[i].erase("origin");
    EXPECT_EQ(a[i], b[i]);
  }
}

TEST(Cli, ResultsOnStdoutDiagnosticsOnStderr) {
  CliRun r = run({"parse", decode_msg("01_postfix_user_unknown.eml")});
  EXPECT_EQ(r.out.find("read="), std::string::npos);
  EXPECT_NE(r.err.find("read="), std::string::npos);
  CliRun quiet = run({"-q", "parse", decode_msg("01_postfix_user_unknown.eml")});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(json_lines(quiet.out).size(), 1u);
}

}  // namespace
