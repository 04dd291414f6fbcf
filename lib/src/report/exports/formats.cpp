// The export formats by name (`bouncekit suppressions --format`): a table.
#include <array>

#include "report/exports/writers.hpp"

namespace bouncekit::report {
namespace {

struct Named {
  std::string_view name;
  ExportFormat format;
};

constexpr std::array<Named, 8> kFormats{{
    {"plain", ExportFormat::plain},
    {"csv", ExportFormat::csv},
    {"mailman", ExportFormat::mailman},
    {"listmonk", ExportFormat::listmonk},
    {"ses", ExportFormat::ses},
    {"sendgrid", ExportFormat::sendgrid},
    {"postmark", ExportFormat::postmark},
    {"mailchimp", ExportFormat::mailchimp},
}};

}  // namespace

std::optional<ExportFormat> export_format_named(std::string_view name) {
  for (const Named& f : kFormats)
    if (f.name == name) return f.format;
  return std::nullopt;
}

std::vector<std::string> export_format_names() {
  std::vector<std::string> names;
  for (const Named& f : kFormats) names.emplace_back(f.name);
  return names;
}

std::unique_ptr<SuppressionExport> make_suppression_export(ExportFormat format, std::ostream& out, bool csv_raw) {
  switch (format) {
    case ExportFormat::plain: return exports::make_plain(out);
    case ExportFormat::csv: return exports::make_csv(out, csv_raw);
    case ExportFormat::mailman: return exports::make_mailman(out);
    case ExportFormat::listmonk: return exports::make_listmonk(out);
    case ExportFormat::ses: return exports::make_ses(out);
    case ExportFormat::sendgrid: return exports::make_sendgrid(out);
    case ExportFormat::postmark: return exports::make_postmark(out);
    case ExportFormat::mailchimp: return exports::make_mailchimp(out);
  }
  return exports::make_plain(out);
}

}  // namespace bouncekit::report
