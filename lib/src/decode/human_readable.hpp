// The human-readable part of a report ("This is the mail system at host ...").
// Where the machine-readable fields are missing, it often still says what the
// remote server answered for each recipient.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

/// The recipient of a block whose Final-Recipient is no address (RFC 3464 allows any
/// address-type, and some MTAs write "rfc822; @mx.example.org"): `candidate` (the returned
/// message's recipient) when the explanation names it and no other address but those in
/// `known` (the other blocks' recipients, the sender); "" otherwise, never a guess between two.
std::string recipient_named(std::string_view text, std::string_view candidate, const std::vector<std::string>& known);

}  // namespace bouncekit::decode
