// The nightly job's record of itself (issue 18): the previous recorded run read before the
// recipients pass, the changes and the watch list made during it, and this run recorded in the
// history once its report is out (docs/report.md, "Changes since the previous run"; docs/history.md, "Runs").
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "bouncekit/analysis.hpp"
#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"
#include "bouncekit/report_files.hpp"
#include "nightly/changes.hpp"

namespace bouncekit::nightly::detail {

class RunChanges {
 public:
  /// Reads the previous recorded run of `database` in the scope `list` (`--list`'s key, "" for
  /// every list). `changes_csv` and `watch_csv`, when set, receive the rows. Throws
  /// history::DatabaseError.
  RunChanges(const std::filesystem::path& database, const std::string& list, const analysis::SuppressionPolicy& policy,
             report::ChangesCsvWriter* changes_csv, report::WatchCsvWriter* watch_csv);
  /// Each recipient of the window in address order with its suppression now (nullptr: none):
  /// sets `now->new_tonight`, writes its change and its watch entry, adds it to the run's list.
  void recipient(const analysis::RecipientHistory& history, analysis::Suppression* now);
  /// After the recipients pass and Aggregator::finish(): fills `summary.changes`.
  void finish(analysis::Summary& summary);
  /// Records this run (its list, its flags, its counts) in the history, in one transaction.
  void record(const Options& options, const std::string& started, const analysis::Summary& summary);

 private:
  analysis::SuppressionPolicy policy_;
  std::string list_;
  history::Runs runs_;
  std::optional<history::RunRecord> previous_;
  std::int64_t log_position_ = 0;
  report::ChangesCsvWriter* changes_csv_;
  report::WatchCsvWriter* watch_csv_;
  std::unique_ptr<ChangeTracker> tracker_;
  std::uint64_t watched_ = 0;
};

}  // namespace bouncekit::nightly::detail
