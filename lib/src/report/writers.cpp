// JSON Lines and CSV writers for records.
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "bouncekit/report.hpp"
#include "report/csv.hpp"
#include "report/json_string.hpp"
#include "report/record_fields.hpp"
#include "util/safe_text.hpp"

namespace bouncekit::report {

const std::vector<std::string>& record_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c;
    for (const auto& f : kRecordFields) c.emplace_back(f.name);
    return c;
  }();
  return columns;
}

namespace {

// `{"origin":`, `,"timestamp":`, ...: what comes before each value, escaped once.
const std::array<std::string, kRecordFields.size()>& field_prefixes() {
  static const auto prefixes = [] {
    std::array<std::string, kRecordFields.size()> p;
    for (std::size_t i = 0; i < kRecordFields.size(); ++i) {
      p[i].assign(1, i == 0 ? '{' : ',');
      detail::append_json_string(p[i], kRecordFields[i].name);
      p[i] += ':';
    }
    return p;
  }();
  return prefixes;
}

// The "headers" object. Like nlohmann's ordered_json, a name given twice keeps the place of
// its first appearance and the value of its last.
void append_headers(std::string& out, const std::vector<std::pair<std::string, std::string>>& headers) {
  out += ",\"headers\":{";
  bool first = true;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const std::string& name = headers[i].first;
    bool seen = false;
    for (std::size_t k = 0; k < i && !seen; ++k) seen = headers[k].first == name;
    if (seen) continue;
    const std::string* value = &headers[i].second;
    for (std::size_t k = i + 1; k < headers.size(); ++k)
      if (headers[k].first == name) value = &headers[k].second;
    if (!first) out += ',';
    first = false;
    detail::append_json_string(out, name);
    out += ':';
    detail::append_json_string(out, *value);
  }
  out += '}';
}

}  // namespace

void append_json(std::string& out, const Record& record) {
  // The same bytes nlohmann::ordered_json wrote (tests/report/jsonl_test.cpp).
  const auto& prefixes = field_prefixes();
  for (std::size_t i = 0; i < kRecordFields.size(); ++i) {
    out += prefixes[i];
    detail::append_json_string_or_null(out, kRecordFields[i].of(record));
  }
  if (!record.extra_headers.empty()) append_headers(out, record.extra_headers);
  out += '}';
}

void write_jsonl(std::ostream& out, const Record& record) {
  // Built in a buffer kept per thread (the pipeline's sink may run on a pool thread), then
  // written at once.
  thread_local std::string line;
  line.clear();
  append_json(line, record);
  line += '\n';
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

std::string escape_control_characters(std::string_view s) { return util::escape_unsafe(s); }

CsvWriter::CsvWriter(std::ostream& out, std::vector<std::string> extra_header_names, bool raw)
    : out_(out), extra_(std::move(extra_header_names)), raw_(raw) {}

void CsvWriter::write_header() {
  if (header_written_) return;
  bool first = true;
  for (const auto& f : kRecordFields) {
    if (!first) out_ << ',';
    first = false;
    write_csv_cell(out_, f.name, raw_);
  }
  for (const auto& name : extra_) {
    out_ << ',';
    write_csv_cell(out_, name, raw_);
  }
  out_ << "\r\n";
  header_written_ = true;
}

void CsvWriter::write(const Record& record) {
  write_header();
  bool first = true;
  for (const auto& f : kRecordFields) {
    if (!first) out_ << ',';
    first = false;
    write_csv_cell(out_, f.of(record), raw_);
  }
  for (const auto& name : extra_) {
    out_ << ',';
    for (const auto& [n, v] : record.extra_headers)
      if (n == name) {
        write_csv_cell(out_, v, raw_);
        break;
      }
  }
  out_ << "\r\n";
}

}  // namespace bouncekit::report
