// Escaping text for HTML and SVG (element content and quoted attribute values alike).
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::report {

/// `text` with & < > " ' as character references, and control characters other than tab,
/// line feed and carriage return as U+FFFD (they are not allowed in HTML text).
std::string html_escape(std::string_view text);
/// Appends html_escape(text) to `out`.
void append_html_escaped(std::string& out, std::string_view text);

}  // namespace bouncekit::report
