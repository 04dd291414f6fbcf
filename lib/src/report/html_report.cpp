// report.html: the page layout. Charts come from svg_charts, the style sheet and scripts from
// html_assets; every string from the data goes through html_escape.
#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "analysis/domain_key.hpp"
#include "bouncekit/report_files.hpp"
#include "report/changes_html.hpp"
#include "report/counts.hpp"
#include "report/html_assets.hpp"
#include "report/html_escape.hpp"
#include "report/svg_charts.hpp"
#include "report/time_buckets.hpp"

namespace bouncekit::report {
namespace {

constexpr std::size_t kChartReasons = 15, kChartDomains = 12, kChartProviders = 10, kTableDomains = 25,
                      kTableBlocking = 25, kChartBlockingProviders = 4;
constexpr std::string_view kHardColor = "#b2182b", kSoftColor = "#f4a582", kBarColor = "#4a78b5",
                           kDayColor = "#5b8f5a";

// Who must act: a colour and a plain-words label per action_owner (docs/classifier.md).
struct OwnerStyle {
  std::string_view owner, label, color;
};
constexpr std::array kOwnerStyles = std::to_array<OwnerStyle>({
    {"recipient", "recipient address (clean the list)", "#0072b2"},
    {"sender", "sender infrastructure (fix sending)", "#d55e00"},
    {"message", "message content", "#cc79a7"},
    {"remote", "remote system or network", "#009e73"},
    {"", "undecided", "#999999"},
});
constexpr std::string_view kOtherOwnerColor = "#e69f00";

const OwnerStyle* owner_style(std::string_view owner) {
  for (const auto& s : kOwnerStyles)
    if (s.owner == owner) return &s;
  return nullptr;
}

std::string esc(std::string_view s) { return html_escape(s); }
std::string n(std::uint64_t v) { return std::to_string(v); }

void card(std::string& out, std::string_view cls, std::string_view label, std::uint64_t value) {
  out += "<div class=\"card " + std::string(cls) + "\"><b>" + n(value) + "</b>" + esc(label) + "</div>";
}

// `charts` counts the figures that draw something (the page's self-check expects them to render).
void figure(std::string& out, int& charts, std::string_view caption, std::string svg) {
  out += "<figure><figcaption>" + esc(caption) + "</figcaption>" + svg + "</figure>\n";
  if (svg.find("class=\"mark\"") != std::string::npos) ++charts;
}

// A sortable table header cell.
std::string th(std::string_view title, bool numeric) {
  return std::string("<th") + (numeric ? " class=\"num\" data-type=\"number\"" : " data-type=\"text\"") +
         "><button type=\"button\">" + esc(title) + "</button></th>";
}
std::string td(std::string_view text, std::string_view cls = "") {
  return "<td" + (cls.empty() ? std::string() : " class=\"" + std::string(cls) + "\"") + ">" + esc(text) + "</td>";
}
std::string td_num(std::uint64_t v) { return "<td class=\"num\">" + n(v) + "</td>"; }

// A domain as a link to its addresses in the suppression table (the page's filter script shows
// only those; without script the link goes to the table). Never broken inside the name.
std::string domain_link(std::string_view domain) {
  return "<a class=\"domain-link\" href=\"#suppression-list\" data-domain=\"" + esc(domain) + "\">" + esc(domain) + "</a>";
}
std::string td_domain(std::string_view domain) { return "<td class=\"addr\">" + domain_link(domain) + "</td>"; }

// Where a message was read, whole: a line may break after a '/' only, never inside a part.
std::string td_path(std::string_view path) {
  std::string out = "<td class=\"path\">";
  while (!path.empty()) {
    const auto slash = path.find('/');
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash + 1;
    out += "<span>" + esc(path.substr(0, end)) + "</span><wbr>";
    path.remove_prefix(end);
  }
  return out + "</td>";
}

std::string top_reason(const analysis::GroupStats& g) {
  auto reasons = by_count(g.reasons);
  return reasons.empty() ? std::string() : std::string(reasons.front().first);
}

std::vector<svg::StackedBar> hard_soft_bars(const std::vector<analysis::GroupStats>& groups, std::size_t limit) {
  // Most hard + soft first: the chart is about bounces, not records in general.
  std::vector<const analysis::GroupStats*> sorted;
  for (const auto& g : groups)
    if (g.hard + g.soft > 0) sorted.push_back(&g);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](auto* a, auto* b) { return a->hard + a->soft > b->hard + b->soft; });
  std::vector<svg::StackedBar> bars;
  for (std::size_t i = 0; i < sorted.size() && i < limit; ++i)
    bars.push_back({sorted[i]->name, {sorted[i]->hard, sorted[i]->soft}});
  return bars;
}

