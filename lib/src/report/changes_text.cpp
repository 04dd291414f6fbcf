// The text summary's "Changes since the previous run" lines (docs/report.md, "Changes since the
// previous run"): how the suppression list moved, which groups newly refuse our mail for
// sender-side reasons, and each headline count then and now.
#include <string>

#include "bouncekit/report_files.hpp"
#include "report/text_table.hpp"
#include "util/safe_text.hpp"

namespace bouncekit::report {
namespace {

constexpr std::size_t kTextChanges = 20;

std::string signed_difference(std::uint64_t previous, std::uint64_t current) {
  if (current >= previous) return "+" + std::to_string(current - previous);
  return "-" + std::to_string(previous - current);
}

void names_line(std::ostream& out, const char* label, const std::vector<std::string>& names) {
  if (names.empty()) return;
  out << label << ' ';
  for (std::size_t i = 0; i < names.size(); ++i) out << (i ? ", " : "") << util::replace_unsafe(names[i]);
  out << '\n';
}

}  // namespace

void write_changes_text(std::ostream& out, const analysis::Summary& s) {
  const analysis::Changes& c = s.changes;
  if (!c.computed) return;
  out << '\n';
  // A run scoped to one list compares with that list's previous run (docs/report.md).
  const std::string of_list = c.list.empty() ? std::string() : " of list " + util::replace_unsafe(c.list);
  if (c.first_run) {
    out << "Changes: first recorded run" << of_list << ", nothing earlier to compare with: ";
    if (c.added == 0)
      out << "no address is suppressed";
    else
      out << "every suppressed address is new (" << c.added << ")";
    out << "; " << c.watched << " on the watch list\n";
  } else {
    out << "Changes since the previous run" << of_list << " (" << c.previous_run << "): " << c.added
        << " newly suppressed, "
        << c.removed << " left the list";
    if (!c.removed_by_why.empty()) {
      out << " (";
      bool first = true;
      for (const auto& [why, count] : c.removed_by_why) {
        out << (first ? "" : ", ") << count << ' ' << why;
        first = false;
      }
      out << ')';
    }
    out << '\n';
    names_line(out, "Domains newly refusing for sender-side reasons:", c.new_sender_side_domains);
    names_line(out, "Providers newly refusing for sender-side reasons:", c.new_sender_side_providers);
    names_line(out, "Domains no longer refusing for sender-side reasons:", c.cleared_sender_side_domains);
    names_line(out, "Providers no longer refusing for sender-side reasons:", c.cleared_sender_side_providers);
    using Align = TextTable::Align;
    TextTable counts({{"count", Align::left}, {"previous", Align::right}, {"now", Align::right},
                      {"change", Align::right}});
    for (const analysis::CountChange& count : c.counts)
      counts.add_row({count.name, std::to_string(count.previous), std::to_string(count.current),
                      signed_difference(count.previous, count.current)});
    counts.write(out);
  }
  // On a first run every suppression is new: the count says it, suppressions.csv lists them.
  if (c.head.empty() || c.first_run) return;
  out << "\nAddress changes";
  const std::uint64_t total = c.added + c.removed;
  if (total > kTextChanges) out << " (first " << kTextChanges << " of " << total << "; all in changes.csv)";
  out << '\n';
  using Align = TextTable::Align;
  TextTable table({{"address", Align::left}, {"change", Align::left}, {"reason", Align::left}, {"why", Align::left}});
  for (std::size_t i = 0; i < c.head.size() && i < kTextChanges; ++i)
    table.add_row({c.head[i].address, c.head[i].change, c.head[i].reason, c.head[i].why});
  table.write(out);
}

}  // namespace bouncekit::report
