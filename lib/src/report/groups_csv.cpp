// domains.csv, providers.csv and lists.csv: one line per group, the columns docs/report.md lists.
#include <cstdio>
#include <string>

#include "bouncekit/report_files.hpp"
#include "report/counts.hpp"
#include "report/csv.hpp"

namespace bouncekit::report {
namespace {

// Share of `part` in `whole` as a fraction with 4 decimals ("0.2500"), as in summary.json.
std::string share(std::uint64_t part, std::uint64_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", whole == 0 ? 0.0 : static_cast<double>(part * 10000 / whole) / 10000.0);
  return buf;
}

}  // namespace

void write_groups_csv(std::ostream& out, const std::vector<analysis::GroupStats>& groups, bool raw) {
  write_csv_row(out, {"name", "messages", "records", "hard", "soft", "suppressed", "sender_side_flag", "top_reason",
                      "reasons", "owners", "top_remote_mtas", "first_seen", "last_seen", "example_diagnostic", "sender_side", "sender_side_share",
                      "blocklists"},
                raw);
  for (const auto& g : groups) {
    const auto reasons = by_count(g.reasons);
    const std::string messages = std::to_string(g.messages), records = std::to_string(g.records),
                      hard = std::to_string(g.hard), soft = std::to_string(g.soft),
                      suppressed = std::to_string(g.suppressed), sender_side = std::to_string(g.sender_side),
                      sender_side_share = share(g.sender_side, g.records),
                      blocklists = join_counts(by_count(g.blocklists));
    write_csv_row(out, {g.name, messages, records, hard, soft, suppressed, g.sender_side_flag ? "yes" : "no",
                        reasons.empty() ? std::string_view{} : reasons.front().first, join_counts(reasons),
                        join_counts(by_count(g.owners)), join_counts(g.top_remote_mtas), g.first_seen, g.last_seen,
                        g.example_diagnostics.empty() ? std::string_view{} : g.example_diagnostics.front(),
                        sender_side, sender_side_share, blocklists},
                  raw);
  }
}

}  // namespace bouncekit::report
