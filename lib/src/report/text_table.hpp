// A plain-text table with aligned columns, for a person at a terminal.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace bouncekit::report {

class TextTable {
 public:
  enum class Align { left, right };
  struct Column {
    std::string title;
    Align align = Align::left;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
  /// One row; missing cells are blank, extra cells ignored. A cell wider than the limit is clipped with "…".
  void add_row(std::vector<std::string> cells);
  /// Title line, then the rows; each line starts with `indent` spaces, columns two spaces apart.
  void write(std::ostream& out, int indent = 2) const;

  static constexpr std::size_t kMaxCellWidth = 40;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// Columns a UTF-8 string takes on a terminal: wcwidth(3) under the C.UTF-8 locale, whatever
/// the process locale (East Asian wide characters take 2, combining marks 0); display_width.cpp.
std::size_t display_width(const std::string& s);

/// The same, stopping before the first code point that would pass `max_width`: `*cut` is set to
/// the byte length that fits (s.size() when all of it does); returns the width of that prefix.
std::size_t display_width(const std::string& s, std::size_t* cut, std::size_t max_width);

/// Columns of one code point: wcwidth(3) under C.UTF-8 when `use_libc` (and that locale exists),
/// else a small table of the wide blocks of UAX #11. Never negative: unprintable counts 1.
std::size_t code_point_width(char32_t c, bool use_libc = true);

}  // namespace bouncekit::report
