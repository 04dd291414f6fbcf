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

/// Width of a UTF-8 string on a terminal, counted in code points (good enough for names and reasons).
std::size_t display_width(const std::string& s);

}  // namespace bouncekit::report
