// suppressions.csv: one line per suppressed address, header first (even for an empty list).
#include <string>

#include "bouncekit/report_files.hpp"
#include "report/csv.hpp"

namespace bouncekit::report {

SuppressionCsvWriter::SuppressionCsvWriter(std::ostream& out, bool raw) : out_(out), raw_(raw) {
  write_csv_row(out_, {"address", "reason", "rule", "first_bounce", "last_bounce", "count", "evidence", "reason_evidence",
                       "reason_rule"}, raw_);
}

void SuppressionCsvWriter::write(const analysis::Suppression& s) {
  const std::string count = std::to_string(s.count);
  write_csv_row(out_, {s.recipient, s.reason, s.rule, s.first_bounce, s.last_bounce, count, s.evidence, s.reason_evidence,
                       s.reason_rule}, raw_);
}

}  // namespace bouncekit::report
