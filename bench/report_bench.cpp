// The JSON Lines writer for records (report::write_jsonl), and for comparison the way it
// wrote them before: one nlohmann::ordered_json object per record, dumped.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bouncekit/report.hpp"
#include "report/ordered_json_record.hpp"
#include "report/record_fields.hpp"

namespace {

using bouncekit::Record;

// Made-up records shaped like parse output: most fields set, a diagnostic with quotes,
// some with UTF-8 subjects, one in eight with an extra header.
std::vector<Record> sample_records(std::size_t count) {
  std::vector<Record> records;
  for (std::size_t n = 0; n < count; ++n) {
    Record r;
    std::string user = "user" + std::to_string(n * 31) + "@example" + std::to_string(n % 50) + ".com";
    r.origin = "build/bench-data/bench-200MB.mbox#" + std::to_string(n + 1) + "@" + std::to_string(n * 4531);
    r.timestamp = "2024-09-02T10:00:00Z";
    r.recipient = user;
    if (n % 3 == 0) r.original_recipient = user;
    r.recipient_domain = "example" + std::to_string(n % 50) + ".com";
    r.sender = "news@example.org";
    r.action = "failed";
    r.status = "5.1.1";
    r.reply_code = "550";
    r.diagnostic = "550 5.1.1 <" + user + ">: Recipient address rejected: User unknown in virtual mailbox table "
                   "(see \"https://example.net/help\")";
    r.diagnostic_type = "SMTP";
    r.reason = "userunknown";
    r.bounce = "hard";
    r.action_owner = "recipient";
    r.remote_mta = "mx.example" + std::to_string(n % 50) + ".com";
    r.reporting_mta = "mx" + std::to_string(n % 7) + ".example.net";
    r.smtp_command = "RCPT";
    r.decoded_by = "rfc3464";
    r.message_id = "<" + std::to_string(n) + ".campaign@example.org>";
    r.subject = n % 4 == 0 ? "Ihre Bestellung \xc3\xbc" "ber 42 \xe2\x82\xac" : "Our September newsletter";
    r.original_to = user;
    r.original_date = "2024-09-02T09:59:58Z";
    if (n % 8 == 0) r.extra_headers = {{"X-Campaign-Id", "sept-" + std::to_string(n % 5)}};
    records.push_back(std::move(r));
  }
  return records;
}

void BM_WriteJsonl(benchmark::State& state) {
  auto records = sample_records(1000);
  std::ostringstream out;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    out.str({});
    for (const Record& r : records) bouncekit::report::write_jsonl(out, r);
    bytes += static_cast<std::int64_t>(out.tellp());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records.size()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_WriteJsonl);

// The writer before (commit facaabc), kept here as the baseline.
void BM_WriteJsonlOrderedJson(benchmark::State& state) {
  auto records = sample_records(1000);
  std::ostringstream out;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    out.str({});
    for (const Record& record : records) out << bouncekit::report::testing::ordered_json_line(record);
    bytes += static_cast<std::int64_t>(out.tellp());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records.size()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_WriteJsonlOrderedJson);

}  // namespace

BENCHMARK_MAIN();
