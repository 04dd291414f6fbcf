// SVG geometry for the report charts. Sizes are in SVG user units; the page scales the whole
// chart to its column (viewBox + width 100%), so text stays proportionate on screen and paper.
#include "report/svg_charts.hpp"

#include <algorithm>
#include <cstdio>

#include "report/counts.hpp"
#include "report/html_escape.hpp"

namespace bouncekit::report::svg {
namespace {

constexpr double kWidth = 640;
constexpr double kLabelWidth = 200;  // room for the label left of the bars
constexpr double kValueWidth = 70;   // room for the number right of the bars
constexpr double kRow = 22, kBarHeight = 15, kTop = 8;
constexpr std::size_t kLabelChars = 26;  // longer labels are cut; the full one is in the tooltip

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string esc(std::string_view s) { return html_escape(s); }

// Label cut to kLabelChars code points, with an ellipsis.
std::string short_label(std::string_view s) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (points == kLabelChars) return std::string(s.substr(0, i)) + "\xE2\x80\xA6";
    ++points;
  }
  return std::string(s);
}

std::string open_svg(std::string_view title, double height) {
  // Inline in HTML, an <svg> element needs no xmlns: the parser puts it in the SVG namespace.
  std::string out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " +
                    num(kWidth) + " " + num(height) + "\" width=\"" + num(kWidth) + "\" height=\"" + num(height) +
                    "\" preserveAspectRatio=\"xMinYMin meet\" aria-label=\"" + esc(title) + "\"><title>" +
                    esc(title) + "</title>";
  return out;
}

std::string rect(double x, double y, double w, double h, std::string_view color, std::string_view tooltip) {
  return "<rect class=\"mark\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
         "\" fill=\"" + std::string(color) + "\"><title>" + esc(tooltip) + "</title></rect>";
}

std::string text(double x, double y, std::string_view anchor, std::string_view content, std::string_view cls = "") {
  std::string out = "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + std::string(anchor) + "\"";
  if (!cls.empty()) out += " class=\"" + std::string(cls) + "\"";
  return out + ">" + esc(content) + "</text>";
}

std::string no_data(std::string_view title) {
  return open_svg(title, 30) + text(kWidth / 2, 20, "middle", "no data", "muted") + "</svg>";
}

// A bar of `value` at least a sliver wide, so a small non-zero count stays visible.
double bar_length(std::uint64_t value, std::uint64_t max, double full) {
  if (value == 0 || max == 0) return 0;
  return std::max(full * static_cast<double>(value) / static_cast<double>(max), 1.5);
}

}  // namespace

std::string bar_chart(std::string_view title, const std::vector<Bar>& bars, std::string_view color) {
  if (bars.empty()) return no_data(title);
  std::uint64_t max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  const double full = kWidth - kLabelWidth - kValueWidth;
  std::string out = open_svg(title, kTop * 2 + kRow * static_cast<double>(bars.size()));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = kTop + kRow * static_cast<double>(i);
    const double w = bar_length(bars[i].value, max, full);
    out += text(kLabelWidth - 8, y + 12, "end", short_label(bars[i].label));
    out += rect(kLabelWidth, y, w, kBarHeight, color, bars[i].label + ": " + std::to_string(bars[i].value));
    out += text(kLabelWidth + w + 6, y + 12, "start", std::to_string(bars[i].value), "value");
  }
  return out + "</svg>";
}

std::string stacked_bar_chart(std::string_view title, const std::vector<StackedBar>& bars,
                              const std::vector<Series>& series) {
  if (bars.empty()) return no_data(title);
  std::uint64_t max = 0;
  for (const auto& b : bars) {
    std::uint64_t total = 0;
    for (auto p : b.parts) total += p;
    max = std::max(max, total);
  }
  const double full = kWidth - kLabelWidth - kValueWidth;
  const double legend = 24;
  std::string out = open_svg(title, legend + kTop + kRow * static_cast<double>(bars.size()) + kTop);
  double lx = kLabelWidth;
  for (const auto& s : series) {
    out += "<rect x=\"" + num(lx) + "\" y=\"4\" width=\"12\" height=\"12\" fill=\"" + std::string(s.color) + "\"/>";
    out += text(lx + 16, 14, "start", s.name);
    lx += 24 + 8.0 * static_cast<double>(s.name.size());
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = legend + kTop + kRow * static_cast<double>(i);
    out += text(kLabelWidth - 8, y + 12, "end", short_label(bars[i].label));
    double x = kLabelWidth;
    std::uint64_t total = 0;
    for (std::size_t p = 0; p < bars[i].parts.size() && p < series.size(); ++p) {
      const auto v = bars[i].parts[p];
      total += v;
      if (v == 0) continue;
      const double w = bar_length(v, max, full);
      out += rect(x, y, w, kBarHeight, series[p].color,
                  bars[i].label + ", " + series[p].name + ": " + std::to_string(v));
      x += w;
    }
    out += text(x + 6, y + 12, "start", std::to_string(total), "value");
  }
  return out + "</svg>";
}

