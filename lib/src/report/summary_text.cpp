// The text summary on stdout: totals, then aligned tables of the top domains, reasons, who must
// act and providers.
#include <string>

#include "bouncekit/report_files.hpp"
#include "report/counts.hpp"
#include "report/text_table.hpp"

namespace bouncekit::report {
namespace {

constexpr std::size_t kTopDomains = 10, kTopReasons = 10, kTopProviders = 10;
using Align = TextTable::Align;

std::string n(std::uint64_t v) { return std::to_string(v); }
std::string or_none(std::string_view s) { return s.empty() ? "(none)" : std::string(s); }

std::string top_reason(const analysis::GroupStats& g) {
  auto reasons = by_count(g.reasons);
  return reasons.empty() ? std::string() : or_none(reasons.front().first);
}

void groups_table(std::ostream& out, const char* title, const char* name_column,
                  const std::vector<analysis::GroupStats>& groups, std::size_t limit, bool with_suppressed) {
  out << '\n' << title;
  if (groups.size() > limit) out << " (top " << limit << " of " << groups.size() << ")";
  out << '\n';
  std::vector<TextTable::Column> columns{{name_column, Align::left},  {"messages", Align::right},
                                         {"records", Align::right},   {"hard", Align::right},
                                         {"soft", Align::right}};
  if (with_suppressed) columns.push_back({"suppressed", Align::right});
  columns.push_back({"top reason", Align::left});
  columns.push_back({"sender must act", Align::left});
  TextTable table(std::move(columns));
  for (std::size_t i = 0; i < groups.size() && i < limit; ++i) {
    const auto& g = groups[i];
    std::vector<std::string> row{g.name, n(g.messages), n(g.records), n(g.hard), n(g.soft)};
    if (with_suppressed) row.push_back(n(g.suppressed));
    row.push_back(top_reason(g));
    row.push_back(g.sender_side_flag ? "yes" : "");
    table.add_row(std::move(row));
  }
  table.write(out);
}

void counts_table(std::ostream& out, const char* title, const char* name_column,
                  const std::map<std::string, std::uint64_t>& counts, std::uint64_t total, std::size_t limit) {
  auto sorted = by_count(counts);
  out << '\n' << title;
  if (sorted.size() > limit) out << " (top " << limit << " of " << sorted.size() << ")";
  out << '\n';
  TextTable table({{name_column, Align::left}, {"records", Align::right}, {"share", Align::right}});
  for (std::size_t i = 0; i < sorted.size() && i < limit; ++i)
    table.add_row({or_none(sorted[i].first), n(sorted[i].second), percent(sorted[i].second, total)});
  table.write(out);
}

}  // namespace

void write_summary_text(std::ostream& out, const analysis::Summary& s) {
  out << "bouncekit report";
  if (!s.generated_at.empty()) out << ", generated " << s.generated_at;
  out << ", window: " << (s.since.empty() ? std::string("all history") : "since " + s.since) << '\n';
  out << "This run: read " << s.run_read << " messages (" << s.run_new_messages << " new, " << s.run_already_counted
      << " already counted): " << s.run_bounces << " bounces, " << s.run_non_bounces << " non-bounces, "
      << s.run_undecodable << " undecodable; " << s.run_records << " records\n";
  if (s.run_pruned_messages > 0)
    out << "Pruned from the history: " << s.run_pruned_messages << " messages first counted before the keep-days cutoff, "
        << s.run_pruned_records << " records\n";
  out << "Window: " << s.messages << " messages, " << s.records << " records (" << s.hard << " hard, " << s.soft
      << " soft), " << s.recipients << " recipients, " << s.suppressed << " suppressed\n";
  write_changes_text(out, s);  // report/changes_text.cpp
  if (s.records == 0) return;
  groups_table(out, "Top domains", "domain", s.domains, kTopDomains, true);
  counts_table(out, "Reasons", "reason", s.reasons, s.records, kTopReasons);
  counts_table(out, "Who must act", "owner", s.owners, s.records, s.owners.size());
  if (!s.providers.empty()) groups_table(out, "Providers", "provider", s.providers, kTopProviders, false);
}

}  // namespace bouncekit::report
