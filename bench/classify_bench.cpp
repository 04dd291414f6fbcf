// Classification speed over a realistic mix of diagnostics, and the time of pathological inputs.
// The diagnostics are generated here from templates in the style of common MTAs and providers
// (no corpus text): reply code, enhanced status, a refusal phrase, addresses, hosts and noise.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "bouncekit/classify.hpp"

namespace {

using bouncekit::Record;
namespace bk = bouncekit::classify;

struct Template {
  const char* reply;
  const char* status;
  const char* command;
  const char* text;  // {a} = recipient address, {h} = host, {i} = IP
};

constexpr Template kTemplates[] = {
    {"550", "5.1.1", "RCPT", "<{a}>: Recipient address rejected: User unknown in local recipient table"},
    {"550", "5.1.1", "RCPT", "The email account that you tried to reach does not exist. Please try "
                             "double-checking the recipient's email address for typos - gsmtp"},
    {"550", "5.1.1", "RCPT", "{a}... User Unknown"},
    {"550", "", "RCPT", "No Such User Here"},
    {"554", "5.0.0", "DATA", "delivery error: dd This user doesn't have an account ({a}) [0] - {h}"},
    {"552", "5.2.2", "RCPT", "The email account that you tried to reach is over quota and inactive."},
    {"452", "4.2.2", "RCPT", "<{a}>: Mailbox full, try again later"},
    {"550", "5.2.2", "DATA", "{a}: Disk quota exceeded"},
    {"550", "5.2.1", "RCPT", "The email account that you tried to reach is disabled."},
    {"554", "5.7.1", "RCPT", "Service unavailable; Client host [{i}] blocked using zen.spamhaus.org; "
                             "https://www.spamhaus.org/query/ip/{i}"},
    {"550", "5.7.606", "MAIL", "Access denied, banned sending IP [{i}]. To request removal from this list "
                               "please visit the sender support page."},
    {"421", "4.7.0", "MAIL", "[TSS04] Messages from {i} temporarily deferred due to unexpected volume or "
                             "user complaints"},
    {"550", "5.7.26", "DATA", "Unauthenticated email from example.net is not accepted due to domain's DMARC "
                              "policy. Please contact the administrator of the domain."},
    {"550", "5.7.25", "MAIL", "The IP address sending this message does not have a PTR record setup."},
    {"550", "5.7.1", "DATA", "Our system has detected that this message is likely unsolicited mail."},
    {"554", "5.7.1", "DATA", "Message rejected: spam content detected (score 9.7)"},
    {"552", "5.3.4", "DATA", "Message size exceeds fixed maximum message size"},
    {"554", "5.7.1", "RCPT", "<{a}>: Relay access denied"},
    {"550", "5.7.1", "DATA", "Message rejected for policy reasons"},
    {"421", "4.7.0", "CONN", "Too many concurrent SMTP connections from this IP address; please try later"},
    {"450", "4.2.1", "RCPT", "The user you are trying to contact is receiving mail at a rate that prevents "
                             "additional messages from being delivered."},
    {"", "4.4.1", "", "connect to {h}[{i}]:25: Connection timed out"},
    {"", "5.4.4", "", "Host or domain name not found. Name service error for name={h} type=A: Host not found"},
    {"", "5.1.10", "", "Recipient address has null MX"},
    {"550", "5.0.0", "MAIL", "<bounce@{h}>: Sender address rejected: Domain not found"},
    {"451", "4.3.0", "DATA", "Temporary local problem - please try later"},
    {"554", "5.6.0", "DATA", "Message contains invalid header"},
    {"500", "5.5.1", "", "Command unrecognized"},
    {"550", "5.0.0", "DATA", "Requested action not taken: the reason is not one this table knows"},
    {"", "", "", "Unable to deliver the message; the remote server gave no explanation"},
};

std::string fill(std::string_view text, const std::string& address, const std::string& host, const std::string& ip) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}') {
      char key = text[i + 1];
      out += key == 'a' ? address : key == 'h' ? host : ip;
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// A few thousand records: every template with varied addresses, hosts, IPs, and some with a multi-line
// reply unfolded into one line.
std::vector<Record> make_records(std::size_t count) {
  std::vector<Record> records;
  std::uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  for (std::size_t n = 0; n < count; ++n) {
    const Template& t = kTemplates[next() % std::size(kTemplates)];
    std::string user = "user" + std::to_string(next() % 100000);
    std::string host = "mx" + std::to_string(next() % 20) + ".example" + std::to_string(next() % 50) + ".net";
    std::string ip = "192.0.2." + std::to_string(next() % 255);
    Record r;
    r.reply_code = t.reply;
    r.status = t.status;
    r.smtp_command = t.command;
    r.action = (t.reply[0] == '4' || t.status[0] == '4') ? "delayed" : "failed";
    r.recipient_domain = "example" + std::to_string(next() % 50) + ".com";
    r.remote_mta = host;
    std::string text = fill(t.text, user + "@" + r.recipient_domain, host, ip);
    if (!r.reply_code.empty()) {
      if (next() % 4 == 0 && text.size() > 60) {  // a wrapped multi-line reply
        std::string cont = r.reply_code + "-" + r.status + " ";
        std::size_t at = text.find(' ', 40);
        if (at != std::string::npos) text = text.substr(0, at) + " " + cont + text.substr(at);
      }
      text = r.reply_code + " " + r.status + " " + text;
    }
    r.diagnostic = text;
    records.push_back(std::move(r));
  }
  return records;
}

