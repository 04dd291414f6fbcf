// HTML reduced to plain text, for bounces whose only readable part is HTML.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::decode {

/// The text of an HTML document: tags dropped, block elements (p, div, br, tr,
/// li, headings, ...) turned into line breaks and table cells into blanks, the
/// content of script, style, head and comments left out, white space collapsed
/// as a browser does (source line breaks kept only inside pre), and the common named
/// entities and every numeric entity (&#233; &#xE9;) decoded to UTF-8. One pass
/// over the input (no regex): time and output are linear in its size.
std::string html_to_text(std::string_view html);

}  // namespace bouncekit::decode
