// Enhanced mail system status codes (RFC 3463 and the IANA registry): subject, meaning, and the
// reason a code alone suggests.
#pragma once

#include <span>
#include <string_view>

namespace bouncekit::classify {

struct StatusCodeInfo {
  int subject;               ///< the Y of X.Y.Z
  int detail;                ///< the Z of X.Y.Z
  std::string_view reason;   ///< reason the code alone suggests, "" if too vague
  std::string_view meaning;  ///< the registry's meaning, in our words
};

/// Every registered subject.detail, ordered by subject then detail.
std::span<const StatusCodeInfo> all_status_codes();

/// The entry for a status code ("5.1.1"), nullptr if unregistered or malformed.
const StatusCodeInfo* find_status_code(std::string_view status);

/// Name of a subject: addressing, mailbox, mail system, network and routing, protocol, content, security
/// or policy; "" if the status is malformed.
std::string_view status_subject(std::string_view status);

/// Whether a status code is one of the X.0.9NN placeholders the classifier infers (never sent by a server).
bool is_inferred_status(std::string_view status);

/// Splits "5.1.10" into class, subject and detail; false if malformed.
bool parse_status(std::string_view status, int& klass, int& subject, int& detail);

}  // namespace bouncekit::classify