void BM_ClassifyMix(benchmark::State& state) {
  std::vector<Record> records = make_records(4000);
  const bk::Classifier& c = bk::default_classifier();
  for (const Record& r : records) benchmark::DoNotOptimize(c.classify(r));  // warm up tables
  for (auto _ : state) {
    for (const Record& r : records) benchmark::DoNotOptimize(c.classify(r));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_ClassifyMix)->Unit(benchmark::kMillisecond);

void BM_ApplyMix(benchmark::State& state) {
  std::vector<Record> records = make_records(4000);
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Record> copy = records;
    state.ResumeTiming();
    for (Record& r : copy) bk::apply(r);
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records.size()));
}
BENCHMARK(BM_ApplyMix)->Unit(benchmark::kMillisecond);

void BM_OneMegabyteDiagnostic(benchmark::State& state) {
  Record r;
  r.reply_code = "550";
  r.status = "5.0.0";
  std::string diagnostic;
  while (diagnostic.size() < (1u << 20)) diagnostic += "mailbox <aaaaaaaa@example.com> xx 550-5.7.1 ";
  r.diagnostic = diagnostic;
  for (auto _ : state) benchmark::DoNotOptimize(bk::classify(r));
}
BENCHMARK(BM_OneMegabyteDiagnostic)->Unit(benchmark::kMillisecond);

void BM_RegexExplosion(benchmark::State& state) {
  bk::Classifier c;
  std::istringstream rules("blocked regex:(x|xx)+y\nblocked regex:(a+)+$\n");
  c.load_rules(rules, "hostile");
  Record r;
  r.reply_code = "550";
  r.diagnostic = std::string(40000, 'x');
  for (auto _ : state) benchmark::DoNotOptimize(c.classify(r));
}
BENCHMARK(BM_RegexExplosion)->Unit(benchmark::kMillisecond);

void BM_BuiltInPatternsOnHostileText(benchmark::State& state) {
  Record r;
  r.reply_code = "550";
  r.diagnostic = "mailbox " + std::string(300000, 'a') + "@" + std::string(300000, 'b');
  for (auto _ : state) benchmark::DoNotOptimize(bk::classify(r));
}
BENCHMARK(BM_BuiltInPatternsOnHostileText)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
