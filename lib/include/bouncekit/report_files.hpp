// bouncekit/report_files.hpp — writing a Summary and the suppression list for people and machines.
//
// Each writer takes an open stream; the nightly job (bouncekit/nightly.hpp) writes the files
// of --out DIR through AtomicFile into a new set folder and switches DIR to it at the end, so a
// crash never leaves half a report, or a mix of two, behind (docs/report.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <streambuf>
#include <string_view>
#include <ostream>
#include <string>
#include <vector>

#include "bouncekit/analysis.hpp"

namespace bouncekit::report {

/// Aligned text tables for a person at a terminal: totals, top domains, top reasons, providers.
void write_summary_text(std::ostream& out, const analysis::Summary& summary);
/// summary.json: the whole Summary as one JSON document (schema in docs/report.md).
void write_summary_json(std::ostream& out, const analysis::Summary& summary);
/// domains.csv, providers.csv and lists.csv: one line per group. Every CSV writer here replaces control
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

/// changes.csv, streamed: address, change, reason, rule, why, first_bounce, last_bounce: each
/// address that joined or left the suppression list since the previous recorded run.
class ChangesCsvWriter {
 public:
  explicit ChangesCsvWriter(std::ostream& out, bool raw = false);
  void write(const analysis::AddressChange& change);

 private:
  std::ostream& out_;
  bool raw_;
};

/// watch.csv, streamed: address, soft_count, first_bounce, last_bounce, last_reason,
/// more_bounces, not_before, needs: the addresses that soft-bounce but are not suppressed yet.
class WatchCsvWriter {
 public:
  explicit WatchCsvWriter(std::ostream& out, bool raw = false);
  void write(const analysis::Watch& watch);

 private:
  std::ostream& out_;
  bool raw_;
};

/// The "Changes since the previous run" lines of the text summary (write_summary_text calls it).
void write_changes_text(std::ostream& out, const analysis::Summary& summary);

/// The suppression list as a list manager or an ESP imports it (`bouncekit suppressions
/// --format`; docs/list-managers.md cites each consumer's documentation).
enum class ExportFormat {
  plain,      ///< one address per line, nothing else (suppressions.txt)
  csv,        ///< suppressions.csv's columns
  mailman,    ///< Mailman 3 `mailman delmembers -f FILE` / `addmembers`: one address per line
  listmonk,   ///< listmonk subscriber import CSV (email,name,attributes), imported in blocklist mode
  ses,        ///< Amazon SES bulk suppression import: emailAddress,reason (BOUNCE|COMPLAINT), no header
  sendgrid,   ///< SendGrid POST /v3/asm/suppressions/global bodies, one JSON document per line
  postmark,   ///< Postmark POST /message-streams/{stream}/suppressions bodies, one per line
  mailchimp,  ///< Mailchimp POST /lists/{list_id} batch bodies (status unsubscribed), one per line
};

/// The format named `name` ("plain", "csv", ...); nullopt when there is none.
std::optional<ExportFormat> export_format_named(std::string_view name);
/// Every format name, in ExportFormat order.
std::vector<std::string> export_format_names();

/// Writes one suppression list in one ExportFormat, streamed. Addresses a format cannot carry
/// faithfully (control characters, no @; for Mailman also specials outside quotes that its
/// parser would cut at) are left out and counted in skipped(); suppressions.csv (`csv`) keeps
/// every address, as the evidence file.
class SuppressionExport {
 public:
  virtual ~SuppressionExport() = default;
  /// Writes (or buffers, for the JSON batch formats) one suppression.
  virtual void write(const analysis::Suppression& suppression) = 0;
  /// Writes what is still buffered; call once after the last write().
  virtual void finish() {}
  std::uint64_t written() const { return written_; }
  std::uint64_t skipped() const { return skipped_; }

 protected:
  std::uint64_t written_ = 0, skipped_ = 0;
};

/// A writer of `format` to `out`. `csv_raw` only matters for `csv` (the import formats are for
/// programs, not spreadsheets, and always hold the address as written).
std::unique_ptr<SuppressionExport> make_suppression_export(ExportFormat format, std::ostream& out,
                                                           bool csv_raw = false);

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
