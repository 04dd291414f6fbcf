// Signs that a message is a bounce, whatever its format: used to tell an
// auto-reply from a bounce, and an undecodable bounce from ordinary mail.
#pragma once

#include <string_view>

#include "bouncekit/mime.hpp"

namespace bouncekit::decode {

/// True if the address's local part is one only mail systems send from
/// (mailer-daemon, postmaster, ...).
bool is_daemon_address(std::string_view address);

/// True if From is a null sender ("<>", "Mail System <@>").
bool from_null_sender(const mime::Part& root);

/// True if the subject reads like a non-delivery notice ("Undeliverable: ...", "Returned mail").
bool bounce_subject(std::string_view subject);

/// True if the subject is a person's reply or forward ("Re:", "Fwd:", "WG:", ...).
bool reply_or_forward(std::string_view subject);

/// True if the sender is a mailer daemon or the subject reads like a non-delivery notice.
bool looks_like_bounce(const mime::Part& root);

/// For a message no decoder read: a failure notice (undecodable) rather than other mail? Its
/// subject says so (and it is not a reply to or forward of a notice), or a mail-system sender
/// returns a message in a part of its own.
bool unread_failure_notice(const mime::Part& root);

}  // namespace bouncekit::decode