void charts(std::string& out, int& count, const analysis::Summary& s) {
  out += "<h2>At a glance</h2>\n<div class=\"grid\">\n";
  std::vector<svg::Bar> reasons;
  for (const auto& [reason, records] : by_count(s.reasons)) {
    if (reasons.size() == kChartReasons) break;
    reasons.push_back({reason.empty() ? "(none)" : std::string(reason), records});
  }
  figure(out, count, "Bounces per reason (records)", svg::bar_chart("Records per reason", reasons, kBarColor));

  const std::vector<svg::Series> hard_soft{{"hard", kHardColor}, {"soft", kSoftColor}};
  figure(out, count, "Top domains by hard and soft bounces",
         svg::stacked_bar_chart("Hard and soft bounces per recipient domain", hard_soft_bars(s.domains, kChartDomains),
                                hard_soft));

  std::vector<svg::Segment> owners;
  for (const auto& [owner, records] : by_count(s.owners)) {
    const OwnerStyle* style = owner_style(owner);
    owners.push_back({style ? std::string(style->label) : std::string(owner), records,
                      style ? style->color : kOtherOwnerColor});
  }
  figure(out, count, "Who must act", svg::split_bar("Records by who must act", owners));

  if (s.per_day.size() >= 2) {
    // Days for a window of up to four months, else months (or years): columns stay readable.
    TimeBuckets buckets = time_buckets(s.per_day);
    std::vector<svg::Bar> columns;
    for (auto& [period, records] : buckets.columns) columns.push_back({std::move(period), records});
    const std::string unit(buckets.unit);
    figure(out, count, "Bounces per " + unit + " (records)", svg::column_chart("Records per " + unit, columns, kDayColor));
  }
  if (!s.providers.empty())
    figure(out, count, "Mailbox providers by hard and soft bounces",
           svg::stacked_bar_chart("Hard and soft bounces per provider", hard_soft_bars(s.providers, kChartProviders),
                                  hard_soft));
  out += "</div>\n";
}

void groups_table(std::string& out, std::string_view id, std::string_view name_title,
                  const std::vector<analysis::GroupStats>& groups, std::size_t limit, bool with_suppressed) {
  out += "<div class=\"scroll\"><table class=\"sortable\" id=\"" + std::string(id) + "\"><thead><tr>" + th(name_title, false) +
         th("messages", true) + th("records", true) + th("hard", true) + th("soft", true);
  if (with_suppressed) out += th("suppressed", true);
  out += th("top reason", false) + th("blocking me", false) + th("example diagnostic", false) +
         "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < groups.size() && i < limit; ++i) {
    const auto& g = groups[i];
    out += "<tr>" + (with_suppressed ? td_domain(g.name) : td(g.name, "addr")) + td_num(g.messages) + td_num(g.records) + td_num(g.hard) + td_num(g.soft);
    if (with_suppressed) out += td_num(g.suppressed);
    out += td(top_reason(g)) + (g.sender_side_flag ? td("yes", "flag") : td("")) +
           td(g.example_diagnostics.empty() ? std::string_view{} : g.example_diagnostics.front(), "wrap") + "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (groups.size() > limit)
    out += "<p class=\"note\">Showing " + n(limit) + " of " + n(groups.size()) + "; all of them are in the CSV.</p>\n";
}

// "Who is blocking me" (docs/report.md): the share of each provider's and domain's records whose
// fix is the sender's, the block lists their refusals name, and sender-side refusals per day.
constexpr std::array kSeriesColors = std::to_array<std::string_view>({"#d55e00", "#0072b2", "#009e73", "#cc79a7"});
constexpr std::string_view kOtherSeriesColor = "#999999";

