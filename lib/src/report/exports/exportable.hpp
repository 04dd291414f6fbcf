// Which addresses an import file can carry as they are (report/exports/*.cpp).
#pragma once

#include <string_view>

namespace bouncekit::report::exports {

/// An address any import format can hold on one line: some text, one @ with text after it, no
/// control or bidirectional-control character, valid UTF-8.
bool is_exportable(std::string_view address);

/// is_exportable, and what Python's email.utils.parseaddr (Mailman's reader) gives back
/// unchanged: no ( ) < > [ ] : ; , outside a quoted string, exactly one @ outside quotes.
bool is_mailman_safe(std::string_view address);

}  // namespace bouncekit::report::exports
