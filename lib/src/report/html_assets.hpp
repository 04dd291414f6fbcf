// The fixed parts of report.html: its style sheet and its small scripts, inline so the page
// needs nothing from the network.
#pragma once

#include <string_view>

namespace bouncekit::report::html_assets {

/// The Content-Security-Policy of the page: nothing may load from anywhere; only the inline
/// style and scripts run.
extern const std::string_view kContentSecurityPolicy;
/// Style sheet (screen and print).
extern const std::string_view kStyle;
/// First script in <head>: catches errors, CSP violations and console.error into the page.
extern const std::string_view kErrorCatcher;
/// Script before the last: filters the suppression table as the user types, and by domain when
/// a domain link is followed. Without script the box stays hidden and every row is shown.
extern const std::string_view kSuppressionFilter;
/// Last script in <body>: sortable tables, and the self-check the browser test reads.
extern const std::string_view kTableSortAndSelfCheck;

}  // namespace bouncekit::report::html_assets