// Sender-side records per day (or month, year) for the providers with most of them, the rest as "other".
void blocking_chart(std::string& out, int& count, const analysis::Summary& s) {
  std::map<std::string, std::uint64_t> total_per_day, per_provider;
  for (const auto& [provider, days] : s.sender_side_per_day)
    for (const auto& [day, records] : days) {
      total_per_day[day] += records;
      if (provider != "(none)") per_provider[provider] += records;
    }
  if (total_per_day.empty()) return;
  TimeBuckets buckets = time_buckets(total_per_day);
  if (buckets.columns.empty()) return;
  const std::size_t key_length = buckets.unit == "day" ? 10 : buckets.unit == "month" ? 7 : 4;
  std::map<std::string, std::size_t> column_of;
  std::vector<svg::StackedBar> columns;
  for (const auto& [period, records] : buckets.columns) {
    column_of[period] = columns.size();
    columns.push_back({period, {}});
  }
  std::vector<svg::Series> series;
  std::map<std::string, std::size_t> series_of;
  for (const auto& [provider, records] : by_count(per_provider)) {
    if (series.size() == kChartBlockingProviders) break;
    series_of[std::string(provider)] = series.size();
    series.push_back({std::string(provider), kSeriesColors[series.size()]});
  }
  const std::size_t other = series.size();
  bool any_other = false;
  for (auto& c : columns) c.parts.assign(other + 1, 0);
  for (const auto& [provider, days] : s.sender_side_per_day) {
    auto found = series_of.find(provider);
    const std::size_t part = found == series_of.end() ? other : found->second;
    for (const auto& [day, records] : days) {
      auto column = column_of.find(day.substr(0, key_length));
      if (column == column_of.end()) continue;
      columns[column->second].parts[part] += records;
      any_other |= part == other;
    }
  }
  if (any_other) series.push_back({"other or unknown", kOtherSeriesColor});
  const std::string unit(buckets.unit);
  figure(out, count, "Refusals the sender must fix, per " + unit + " (records)",
         svg::stacked_column_chart("Sender-side refusals per " + unit + " and provider", columns, series));
}

std::string list_links(const analysis::GroupStats& g) {
  std::string out;
  for (const auto& [name, records] : by_count(g.blocklists)) {
    if (!out.empty()) out += ", ";
    const analysis::BlockList* list = analysis::block_list(name);
    const std::string title = list ? std::string(list->title) : std::string(name);
    if (list && !list->lookup_url.empty())
      out += "<a href=\"" + esc(list->lookup_url) + "\" rel=\"noreferrer\">" + esc(title) + "</a>";
    else
      out += "<span title=\"" + esc(list ? list->note : std::string_view{}) + "\">" + esc(title) + "</span>";
    out += " (" + n(records) + ")";
  }
  return out;
}

void blocking_section(std::string& out, int& count, const analysis::Summary& s) {
  struct Row {
    const analysis::GroupStats* group;
    bool domain;
  };
  std::vector<Row> rows;
  for (const auto& g : s.providers)
    if (g.sender_side > 0) rows.push_back({&g, false});
  for (const auto& g : s.domains)
    if (g.sender_side > 0) rows.push_back({&g, true});
  out += "<h2 id=\"blocking\">Who is blocking me</h2>\n";
  if (rows.empty()) {
    out += "<p class=\"muted\">No refusal in this window is the sender's to fix.</p>\n";
    return;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.group->sender_side_flag != b.group->sender_side_flag) return a.group->sender_side_flag;
    return a.group->sender_side > b.group->sender_side;
  });
  const analysis::BlockingThreshold& threshold = s.blocking;
  out += "<p class=\"note\">Refusals whose fix is the sender's (owner &ldquo;sender&rdquo;: blocked, bad reputation, "
         "authentication, ...). A provider or domain is marked <b>blocking</b> when at least " +
         n(threshold.min_messages) + " bounce messages and at least " + n(threshold.min_share_percent) +
         "% of its records in this window are such refusals. Block lists link to their lookup and delisting pages.</p>\n";
  blocking_chart(out, count, s);
  out += "<div class=\"scroll\"><table class=\"sortable\" id=\"blocking-table\"><thead><tr>" +
         th("provider or domain", false) + th("kind", false) + th("blocking", false) + th("sender-side records", true) +
         th("share", true) + th("messages", true) + th("block lists named", false) + "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < rows.size() && i < kTableBlocking; ++i) {
    const auto& g = *rows[i].group;
    const std::string share = percent(g.sender_side, g.records);
    out += "<tr>" + (rows[i].domain ? td_domain(g.name) : td(g.name, "addr")) +
           td(rows[i].domain ? "domain" : "provider") + (g.sender_side_flag ? td("blocking", "flag") : td("")) +
           td_num(g.sender_side) + "<td class=\"num\" data-value=\"" + esc(share.substr(0, share.size() - 1)) + "\">" +
           esc(share) + " of " + n(g.records) + "</td>" + td_num(g.sender_side_messages) + "<td>" + list_links(g) +
           "</td></tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (rows.size() > kTableBlocking)
    out += "<p class=\"note\">Showing " + n(kTableBlocking) + " of " + n(rows.size()) +
           "; every group's counts are in summary.json, domains.csv and providers.csv.</p>\n";
}

