// bouncekit/report_files.hpp — writing a Summary and the suppression list for people and machines.
//
// Each writer takes an open stream; the nightly job (bouncekit/nightly.hpp) writes the files
// of --out DIR through AtomicFile into a new set folder and switches DIR to it at the end, so a
// crash never leaves half a report, or a mix of two, behind (docs/report.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <streambuf>
#include <ostream>
#include <string>
#include <vector>

#include "bouncekit/analysis.hpp"

namespace bouncekit::report {

/// Aligned text tables for a person at a terminal: totals, top domains, top reasons, providers.
void write_summary_text(std::ostream& out, const analysis::Summary& summary);
/// summary.json: the whole Summary as one JSON document (schema in docs/report.md).
void write_summary_json(std::ostream& out, const analysis::Summary& summary);
/// domains.csv and providers.csv: one line per group. Every CSV writer here replaces control
/// characters and, unless `raw`, guards cells a spreadsheet would run as formulas (docs/security.md).
void write_groups_csv(std::ostream& out, const std::vector<analysis::GroupStats>& groups, bool raw = false);

/// suppressions.csv, streamed: address, reason, rule, first_bounce, last_bounce, count, evidence.
class SuppressionCsvWriter {
 public:
  explicit SuppressionCsvWriter(std::ostream& out, bool raw = false);
  void write(const analysis::Suppression& suppression);

 private:
  std::ostream& out_;
  bool raw_;
};

/// recipients.jsonl, streamed: one JSON object per line for one recipient of the window, with
/// its counts, reasons, first and last bounce, the suppression rule that applies (or null) and
/// every record it had (date, reason, bounce, status, reply code, remote MTA, origin), oldest first.
void write_recipient_jsonl(std::ostream& out, const analysis::RecipientHistory& history,
                           const analysis::Suppression* suppression);

/// report.html: one self-contained page (inline SVG charts, inline script for the sortable
/// table, no network). `suppressions` is the head of the list shown in the table (the CSV
/// holds all of it); `suppressed_total` says how many there are in all.
void write_html(std::ostream& out, const analysis::Summary& summary,
                const std::vector<analysis::Suppression>& suppressions, std::uint64_t suppressed_total);

/// A file written under a temporary name in the same folder and renamed into place by
/// commit(); destroyed without commit(), it removes the temporary file. The temporary file is
/// created with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600, and written, fsynced and given its
/// final mode (0666 less the umask) through the descriptor that created it: it is never
/// reopened by name (docs/security.md).
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  std::ostream& stream() { return out_; }
  /// Flushes, fsyncs and renames; false (with the file left out) if any write failed, or if
  /// the temporary name no longer names the file this object created.
  bool commit();
  /// The temporary file's path ("" when it could not be created).
  const std::filesystem::path& temporary_path() const { return temp_; }

 private:
  void discard();
  std::filesystem::path path_, temp_;
  int fd_ = -1;
  std::unique_ptr<std::streambuf> buffer_;
  std::ostream out_{nullptr};
  bool committed_ = false;
};

}  // namespace bouncekit::report
