// Writes report.html (and summary.json) from a realistic synthetic history: twelve nights of
// bounces to a few dozen recipients at domains hosted by several providers, with hostile strings
// (markup in a domain and a diagnostic) that the page must show as text, never run or load.
// Usage: bouncekit_make_sample_report OUT_DIR
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bouncekit/analysis.hpp"
#include "bouncekit/report_files.hpp"

namespace {

using bouncekit::analysis::StoredRecord;

struct Mailbox {
  std::string domain, mta;
};

// Recipient domains and the MX hosts that answer for them.
const std::vector<Mailbox> kMailboxes = {
    {"example.com", "gmail-smtp-in.l.google.com"},
    {"example.net", "example-net.mail.protection.outlook.com"},
    {"example.org", "mta7.am0.yahoodns.net"},
    {"shop.example", "mx.shop.example"},
    {"news.example", "mx01.mail.icloud.com"},
    {"<img src=x onerror=alert(1)>.example", "mx.evil.example"},
    {"long-subdomain-name.department.university.example", "mx1.pphosted.com"},
};

struct Failure {
  const char *reason, *bounce, *owner, *status, *code, *diagnostic;
};

// What goes wrong, most common first.
const std::vector<Failure> kFailures = {
    {"userunknown", "hard", "recipient", "5.1.1", "550", "550 5.1.1 The email account that you tried to reach does not exist."},
    {"mailboxfull", "soft", "recipient", "4.2.2", "452", "452 4.2.2 The email account that you tried to reach is over quota."},
    {"blocked", "soft", "sender", "5.7.1", "550", "550 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org"},
    {"blocked", "hard", "sender", "5.7.606", "550", "550 5.7.606 Access denied, banned sending IP [192.0.2.10]; removal: sender.office.com"},
    {"expired", "soft", "remote", "4.4.7", "", "Delivery expired after 5 days: connection timed out"},
    {"spamdetected", "soft", "message", "5.7.1", "554", "554 5.7.1 Message rejected as spam <script>alert('x')</script>"},
    {"hostunknown", "hard", "recipient", "5.1.2", "", "Host or domain name not found. Name service error for name=shop.example"},
    {"undefined", "soft", "", "", "", "Unrouteable address & \"other\" trouble"},
};

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  std::filesystem::create_directories(out_dir);

  // Build the history: each night, every fourth recipient (rotating) bounces.
  std::map<std::string, std::vector<StoredRecord>> by_recipient;
  std::vector<std::vector<StoredRecord>> messages;
  int message_no = 0;
  for (int night = 0; night < 12; ++night) {
    for (int person = 0; person < 40; ++person) {
      if ((person + night) % 4 != 0 && person % 7 != 0) continue;
      const Mailbox& box = kMailboxes[static_cast<std::size_t>(person) % kMailboxes.size()];
      const Failure& f = kFailures[static_cast<std::size_t>(person * 3 + night / 5) % kFailures.size()];
      StoredRecord r;
      r.fingerprint = "fp-" + std::to_string(message_no);
      r.origin = "/var/mail/bounces/cur/" + std::to_string(1763800000 + message_no) + ".M1P2.mail:2,S";
      r.date = "2026-11-" + two(1 + night) + "T0" + std::to_string(person % 10) + ":15:00Z";
      r.recipient = "user" + std::to_string(person) + "@" + box.domain;
      r.recipient_domain = box.domain;
      r.reason = f.reason;
      r.bounce = f.bounce;
      r.action_owner = f.owner;
      r.status = f.status;
      r.reply_code = f.code;
      r.remote_mta = box.mta;
      r.diagnostic = f.diagnostic;
      r.decoded_by = "rfc3464";
      messages.push_back({r});
      by_recipient[r.recipient].push_back(r);
      ++message_no;
    }
  }
  // One message reporting two recipients at once, and one complaint.
  StoredRecord a = messages.front().front(), b = a;
  a.fingerprint = b.fingerprint = "fp-multi";
  b.recipient = "second@example.com";
  messages.push_back({a, b});
  by_recipient[b.recipient].push_back(b);
  StoredRecord complaint = a;
  complaint.fingerprint = "fp-arf";
  complaint.recipient = "complainer@example.net";
  complaint.recipient_domain = "example.net";
  complaint.reason = "feedback";
  complaint.bounce = "none";
  complaint.action_owner = "";
  complaint.feedback_type = "abuse";
  messages.push_back({complaint});
  by_recipient[complaint.recipient].push_back(complaint);

  bouncekit::analysis::Aggregator aggregator;
  for (const auto& message : messages)
    for (const auto& record : message) aggregator.add_record(record);
  std::vector<bouncekit::analysis::Suppression> suppressions;
  for (auto& [recipient, records] : by_recipient)
    if (auto s = aggregator.add_recipient({recipient, records})) suppressions.push_back(*s);
  auto summary = aggregator.finish();
  summary.generated_at = "2026-11-13T04:00:00Z";
  summary.since = "2026-11-01T00:00:00Z";
  summary.run_read = 60;
  summary.run_new_messages = 44;
  summary.run_already_counted = 16;
  summary.run_bounces = 52;
  summary.run_non_bounces = 6;
  summary.run_undecodable = 2;
  summary.run_records = 47;

  bouncekit::report::AtomicFile html(out_dir / "report.html");
  bouncekit::report::write_html(html.stream(), summary, suppressions, summary.suppressed);
  bouncekit::report::AtomicFile json(out_dir / "summary.json");
  bouncekit::report::write_summary_json(json.stream(), summary);
  if (!html.commit() || !json.commit()) {
    std::fprintf(stderr, "could not write into %s\n", out_dir.c_str());
    return 1;
  }
  return 0;
}
