// JSON Lines and CSV writers for records.
#include <nlohmann/json.hpp>

#include "bouncekit/report.hpp"
#include "report/csv.hpp"
#include "report/record_fields.hpp"

namespace bouncekit::report {

const std::vector<std::string>& record_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c;
    for (const auto& f : kRecordFields) c.emplace_back(f.name);
    return c;
  }();
  return columns;
}

void write_jsonl(std::ostream& out, const Record& record) {
  nlohmann::ordered_json j;
  for (const auto& f : kRecordFields) {
    const std::string& v = record.*(f.member);
    if (v.empty())
      j[std::string(f.name)] = nullptr;
    else
      j[std::string(f.name)] = v;
  }
  if (!record.extra_headers.empty()) {
    nlohmann::ordered_json headers = nlohmann::ordered_json::object();
    for (const auto& [name, value] : record.extra_headers) headers[name] = value;
    j["headers"] = std::move(headers);
  }
  // Invalid UTF-8 cannot reach here (the decoder sanitises), but never throw on output.
  out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

CsvWriter::CsvWriter(std::ostream& out, std::vector<std::string> extra_header_names)
    : out_(out), extra_(std::move(extra_header_names)) {}

void CsvWriter::write_header() {
  if (header_written_) return;
  bool first = true;
  for (const auto& f : kRecordFields) {
    if (!first) out_ << ',';
    first = false;
    write_csv_cell(out_, f.name);
  }
  for (const auto& name : extra_) {
    out_ << ',';
    write_csv_cell(out_, name);
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
    write_csv_cell(out_, record.*(f.member));
  }
  for (const auto& name : extra_) {
    out_ << ',';
    for (const auto& [n, v] : record.extra_headers)
      if (n == name) {
        write_csv_cell(out_, v);
        break;
      }
  }
  out_ << "\r\n";
}

}  // namespace bouncekit::report
