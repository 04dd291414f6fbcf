// RFC 4180 quoting, shared by the record CSV (writers.cpp) and the report files. The formula
// guard follows OWASP's "CSV Injection" page: a cell starting with = + - @ tab or carriage
// return is evaluated by Excel, LibreOffice and Google Sheets; a leading ' makes it text.
#include "report/csv.hpp"

#include <string>

#include "util/safe_text.hpp"

namespace bouncekit::report {
namespace {

bool starts_formula(std::string_view v) {
  if (v.empty()) return false;
  switch (v.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

}  // namespace

void write_csv_cell(std::ostream& out, std::string_view value, bool raw) {
  const bool guard = !raw && starts_formula(value);  // decided on the text as it came (tab, CR)
  const std::string safe = util::replace_unsafe(value);
  std::string_view v = safe;
  const bool quote = guard || v.find_first_of(",\"") != std::string_view::npos;
  if (!quote) {
    out << v;
    return;
  }
  out << '"';
  if (guard) out << '\'';
  for (char c : v) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void write_csv_row(std::ostream& out, std::initializer_list<std::string_view> cells, bool raw) {
  bool first = true;
  for (auto cell : cells) {
    if (!first) out << ',';
    first = false;
    write_csv_cell(out, cell, raw);
  }
  out << "\r\n";
}

}  // namespace bouncekit::report
