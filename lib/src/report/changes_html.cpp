// report.html's "Changes since the previous run" section and the "new" marker of the suppression table.
#include "report/changes_html.hpp"

#include "report/html_escape.hpp"

namespace bouncekit::report {
namespace {

// Address changes shown on the page; changes.csv holds all of them.
constexpr std::size_t kHtmlChanges = 200;

std::string esc(std::string_view s) { return html_escape(s); }
std::string n(std::uint64_t v) { return std::to_string(v); }

std::string signed_difference(std::uint64_t previous, std::uint64_t current) {
  return current >= previous ? "+" + n(current - previous) : "&minus;" + n(previous - current);
}

void names(std::string& out, std::string_view label, const std::vector<std::string>& list) {
  if (list.empty()) return;
  out += "<p>" + esc(label) + " ";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + std::string("<b>") + esc(list[i]) + "</b>";
  out += "</p>\n";
}

}  // namespace

std::string new_tonight_marker(const analysis::Suppression& s) {
  return s.new_tonight ? " <span class=\"new-tonight\" title=\"not on the previous run's list\">new</span>" : "";
}

void append_changes_section(std::string& out, const analysis::Summary& s) {
  const analysis::Changes& c = s.changes;
  if (!c.computed) return;
  out += "<h2 id=\"changes\">Changes since the previous run</h2>\n";
  // A run scoped to one list compares with that list's previous run (docs/report.md).
  const std::string of_list = c.list.empty() ? std::string() : " of list <b>" + esc(c.list) + "</b>";
  if (c.first_run) {
    out += "<p>First recorded run" + of_list + ": there is nothing earlier to compare with, so " +
           (c.added == 0 ? std::string("no address is suppressed yet")
                         : "every suppressed address is new (" + n(c.added) + ")") +
           ". On the watch list (watch.csv): " + n(c.watched) + ".</p>\n";
  } else {
    out += "<p>Since the previous run" + of_list + " (" + esc(c.previous_run) + "): <b>" + n(c.added) + "</b> newly suppressed, <b>" +
           n(c.removed) + "</b> left the list";
    if (!c.removed_by_why.empty()) {
      out += " (";
      bool first = true;
      for (const auto& [why, count] : c.removed_by_why) {
        out += (first ? "" : ", ") + n(count) + " " + esc(why);
        first = false;
      }
      out += ")";
    }
    out += ". On the watch list (watch.csv): " + n(c.watched) + ".</p>\n";
    names(out, "Domains newly refusing for sender-side reasons:", c.new_sender_side_domains);
    names(out, "Providers newly refusing for sender-side reasons:", c.new_sender_side_providers);
    names(out, "Domains no longer refusing for sender-side reasons:", c.cleared_sender_side_domains);
    names(out, "Providers no longer refusing for sender-side reasons:", c.cleared_sender_side_providers);
    out += "<table id=\"count-changes\"><thead><tr><th>count</th><th class=\"num\">previous</th><th class=\"num\">now"
           "</th><th class=\"num\">change</th></tr></thead><tbody>\n";
    for (const analysis::CountChange& count : c.counts)
      out += "<tr><td>" + esc(count.name) + "</td><td class=\"num\">" + n(count.previous) + "</td><td class=\"num\">" +
             n(count.current) + "</td><td class=\"num\">" + signed_difference(count.previous, count.current) +
             "</td></tr>\n";
    out += "</tbody></table>\n";
  }
  // On a first run every suppression is new: the suppression table marks them all.
  if (c.head.empty() || c.first_run) return;
  const std::uint64_t total = c.added + c.removed;
  const std::size_t shown = std::min<std::size_t>(c.head.size(), kHtmlChanges);
  if (total > shown) out += "<p class=\"note\">Showing " + n(shown) + " of " + n(total) + " changes; all are in changes.csv.</p>\n";
  // data-complete: the table lists every change (the browser test compares it with the marks).
  out += "<table id=\"address-changes\" data-complete=\"" + std::string(total > shown ? "false" : "true") +
         "\"><thead><tr><th>address</th><th>change</th><th>reason</th><th>why</th>"
         "<th>first bounce</th><th>last bounce</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const analysis::AddressChange& a = c.head[i];
    out += "<tr class=\"change-" + std::string(a.change == "added" ? "added" : "removed") + "\"><td class=\"wrap\">" +
           esc(a.address) + "</td><td>" + esc(a.change) + "</td><td>" + esc(a.reason) + "</td><td>" + esc(a.why) +
           "</td><td class=\"date\">" + esc(a.first_bounce) + "</td><td class=\"date\">" + esc(a.last_bounce) +
           "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

}  // namespace bouncekit::report
