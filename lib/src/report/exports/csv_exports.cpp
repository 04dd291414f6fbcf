// CSV imports (RFC 4180 quoting, report/csv.hpp).
//
// csv: suppressions.csv's columns (report/suppression_csv.cpp), every address kept.
// listmonk: its subscriber import (listmonk documentation, "Importing subscribers" and
//   API "Import": a header row with the columns email, name, attributes; attributes a JSON
//   object). Imported with mode "blocklist", the addresses are blocklisted and unsubscribed from
//   every list. listmonk wants a name: the local part stands in for it. The attributes say why:
//   {"bouncekit": {"reason": ..., "rule": ..., "last_bounce": ...}}.
// ses: Amazon SES's bulk add to the account-level suppression list (SES Developer Guide,
//   "Using the Amazon SES account-level suppression list", bulk actions; CreateImportJob with
//   SuppressionListDestination): one line per address, `address,REASON`, REASON being BOUNCE or
//   COMPLAINT, no header row. A complaint (rule "feedback") is COMPLAINT, the rest BOUNCE.
// The import formats are read by programs, not spreadsheets: their cells are written as they
// are (no formula guard, which would change the address).
#include <string>

#include "report/csv.hpp"
#include "report/exports/exportable.hpp"
#include "report/exports/writers.hpp"
#include "report/json_string.hpp"

namespace bouncekit::report::exports {
namespace {

class CsvExport : public SuppressionExport {
 public:
  CsvExport(std::ostream& out, bool raw) : writer_(out, raw) {}
  void write(const analysis::Suppression& s) override {
    writer_.write(s);
    ++written_;
  }

 private:
  SuppressionCsvWriter writer_;
};

class ListmonkExport : public SuppressionExport {
 public:
  explicit ListmonkExport(std::ostream& out) : out_(out) { write_csv_row(out_, {"email", "name", "attributes"}, true); }
  void write(const analysis::Suppression& s) override {
    if (!is_exportable(s.recipient)) {
      ++skipped_;
      return;
    }
    const std::string name = s.recipient.substr(0, s.recipient.rfind('@'));
    std::string attributes = "{\"bouncekit\":{\"reason\":";
    detail::append_json_string(attributes, s.reason);
    attributes += ",\"rule\":";
    detail::append_json_string(attributes, s.rule);
    attributes += ",\"last_bounce\":";
    detail::append_json_string(attributes, s.last_bounce);
    attributes += "}}";
    write_csv_row(out_, {s.recipient, name, attributes}, true);
    ++written_;
  }

 private:
  std::ostream& out_;
};

class SesExport : public SuppressionExport {
 public:
  explicit SesExport(std::ostream& out) : out_(out) {}
  void write(const analysis::Suppression& s) override {
    if (!is_exportable(s.recipient)) {
      ++skipped_;
      return;
    }
    write_csv_row(out_, {s.recipient, s.rule == "feedback" ? "COMPLAINT" : "BOUNCE"}, true);
    ++written_;
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<SuppressionExport> make_csv(std::ostream& out, bool raw) { return std::make_unique<CsvExport>(out, raw); }
std::unique_ptr<SuppressionExport> make_listmonk(std::ostream& out) { return std::make_unique<ListmonkExport>(out); }
std::unique_ptr<SuppressionExport> make_ses(std::ostream& out) { return std::make_unique<SesExport>(out); }

}  // namespace bouncekit::report::exports
