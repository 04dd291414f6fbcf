// domains.csv, providers.csv and lists.csv: one line per group, the columns docs/report.md lists.
#include <string>

#include "bouncekit/report_files.hpp"
#include "report/counts.hpp"
#include "report/csv.hpp"

namespace bouncekit::report {

void write_groups_csv(std::ostream& out, const std::vector<analysis::GroupStats>& groups, bool raw) {
  write_csv_row(out, {"name", "messages", "records", "hard", "soft", "suppressed", "sender_side_flag", "top_reason",
                      "reasons", "owners", "top_remote_mtas", "first_seen", "last_seen", "example_diagnostic"},
                raw);
  for (const auto& g : groups) {
    const auto reasons = by_count(g.reasons);
    const std::string messages = std::to_string(g.messages), records = std::to_string(g.records),
                      hard = std::to_string(g.hard), soft = std::to_string(g.soft),
                      suppressed = std::to_string(g.suppressed);
    write_csv_row(out, {g.name, messages, records, hard, soft, suppressed, g.sender_side_flag ? "yes" : "no",
                        reasons.empty() ? std::string_view{} : reasons.front().first, join_counts(reasons),
                        join_counts(by_count(g.owners)), join_counts(g.top_remote_mtas), g.first_seen, g.last_seen,
                        g.example_diagnostics.empty() ? std::string_view{} : g.example_diagnostics.front()},
                  raw);
  }
}

}  // namespace bouncekit::report