std::string split_bar(std::string_view title, const std::vector<Segment>& segments) {
  std::uint64_t total = 0;
  for (const auto& s : segments) total += s.value;
  if (total == 0) return no_data(title);
  const double bar_y = 6, bar_h = 28, legend_top = bar_y + bar_h + 16;
  const double height = legend_top + kRow * static_cast<double>(segments.size());
  std::string out = open_svg(title, height);
  double x = 0;
  for (const auto& s : segments) {
    if (s.value == 0) continue;
    const double w = kWidth * static_cast<double>(s.value) / static_cast<double>(total);
    out += rect(x, bar_y, w, bar_h, s.color, s.label + ": " + std::to_string(s.value) + " (" + percent(s.value, total) + ")");
    x += w;
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const double y = legend_top + kRow * static_cast<double>(i);
    out += "<rect x=\"0\" y=\"" + num(y) + "\" width=\"12\" height=\"12\" fill=\"" + std::string(segments[i].color) +
           "\"/>";
    out += text(18, y + 11, "start", segments[i].label);
    out += text(kLabelWidth + 80, y + 11, "end", std::to_string(segments[i].value), "value");
    out += text(kLabelWidth + 140, y + 11, "end", percent(segments[i].value, total), "value");
  }
  return out + "</svg>";
}

std::string column_chart(std::string_view title, const std::vector<Bar>& columns, std::string_view color) {
  if (columns.empty()) return no_data(title);
  std::uint64_t max = 0;
  for (const auto& c : columns) max = std::max(max, c.value);
  const double left = 50, right = 10, top = 10, plot_h = 160, bottom = 30;
  const double plot_w = kWidth - left - right;
  const double step = plot_w / static_cast<double>(columns.size());
  const double gap = std::min(step * 0.2, 6.0);
  std::string out = open_svg(title, top + plot_h + bottom);
  // Axis: the maximum and zero.
  out += "<line x1=\"" + num(left) + "\" y1=\"" + num(top + plot_h) + "\" x2=\"" + num(kWidth - right) + "\" y2=\"" +
         num(top + plot_h) + "\" class=\"axis\"/>";
  out += text(left - 6, top + 10, "end", std::to_string(max), "value");
  out += text(left - 6, top + plot_h, "end", "0", "value");
  // About six date labels at most, the first and the last always, none crowding the last.
  const std::size_t every = std::max<std::size_t>(1, (columns.size() + 5) / 6);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const double h = max == 0 ? 0 : std::max(plot_h * static_cast<double>(columns[i].value) / static_cast<double>(max),
                                             columns[i].value > 0 ? 1.5 : 0.0);
    const double x = left + step * static_cast<double>(i);
    out += rect(x + gap / 2, top + plot_h - h, std::max(step - gap, 1.0), h, color,
                columns[i].label + ": " + std::to_string(columns[i].value));
    const std::size_t after = columns.size() - 1 - i;  // columns right of this one
    if (after == 0 || (i % every == 0 && after >= every)) {
      // The first and last labels are anchored inward so they are not cut at the edges.
      const bool first = i == 0 && columns.size() > 1;
      const double tx = first ? x : after == 0 && columns.size() > 1 ? x + step : x + step / 2;
      out += text(tx, top + plot_h + 18, first ? "start" : after == 0 && columns.size() > 1 ? "end" : "middle",
                  columns[i].label, "tick");
    }
  }
  return out + "</svg>";
}

std::string stacked_column_chart(std::string_view title, const std::vector<StackedBar>& columns,
                                 const std::vector<Series>& series) {
  if (columns.empty() || series.empty()) return no_data(title);
  std::uint64_t max = 0;
  for (const auto& c : columns) {
    std::uint64_t total = 0;
    for (auto p : c.parts) total += p;
    max = std::max(max, total);
  }
  const double legend = 24, left = 50, right = 10, top = legend + 10, plot_h = 160, bottom = 30;
  const double plot_w = kWidth - left - right;
  const double step = plot_w / static_cast<double>(columns.size());
  const double gap = std::min(step * 0.2, 6.0);
  std::string out = open_svg(title, top + plot_h + bottom);
  double lx = left;
  for (const auto& s : series) {
    out += "<rect x=\"" + num(lx) + "\" y=\"4\" width=\"12\" height=\"12\" fill=\"" + std::string(s.color) + "\"/>";
    out += text(lx + 16, 14, "start", short_label(s.name));
    lx += 24 + 7.0 * static_cast<double>(std::min(s.name.size(), kLabelChars));
  }
  out += "<line x1=\"" + num(left) + "\" y1=\"" + num(top + plot_h) + "\" x2=\"" + num(kWidth - right) + "\" y2=\"" +
         num(top + plot_h) + "\" class=\"axis\"/>";
  out += text(left - 6, top + 10, "end", std::to_string(max), "value");
  out += text(left - 6, top + plot_h, "end", "0", "value");
  const std::size_t every = std::max<std::size_t>(1, (columns.size() + 5) / 6);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const double x = left + step * static_cast<double>(i);
    double y = top + plot_h;  // each part stacks on the one below it
    for (std::size_t p = 0; p < columns[i].parts.size() && p < series.size(); ++p) {
      const auto v = columns[i].parts[p];
      if (v == 0 || max == 0) continue;
      const double h = std::max(plot_h * static_cast<double>(v) / static_cast<double>(max), 1.5);
      y -= h;
      out += rect(x + gap / 2, y, std::max(step - gap, 1.0), h, series[p].color,
                  columns[i].label + ", " + series[p].name + ": " + std::to_string(v));
    }
    const std::size_t after = columns.size() - 1 - i;
    if (after == 0 || (i % every == 0 && after >= every)) {
      const bool first = i == 0 && columns.size() > 1;
      const double tx = first ? x : after == 0 && columns.size() > 1 ? x + step : x + step / 2;
      out += text(tx, top + plot_h + 18, first ? "start" : after == 0 && columns.size() > 1 ? "end" : "middle",
                  columns[i].label, "tick");
    }
  }
  return out + "</svg>";
}

}  // namespace bouncekit::report::svg
