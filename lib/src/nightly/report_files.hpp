// The files of --out DIR. Each is written under a temporary name and all are renamed into
// place together at the end, so a run that dies leaves the previous report untouched.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <vector>

#include "bouncekit/analysis.hpp"
#include "bouncekit/report_files.hpp"

namespace bouncekit::nightly {

class ReportFiles {
 public:
  /// Creates `dir` if needed and opens the files written while the run goes on.
  /// Throws OutputError.
  explicit ReportFiles(const std::filesystem::path& dir);
  /// records.jsonl: the records decoded in this run.
  std::ostream& records() { return records_->stream(); }
  /// recipients.jsonl, streamed while the recipients are read.
  std::ostream& recipients() { return recipients_->stream(); }
  /// suppressions.csv, streamed while the recipients are read.
  report::SuppressionCsvWriter& suppressions() { return *suppressions_writer_; }
  /// Writes summary.json, domains.csv, providers.csv and report.html, then renames every
  /// file into place. Throws OutputError naming the first file that failed.
  void finish(const analysis::Summary& summary, const std::vector<analysis::Suppression>& head,
              std::uint64_t suppressed_total);

 private:
  std::filesystem::path dir_;
  std::unique_ptr<report::AtomicFile> records_, recipients_, suppressions_;
  std::unique_ptr<report::SuppressionCsvWriter> suppressions_writer_;
};

}  // namespace bouncekit::nightly
