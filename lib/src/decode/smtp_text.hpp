// Pulling SMTP facts (reply code, enhanced status, command) out of free text.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::decode {

/// The first enhanced status code (RFC 3463, "5.1.1", "4.7.0") standing as a
/// token of its own (not part of an IP address or version number); "" if none.
std::string find_status(std::string_view text);

/// The enhanced status code that a remote server gave right after its reply
/// code ("550 5.7.1", "550-5.7.1", "550-'5.7.1", "452 #4.2.2"), with the same
/// class as the reply code; "" if the text has no such pair.
std::string find_remote_status(std::string_view text);

/// find_status(), skipping a status that belongs to another server's reply quoted in a line of a
/// multi-line reply ("550-Response: 550 5.1.1 No such user"): Exim's callout quotes it this way.
std::string find_status_outside_quotes(std::string_view s);

/// The SMTP reply code a diagnostic starts with ("550 5.1.1 ...", "550-..."),
/// or one that follows "said:" / "said" / "replied:"; "" if none.
std::string find_reply_code(std::string_view text);

/// The SMTP command named by the text ("in reply to RCPT TO command",
/// "after end of data", ">>> DATA"), upper-cased: CONN, HELO, EHLO, MAIL,
/// RCPT, DATA, STARTTLS, AUTH; "" if none.
std::string find_smtp_command(std::string_view text);

/// A status "4.x.x"/"5.x.x" that is only the class default ("5.0.0", "4.0.0").
bool is_generic_status(std::string_view status);

}  // namespace bouncekit::decode
