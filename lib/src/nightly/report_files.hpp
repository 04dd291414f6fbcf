// The files of --out DIR, replaced as one set. DIR is a symbolic link to a hidden sibling
// folder that holds one whole report; a run writes the next set into a new sibling folder and
// then replaces the link with rename(2), so a reader sees the old set or the new one, never a
// mix, whatever fails or is killed on the way (layout and reasons: docs/report.md).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

#include "bouncekit/analysis.hpp"
#include "bouncekit/report_files.hpp"

namespace bouncekit::nightly {

class ReportFiles {
 public:
  /// Called at each step of writing and switching the set, with the step's name (tests stop or
  /// fail the run there: docs/cron.md, "Test hooks"). May throw.
  using StepHook = std::function<void(std::string_view step)>;

  /// Creates DIR's parent folder if needed, removes the leftovers of killed runs, creates the
  /// new set's folder and opens the files written while the run goes on. Throws OutputError.
  /// `csv_raw`: CSV cells are written as they are, without the spreadsheet-formula guard.
  explicit ReportFiles(const std::filesystem::path& dir, bool csv_raw = false, StepHook hook = {});
  /// Without finish(): the new set's folder is removed; DIR still shows the previous set.
  ~ReportFiles();
  ReportFiles(const ReportFiles&) = delete;
  ReportFiles& operator=(const ReportFiles&) = delete;

  /// records.jsonl: the records decoded in this run.
  std::ostream& records() { return records_->stream(); }
  /// recipients.jsonl, streamed while the recipients are read.
  std::ostream& recipients() { return recipients_->stream(); }
  /// suppressions.csv, streamed while the recipients are read.
  report::SuppressionCsvWriter& suppressions() { return *suppressions_writer_; }
  /// suppressions.txt (one address per line), streamed beside suppressions.csv.
  report::SuppressionExport& suppressions_txt() { return *suppressions_txt_writer_; }
  /// changes.csv and watch.csv, streamed while the recipients are read (nightly/run_changes.hpp).
  report::ChangesCsvWriter& changes() { return *changes_writer_; }
  report::WatchCsvWriter& watch() { return *watch_writer_; }
  /// Writes summary.json, domains.csv, providers.csv, lists.csv and report.html into the new set, then
  /// points DIR at it and removes the previous set. Throws OutputError naming what failed
  /// (DIR then still shows the previous set).
  void finish(const analysis::Summary& summary, const std::vector<analysis::Suppression>& head,
              std::uint64_t suppressed_total);

  /// The names of the steps passed to the hook, in order (for tests).
  static std::vector<std::string> step_names();

 private:
  /// Closes the temporary files and removes the unfinished set (a failed or abandoned run).
  void discard();
  void step(std::string_view name) const;
  void switch_link();
  std::filesystem::path parent_, name_, set_name_, link_;
  StepHook hook_;
  bool csv_raw_ = false;
  bool finished_ = false;
  std::unique_ptr<report::AtomicFile> records_, recipients_, suppressions_, suppressions_txt_;
  std::unique_ptr<report::AtomicFile> changes_, watch_;
  std::unique_ptr<report::ChangesCsvWriter> changes_writer_;
  std::unique_ptr<report::WatchCsvWriter> watch_writer_;
  std::unique_ptr<report::SuppressionExport> suppressions_txt_writer_;
  std::unique_ptr<report::SuppressionCsvWriter> suppressions_writer_;
};

}  // namespace bouncekit::nightly
