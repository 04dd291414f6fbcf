// The human-readable part of a report ("This is the mail system at host ...").
// Where the machine-readable fields are missing, it often still says what the
// remote server answered for each recipient.
#pragma once

#include <string>
#include <string_view>

#include "bouncekit/mime.hpp"

namespace bouncekit::decode {

/// The first text part of the report that is not inside the returned message; nullptr if none.
const mime::Part* explanation_part(const mime::Part& root);

/// What the explanation says about one recipient: the text after the address
/// on its line, or the next line, if it carries a reply code or status code.
/// "" if nothing is found.
std::string diagnostic_for(std::string_view text, std::string_view recipient);

/// The SMTP command the explanation names for one recipient ("in reply to
/// RCPT TO command", ">>> DATA"), searched in the paragraph that mentions the
/// recipient; "" if none.
std::string command_for(std::string_view text, std::string_view recipient);

}  // namespace bouncekit::decode
