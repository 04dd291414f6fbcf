// Text that is safe to show: control characters that a terminal obeys (C0, DEL, C1 such as
// U+009B CSI) and the bidirectional controls that reorder what a reader sees (U+202A-U+202E,
// U+2066-U+2069, U+200E, U+200F, U+061C; Unicode TR #9 and CVE-2021-42574 "Trojan Source")
// are never written raw to a terminal, a log or a report file (docs/security.md, "Output").
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::util {

/// True when `s` holds any of those characters, or bytes that are not UTF-8.
bool has_unsafe_text(std::string_view s);

/// Like has_unsafe_text, for text that may still be in a legacy charset (not converted to
/// UTF-8 yet): bytes that are not UTF-8 pass, except 0x80-0x9F (the C1 controls of ISO 8859).
bool has_control_characters(std::string_view s);

/// `s` with tab, CR and LF as spaces and every other such character, and every byte that is
/// not part of valid UTF-8, as U+FFFD (the replacement character). Other text is unchanged.
std::string replace_unsafe(std::string_view s);

/// `s` with those characters escaped for a log line: \xNN for single bytes (and bytes that are
/// not UTF-8), \u{NNNN} for the others (a backslash is left as it is: this is for reading, not
/// for undoing).
std::string escape_unsafe(std::string_view s);

}  // namespace bouncekit::util
