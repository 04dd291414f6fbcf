// recipients.jsonl: one line per recipient of the window, with every bounce it had (docs/report.md).
//
// Written straight into a buffer with detail::append_json_string, the same bytes an
// nlohmann::ordered_json object dumped (tests/report/recipients_jsonl_test.cpp keeps that
// object as the oracle): building and dumping one per recipient was 12% of `report`'s
// instructions, on its serial path.
#include <map>
#include <string>
#include <string_view>

#include "bouncekit/report_files.hpp"
#include "report/json_string.hpp"

namespace bouncekit::report {
namespace {

// `"name":` then the string, or null when it is empty.
void append_nullable(std::string& out, std::string_view name, const std::string& value) {
  out += name;
  detail::append_json_string_or_null(out, value);
}

}  // namespace

void write_recipient_jsonl(std::ostream& out, const analysis::RecipientHistory& history,
                           const analysis::Suppression* suppression) {
  std::uint64_t hard = 0, soft = 0;
  std::map<std::string, std::uint64_t> reasons;  // sorted by name, as the line lists them
  for (const analysis::StoredRecord& r : history.records) {
    if (r.bounce == "hard") ++hard;
    if (r.bounce == "soft") ++soft;
    ++reasons[r.reason];
  }
  static const std::string kEmpty;
  const bool any = !history.records.empty();
  thread_local std::string line;
  line.clear();
  line += "{\"recipient\":";
  detail::append_json_string(line, history.recipient);
  append_nullable(line, ",\"recipient_domain\":", any ? history.records.front().recipient_domain : kEmpty);
  line += ",\"records\":" + std::to_string(history.records.size());
  line += ",\"hard\":" + std::to_string(hard);
  line += ",\"soft\":" + std::to_string(soft);
  line += ",\"reasons\":{";
  bool first = true;
  for (const auto& [reason, count] : reasons) {
    if (!first) line += ',';
    first = false;
    detail::append_json_string(line, reason);
    line += ':' + std::to_string(count);
  }
  line += '}';
  append_nullable(line, ",\"first_bounce\":", any ? history.records.front().date : kEmpty);
  append_nullable(line, ",\"last_bounce\":", any ? history.records.back().date : kEmpty);
  line += ",\"suppressed\":";
  if (suppression)
    detail::append_json_string(line, suppression->rule);
  else
    line += "null";
  line += ",\"bounces\":[";
  first = true;
  for (const analysis::StoredRecord& r : history.records) {
    line += first ? "{" : ",{";
    first = false;
    append_nullable(line, "\"date\":", r.date);
    append_nullable(line, ",\"reason\":", r.reason);
    append_nullable(line, ",\"bounce\":", r.bounce);
    append_nullable(line, ",\"status\":", r.status);
    append_nullable(line, ",\"reply_code\":", r.reply_code);
    append_nullable(line, ",\"evidence\":", r.evidence);
    append_nullable(line, ",\"rule\":", r.rule);
    append_nullable(line, ",\"remote_mta\":", r.remote_mta);
    append_nullable(line, ",\"origin\":", r.origin);
    line += '}';
  }
  line += "]}\n";
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

}  // namespace bouncekit::report
