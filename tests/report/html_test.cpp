// report.html as text: escaping, self-containment, the charts and tables it holds.
// (tests/browser checks the same page in a real browser.)
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "bouncekit/report_files.hpp"
#include "report/html_escape.hpp"
#include "report/sample_summary.hpp"

namespace an = bouncekit::analysis;
namespace rp = bouncekit::report;

namespace {

std::string page(const an::Summary& s, const std::vector<an::Suppression>& list = {}, std::uint64_t total = 0) {
  std::ostringstream out;
  rp::write_html(out, s, list, total);
  return out.str();
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

an::Suppression suppression(std::string address) {
  an::Suppression s;
  s.recipient = std::move(address);
  s.reason = "userunknown";
  s.rule = "hard";
  s.first_bounce = s.last_bounce = "2026-11-21T02:00:00Z";
  s.count = 1;
  s.evidence = "/var/mail/bounces.mbox#1@0";
  return s;
}

}  // namespace

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(rp::html_escape("plain text"), "plain text");
  EXPECT_EQ(rp::html_escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(rp::html_escape("a & b \"c\""), "a &amp; b &quot;c&quot;");
  EXPECT_EQ(rp::html_escape("&amp;"), "&amp;amp;");
}

TEST(HtmlEscape, KeepsUtf8AndLineBreaksReplacesControlCharacters) {
  EXPECT_EQ(rp::html_escape("caf\xC3\xA9\tx\r\ny"), "caf\xC3\xA9\tx\r\ny");
  EXPECT_EQ(rp::html_escape(std::string("a\0b\x1b", 4)), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
}

TEST(HtmlReport, IsOneSelfContainedPage) {
  auto html = page(bouncekit::test::sample_summary());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;"),
            std::string::npos);
  // Nothing refers to another resource: no external script, style, image or font.
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  // The only addresses are links a reader may follow (block lists' delisting pages): never loaded.
  EXPECT_GT(count(html, "https://"), 0u);
  EXPECT_EQ(count(html, "https://"), count(html, "<a href=\"https://"));
  EXPECT_EQ(html.find("<link rel=\"stylesheet\""), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
}

TEST(HtmlReport, DrawsEveryChartWhenThereIsDataForIt) {
  auto html = page(bouncekit::test::sample_summary());
  // reasons, domains, owners, per day, providers, sender-side refusals per day
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 6u);
  EXPECT_NE(html.find("data-charts-expected=\"6\""), std::string::npos);
  EXPECT_NE(html.find("Bounces per reason"), std::string::npos);
  EXPECT_NE(html.find("Who must act"), std::string::npos);
  EXPECT_NE(html.find("Bounces per day"), std::string::npos);
  EXPECT_NE(html.find("Mailbox providers"), std::string::npos);
}

TEST(HtmlReport, LeavesOutThePerDayChartForOneDayAndProvidersWhenNone) {
  auto s = bouncekit::test::sample_summary();
  s.per_day = {{"2026-11-21", 34}};
  s.providers.clear();
  s.sender_side_per_day.clear();
  auto html = page(s);
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 3u);
  EXPECT_NE(html.find("data-charts-expected=\"3\""), std::string::npos);
}

