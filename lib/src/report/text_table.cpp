#include "report/text_table.hpp"

#include <algorithm>
#include <string>

#include "util/safe_text.hpp"

namespace bouncekit::report {
namespace {

// `s` cut to at most `width` columns, the last one an ellipsis (one column) when cut.
std::string clip(const std::string& s, std::size_t width) {
  if (display_width(s) <= width) return s;
  std::size_t cut = 0;
  display_width(s, &cut, width - 1);
  return s.substr(0, cut) + "\xE2\x80\xA6";
}

// Control characters would break the alignment (or the terminal): tab and line breaks shown as
// spaces, the others (C0, DEL, C1, bidirectional controls, bytes that are not UTF-8) as U+FFFD.
std::string printable(const std::string& s) { return util::replace_unsafe(s); }

}  // namespace

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (auto& cell : cells) cell = clip(printable(std::move(cell)), kMaxCellWidth);
  rows_.push_back(std::move(cells));
}

void TextTable::write(std::ostream& out, int indent) const {
  std::vector<std::size_t> widths(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = display_width(columns_[c].title);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  auto line = [&](auto cell_of) {
    std::string text(static_cast<std::size_t>(std::max(indent, 0)), ' ');
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::string& cell = cell_of(c);
      std::string pad(widths[c] - display_width(cell), ' ');
      if (c > 0) text += "  ";
      if (columns_[c].align == Align::right)
        text += pad + cell;
      else
        text += cell + (c + 1 < columns_.size() ? pad : std::string());
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  line([&](std::size_t c) -> const std::string& { return columns_[c].title; });
  for (const auto& row : rows_) line([&](std::size_t c) -> const std::string& { return row[c]; });
}

}  // namespace bouncekit::report
