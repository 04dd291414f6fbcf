// RFC 4180 CSV cells and rows for the report files (CRLF line ends, quotes doubled), made safe
// for spreadsheets and terminals (docs/security.md, "Output").
#pragma once

#include <initializer_list>
#include <ostream>
#include <string_view>

namespace bouncekit::report {

/// One cell, quoted only when it holds a comma or a quote. Control and bidirectional-control
/// characters become spaces or U+FFFD (util/safe_text.hpp). Unless `raw`, a cell that a
/// spreadsheet would read as a formula (first character = + - @, tab or CR) gets a single
/// quote in front, as the OWASP "CSV Injection" page recommends.
void write_csv_cell(std::ostream& out, std::string_view value, bool raw = false);
/// One row: cells separated by commas, ended by CRLF.
void write_csv_row(std::ostream& out, std::initializer_list<std::string_view> cells, bool raw = false);

}  // namespace bouncekit::report
