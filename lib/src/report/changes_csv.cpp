// changes.csv and watch.csv: header first (even when empty), one line per address, with the same
// cell safety as the other CSVs (report/csv.hpp; docs/security.md, "Output").
#include <string>

#include "bouncekit/report_files.hpp"
#include "report/csv.hpp"

namespace bouncekit::report {

ChangesCsvWriter::ChangesCsvWriter(std::ostream& out, bool raw) : out_(out), raw_(raw) {
  write_csv_row(out_, {"address", "change", "reason", "rule", "why", "first_bounce", "last_bounce"}, raw_);
}

void ChangesCsvWriter::write(const analysis::AddressChange& c) {
  write_csv_row(out_, {c.address, c.change, c.reason, c.rule, c.why, c.first_bounce, c.last_bounce}, raw_);
}

WatchCsvWriter::WatchCsvWriter(std::ostream& out, bool raw) : out_(out), raw_(raw) {
  write_csv_row(out_, {"address", "soft_count", "first_bounce", "last_bounce", "last_reason", "more_bounces",
                       "not_before", "needs"}, raw_);
}

void WatchCsvWriter::write(const analysis::Watch& w) {
  const std::string soft = std::to_string(w.soft), more = std::to_string(w.more_bounces);
  write_csv_row(out_, {w.recipient, soft, w.first_bounce, w.last_bounce, w.last_reason, more, w.not_before,
                       analysis::needs_text(w)}, raw_);
}

}  // namespace bouncekit::report
