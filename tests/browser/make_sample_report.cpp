// Writes a report folder (report.html, summary.json, changes.csv, ...) from a realistic synthetic
// history: twelve nights of bounces to a few dozen recipients at domains hosted by several
// providers, with hostile strings (markup in a domain and a diagnostic) that the page must show
// as text, never run or load. The history is reported on twice, as two nightly runs would: the
// first run covers the first eleven nights, the second adds the twelfth and two new hard bounces
// (kNewcomers), so the page has changes since the previous run and rows new tonight.
// Usage: bouncekit_make_sample_report OUT_DIR [HISTORY]
// HISTORY (the history database, default OUT_DIR.history.sqlite) is made afresh.
#include <cstdio>
#include <filesystem>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "bouncekit/analysis.hpp"
#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"

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

// Addresses whose first bounce comes on the second run's night: new on its suppression list.
const std::vector<std::string> kNewcomers = {"newcomer1@example.org", "newcomer2@shop.example"};

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// One message of the history: its night (0-11) and its records.
struct Message {
  int night = 0;
  std::vector<StoredRecord> records;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: %s OUT_DIR [HISTORY]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  const std::filesystem::path database = argc == 3 ? std::filesystem::path(argv[2])
                                                   : std::filesystem::path(out_dir.string() + ".history.sqlite");

  // The history: each night, every fourth recipient (rotating) bounces.
  std::vector<Message> messages;
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
      messages.push_back({night, {r}});
      ++message_no;
    }
  }
  // One message reporting two recipients at once, and one complaint.
  StoredRecord a = messages.front().records.front(), b = a;
  a.fingerprint = b.fingerprint = "fp-multi";
  a.origin = b.origin = "/var/mail/bounces/cur/multi.M1P2.mail:2,S";
  b.recipient = "second@example.com";
  messages.push_back({0, {a, b}});
  StoredRecord complaint = a;
  complaint.fingerprint = "fp-arf";
  complaint.origin = "/var/mail/bounces/cur/arf.M1P2.mail:2,S";
  complaint.recipient = "complainer@example.net";
  complaint.recipient_domain = "example.net";
  complaint.reason = "feedback";
  complaint.bounce = "none";
  complaint.action_owner = "";
  complaint.feedback_type = "abuse";
  messages.push_back({0, {complaint}});
  // The newcomers: a hard bounce each on the last night.
  for (const std::string& address : kNewcomers) {
    StoredRecord r = messages.front().records.front();
    r.fingerprint = "fp-" + address;
    r.origin = "/var/mail/bounces/cur/" + address + ".M1P2.mail:2,S";
    r.date = "2026-11-12T06:45:00Z";
    r.recipient = address;
    r.recipient_domain = address.substr(address.find('@') + 1);
    messages.push_back({11, {r}});
  }

  try {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(database.string() + suffix);
    // Night n's run: the messages of the nights before it stored, as earlier runs left them, then
    // the report over the window from the first night. Only the last run writes the folder.
    auto night = [&](int last_night, const std::string& now, bool write) {
      {
        bouncekit::history::Store store(database);
        for (const Message& m : messages) {
          if (m.night > last_night) continue;
          bouncekit::history::StoredMessage stored{m.records.front().fingerprint, m.records.front().origin, "bounce",
                                                   "2026-11-" + two(1 + m.night) + "T07:00:00Z", "mx1"};
          store.add(stored, m.records);
        }
        store.commit();
      }
      bouncekit::nightly::Options o;
      o.database = database;
      o.now = now;
      o.since = "2026-11-01T00:00:00Z";
      if (write) o.out_dir = out_dir;
      bouncekit::nightly::run(o);
    };
    night(10, "2026-11-12T04:00:00Z", false);
    // Between the runs the first address the list drops for an unknown user is allowlisted by
    // hand: it leaves the list.
    std::string allowed;
    {
      bouncekit::history::Runs runs(database);
      while (auto s = runs.next_previous_suppression())
        if (s->reason == "userunknown" && allowed.empty()) allowed = s->address;
    }
    if (allowed.empty()) throw std::runtime_error("the first run suppressed nobody");
    bouncekit::history::Overrides(database).allow(allowed, "2026-11-12T09:00:00Z", "sample");
    night(11, "2026-11-13T04:00:00Z", true);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "could not make the sample report in %s: %s\n", out_dir.c_str(), e.what());
    return 1;
  }
  return 0;
}