TEST(HtmlReport, EmptySummaryHasNoChartsButIsAPage) {
  auto html = page({});
  EXPECT_EQ(count(html, "<svg"), 0u);
  EXPECT_NE(html.find("data-charts-expected=\"0\""), std::string::npos);
  EXPECT_NE(html.find("No address to suppress"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(HtmlReport, EveryStringFromTheDataIsEscaped) {
  auto s = bouncekit::test::sample_summary();
  s.domains[0].name = "<img src=x onerror=alert(1)>";
  s.domains[0].example_diagnostics = {"</script><script>alert(2)</script>"};
  s.reasons["<b>bold</b>"] = 1;
  s.generated_at = "\"><svg onload=alert(3)>";
  s.providers[0].name = "<i>provider</i>";
  auto html = page(s, {suppression("<u>x</u>@example.com")}, 1);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<b>bold"), std::string::npos);
  EXPECT_EQ(html.find("<svg onload"), std::string::npos);
  EXPECT_EQ(html.find("<i>provider"), std::string::npos);
  EXPECT_EQ(html.find("<u>x"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;u&gt;x&lt;/u&gt;@example.com"), std::string::npos);
  // The page's own scripts are the only ones.
  EXPECT_EQ(count(html, "<script>"), 3u);
}

TEST(HtmlReport, SuppressionTableIsSortableAndSaysHowManyInAll) {
  std::vector<an::Suppression> list{suppression("b@example.com"), suppression("a@example.com")};
  auto html = page(bouncekit::test::sample_summary(), list, 250);
  EXPECT_NE(html.find("<table class=\"sortable\" id=\"suppressions\">"), std::string::npos);
  EXPECT_NE(html.find("<th class=\"num\" data-type=\"number\"><button type=\"button\">count</button></th>"),
            std::string::npos);
  EXPECT_NE(html.find("Showing 2 of 250 addresses"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"addr\">b@example.com</td>"), std::string::npos);
}

TEST(HtmlReport, WhoIsBlockingMeTableAndChart) {
  auto html = page(bouncekit::test::sample_summary());
  EXPECT_NE(html.find("<h2 id=\"blocking\">Who is blocking me</h2>"), std::string::npos);
  EXPECT_NE(html.find("Sender-side refusals per day and provider"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://check.spamhaus.org/\" rel=\"noreferrer\">Spamhaus ZEN</a> (4)"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://www.barracudacentral.org/lookups\" rel=\"noreferrer\">"), std::string::npos);
  // example.com is flagged, example.org (two messages) is not: flagged rows come first.
  const auto table = html.substr(html.find("id=\"blocking-table\""));
  const auto com = table.find("data-domain=\"example.com\""), org = table.find("data-domain=\"example.org\"");
  ASSERT_NE(com, std::string::npos);
  ASSERT_NE(org, std::string::npos);
  EXPECT_EQ(count(table.substr(0, table.find("</table>")), "<td class=\"flag\">blocking</td>"), 2u);  // google, example.com
  EXPECT_NE(table.find("21.4% of 28"), std::string::npos);
  EXPECT_NE(table.find("50.0% of 6"), std::string::npos);
}

TEST(HtmlReport, NoSenderSideRefusalSaysSo) {
  auto s = bouncekit::test::sample_summary();
  for (auto* groups : {&s.domains, &s.providers})
    for (auto& g : *groups) g.sender_side = 0;
  s.sender_side_per_day.clear();
  auto html = page(s);
  EXPECT_NE(html.find("No refusal in this window is the sender's to fix."), std::string::npos);
  EXPECT_EQ(html.find("id=\"blocking-table\""), std::string::npos);
}

TEST(HtmlReport, DomainsLinkToTheirAddressesWhichNeverBreakInsideAWord) {
  std::vector<an::Suppression> list{suppression("ann@example.com"), suppression("bob@XN--R8JZ45G.jp")};
  list[1].evidence = "/var/mail/long-folder-name/cur/1763800000.M1P2:2,S";
  auto html = page(bouncekit::test::sample_summary(), list, 2);
  EXPECT_NE(html.find("<td class=\"addr\"><a class=\"domain-link\" href=\"#suppression-list\" "
                      "data-domain=\"example.com\">example.com</a></td>"),
            std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"suppression-list\">"), std::string::npos);
  // Each row names its domain in the one form the domain table uses (Unicode, lower case).
  EXPECT_NE(html.find("<tr data-domain=\"example.com\">"), std::string::npos);
  EXPECT_NE(html.find("<tr data-domain=\"\xE4\xBE\x8B\xE3\x81\x88.jp\">"), std::string::npos);
  // The path is whole; a line may break only after a '/'.
  EXPECT_NE(html.find("<td class=\"path\"><span>/</span><wbr><span>var/</span><wbr><span>mail/</span><wbr>"
                      "<span>long-folder-name/</span><wbr><span>cur/</span><wbr><span>1763800000.M1P2:2,S</span><wbr></td>"),
            std::string::npos);
  EXPECT_NE(html.find("td.addr, td.path > span { white-space: nowrap; }"), std::string::npos);
  // The filter box is hidden until its script shows it, so a page without script has no dead control.
  EXPECT_NE(html.find("id=\"suppressions-filter-bar\" hidden>"), std::string::npos);
  EXPECT_EQ(html.find("<tr hidden"), std::string::npos);
}

// Issue 18: entries new tonight are marked; the changes section appears when the job compared.
TEST(HtmlReport, NewTonightIsMarkedAndChangesAreShown) {
  std::vector<an::Suppression> list{suppression("a@example.com"), suppression("b@example.com")};
  list[1].new_tonight = true;
  auto s = bouncekit::test::sample_summary();
  auto html = page(s, list, 2);
  EXPECT_NE(html.find("<tr data-domain=\"example.com\"><td class=\"addr\">a@example.com</td>"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"new-tonight\" data-domain=\"example.com\"><td class=\"addr\">b@example.com <span class=\"new-tonight\""),
            std::string::npos);
  EXPECT_EQ(html.find("Changes since the previous run"), std::string::npos) << "not computed: nothing to say";

  s.changes.computed = true;
  s.changes.first_run = false;
  s.changes.previous_run = "2026-11-21T02:30:00Z";
  s.changes.added = 1;
  s.changes.removed = 1;
  s.changes.removed_by_why = {{"forgotten", 1}};
  s.changes.new_sender_side_domains = {"<b>x.example"};
  s.changes.counts = {{"suppressed", 3, 2}};
  s.changes.head = {{"b@example.com", "added", "userunknown", "hard", "new", "", ""},
                    {"c@example.com", "removed", "mailboxfull", "soft-repeated", "forgotten", "", ""}};
  html = page(s, list, 2);
  EXPECT_NE(html.find("<b>1</b> newly suppressed, <b>1</b> left the list (1 forgotten)"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;x.example"), std::string::npos) << "names from mail are escaped";
  EXPECT_NE(html.find("<td class=\"num\">3</td><td class=\"num\">2</td><td class=\"num\">&minus;1</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr class=\"change-removed\"><td class=\"wrap\">c@example.com</td>"), std::string::npos);

  s.changes.first_run = true;
  s.changes.added = 2;
  html = page(s, list, 2);
  EXPECT_NE(html.find("First recorded run: there is nothing earlier to compare with, so every suppressed address is new (2)."),
            std::string::npos);
}

TEST(HtmlReport, BarsAreProportionalToTheirCounts) {
  auto s = bouncekit::test::sample_summary();
  s.reasons = {{"userunknown", 40}, {"blocked", 10}};
  auto html = page(s);
  // In the reasons chart the longest bar belongs to the largest count, a quarter as long for a quarter.
  // (Parsed by hand: std::regex trips a false -Wmaybe-uninitialized of GCC 12 under ASan.)
  std::map<std::string, double> width;
  const std::string mark = "<rect class=\"mark\"";
  for (auto pos = html.find(mark); pos != std::string::npos; pos = html.find(mark, pos + 1)) {
    auto w = html.find("width=\"", pos) + 7, title = html.find("<title>", pos) + 7;
    std::string label = html.substr(title, html.find(':', title) - title);
    if ((label == "userunknown" || label == "blocked") && !width.count(label))
      width[label] = std::stod(html.substr(w, html.find('"', w) - w));
  }
  ASSERT_EQ(width.size(), 2u);
  EXPECT_NEAR(width["blocked"] * 4, width["userunknown"], 1.0);
}

TEST(HtmlReport, PerDayChartShowsQuietDaysAsZero) {
  auto s = bouncekit::test::sample_summary();
  s.per_day = {{"2026-11-28", 10}, {"2026-12-02", 5}};
  auto html = page(s);
  for (const char* day : {"2026-11-29: 0", "2026-11-30: 0", "2026-12-01: 0", "2026-11-28: 10", "2026-12-02: 5"})
    EXPECT_NE(html.find(std::string("<title>") + day + "</title>"), std::string::npos) << day;
}

TEST(HtmlReport, AChartWithNothingToDrawIsNotExpectedToRender) {
  auto s = bouncekit::test::sample_summary();
  for (auto* groups : {&s.domains, &s.providers})
    for (auto& g : *groups) g.hard = g.soft = 0;  // complaints only: no hard or soft bars
  s.sender_side_per_day.clear();
  auto html = page(s);
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 5u);
  EXPECT_EQ(count(html, ">no data</text>"), 2u);
  EXPECT_NE(html.find("data-charts-expected=\"3\""), std::string::npos);
}
