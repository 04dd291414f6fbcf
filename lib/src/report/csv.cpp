// RFC 4180 quoting, shared by the record CSV (writers.cpp) and the report files.
#include "report/csv.hpp"

namespace bouncekit::report {

void write_csv_cell(std::ostream& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << value;
    return;
  }
  out << '"';
  for (char c : value) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void write_csv_row(std::ostream& out, std::initializer_list<std::string_view> cells) {
  bool first = true;
  for (auto cell : cells) {
    if (!first) out << ',';
    first = false;
    write_csv_cell(out, cell);
  }
  out << "\r\n";
}

}  // namespace bouncekit::report
