// The reply code and enhanced status code a diagnostic text states in its own
// words, for records whose decoder left those fields empty: classify and
// explain read a text the same way.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::classify {

/// The first three-digit reply code standing as a word (or "550-" continuation)
/// in the text; "" if none.
std::string reply_code_in_text(std::string_view text);

/// The first enhanced status code (2/4/5 . 1-3 digits . 1-3 digits) standing as
/// a word; "" if none.
std::string status_in_text(std::string_view text);

/// The SMTP command ("RCPT", "DATA", "MAIL") a diagnostic says its reply answered, in the fixed
/// wordings MTAs use for it (Postfix "in reply to RCPT TO command", Exim "after RCPT TO:", ...),
/// or, for a reply that begins by naming `recipient` ("550 <x@y>... User unknown"), RCPT; "" if
/// the text does not say. `by_shape`, when given, is set when only the reply's shape (it names the
/// recipient first) says RCPT, and no marker words do: a weaker statement than the MTA's own words.
std::string command_in_text(std::string_view text, std::string_view recipient, bool* by_shape = nullptr);

}  // namespace bouncekit::classify
