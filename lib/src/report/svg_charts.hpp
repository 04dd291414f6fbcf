// Inline SVG charts for report.html, drawn from counts (no chart library, no script needed).
// Every chart is an <svg class="chart"> whose marks (bars, segments) have class "mark", so the
// page's self-check can see that each chart rendered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bouncekit::report::svg {

struct Bar {
  std::string label;
  std::uint64_t value = 0;
};

struct Series {
  std::string name;
  std::string_view color;  ///< CSS colour
};

struct StackedBar {
  std::string label;
  std::vector<std::uint64_t> parts;  ///< one per series
};

struct Segment {
  std::string label;
  std::uint64_t value = 0;
  std::string_view color;
};

/// Horizontal bars, one per entry, longest scale = largest value.
std::string bar_chart(std::string_view title, const std::vector<Bar>& bars, std::string_view color);
/// Horizontal bars split into series (hard/soft, ...), with a legend.
std::string stacked_bar_chart(std::string_view title, const std::vector<StackedBar>& bars,
                              const std::vector<Series>& series);
/// One full-width bar split by share, with a legend giving counts and percentages.
std::string split_bar(std::string_view title, const std::vector<Segment>& segments);
/// Vertical columns in order (days), with a few labels along the bottom.
std::string column_chart(std::string_view title, const std::vector<Bar>& columns, std::string_view color);
/// Vertical columns in order (days), each split into series (providers, ...), with a legend.
std::string stacked_column_chart(std::string_view title, const std::vector<StackedBar>& columns,
                                 const std::vector<Series>& series);

}  // namespace bouncekit::report::svg