void suppression_table(std::string& out, const std::vector<analysis::Suppression>& list, std::uint64_t total) {
  out += "<h2 id=\"suppression-list\">Suppression list</h2>\n";
  if (list.empty()) {
    out += "<p class=\"muted\">No address to suppress in this window.</p>\n";
    return;
  }
  out += "<p class=\"note\"><span class=\"screen-only\">Click a column header to sort. </span>";
  if (total > list.size()) out += "Showing " + n(list.size()) + " of " + n(total) + " addresses. ";
  out += "The full list is in suppressions.csv.</p>\n";
  // Shown by the filter script; without script there is nothing to type into.
  out += "<p class=\"filter screen-only\" id=\"suppressions-filter-bar\" hidden><label>Filter "
         "<input type=\"search\" id=\"suppressions-filter\" autocomplete=\"off\" spellcheck=\"false\" "
         "placeholder=\"address, domain, reason...\"></label> <span id=\"suppressions-shown\" class=\"note\"></span></p>\n";
  out += "<div class=\"scroll\"><table class=\"sortable\" id=\"suppressions\"><thead><tr>" + th("address", false) + th("reason", false) +
         th("rule", false) + th("first bounce", false) + th("last bounce", false) + th("count", true) +
         th("evidence", false) + "</tr></thead><tbody>\n";
  for (const auto& s : list) {
    const auto at = s.recipient.rfind('@');
    const std::string domain = at == std::string::npos ? std::string() : analysis::domain_key(s.recipient.substr(at + 1));
    out += std::string(s.new_tonight ? "<tr class=\"new-tonight\"" : "<tr") + " data-domain=\"" + esc(domain) +
           "\"><td class=\"addr\">" + esc(s.recipient) + new_tonight_marker(s) + "</td>" + td(s.reason) + td(s.rule) +
           td(s.first_bounce, "date") + td(s.last_bounce, "date") + td_num(s.count) + td_path(s.evidence) + "</tr>\n";
  }
  out += "</tbody></table></div>\n";
}

}  // namespace

void write_html(std::ostream& stream, const analysis::Summary& s,
                const std::vector<analysis::Suppression>& suppressions, std::uint64_t suppressed_total) {
  std::string body;
  int chart_count = 0;
  body += "<header><h1>Bounce report</h1><p class=\"sub\">";
  body += s.since.empty() ? std::string("All history") : "Since " + esc(s.since);
  if (!s.generated_at.empty()) body += " &middot; generated " + esc(s.generated_at);
  body += "</p></header>\n<pre id=\"page-errors\" hidden></pre>\n<div class=\"cards\">";
  card(body, "", "bounce messages", s.messages);
  card(body, "", "failed-recipient records", s.records);
  card(body, "hard", "hard bounces", s.hard);
  card(body, "", "soft bounces", s.soft);
  card(body, "", "recipients", s.recipients);
  card(body, "suppressed", "addresses to suppress", s.suppressed);
  body += "</div>\n<p class=\"note\">This run read " + n(s.run_read) + " messages (" + n(s.run_new_messages) +
          " new, " + n(s.run_already_counted) + " already counted): " + n(s.run_bounces) + " bounces, " +
          n(s.run_non_bounces) + " non-bounces, " + n(s.run_undecodable) + " undecodable.</p>\n";

  if (s.records > 0) charts(body, chart_count, s);
  blocking_section(body, chart_count, s);
  append_changes_section(body, s);  // report/changes_html.cpp
  suppression_table(body, suppressions, suppressed_total);
  body += "<h2>Recipient domains</h2>\n";
  groups_table(body, "domains", "domain", s.domains, kTableDomains, true);
  if (!s.providers.empty()) {
    body += "<h2>Mailbox providers</h2>\n";
    groups_table(body, "providers", "provider", s.providers, s.providers.size(), false);
  }
  body += "<footer>Written by bouncekit. Reasons and who must act: docs/classifier.md; fields and the suppression "
          "policy: docs/report.md.</footer>\n";

  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"0\" data-charts-expected=\"" +
          std::to_string(chart_count) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + esc(html_assets::kContentSecurityPolicy) + "\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<link rel=\"icon\" href=\"data:,\">\n<title>Bounce report";
  if (!s.generated_at.empty()) page += " " + esc(s.generated_at);
  page += "</title>\n<script>" + std::string(html_assets::kErrorCatcher) + "</script>\n<style>" +
          std::string(html_assets::kStyle) + "</style>\n</head>\n<body>\n";
  page += body;
  page += "<script>" + std::string(html_assets::kSuppressionFilter) + "</script>\n";
  page += "<script>" + std::string(html_assets::kTableSortAndSelfCheck) + "</script>\n</body>\n</html>\n";
  stream << page;
}

}  // namespace bouncekit::report
