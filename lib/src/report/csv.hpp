// RFC 4180 CSV cells and rows for the report files (CRLF line ends, quotes doubled).
#pragma once

#include <initializer_list>
#include <ostream>
#include <string_view>

namespace bouncekit::report {

/// One cell, quoted only when it holds a comma, a quote or a line break.
void write_csv_cell(std::ostream& out, std::string_view value);
/// One row: cells separated by commas, ended by CRLF.
void write_csv_row(std::ostream& out, std::initializer_list<std::string_view> cells);

}  // namespace bouncekit::report
