// Building StoredRecords for the analysis and report tests.
#pragma once

#include <string>

#include "bouncekit/analysis.hpp"

namespace bouncekit::test {

/// A record of `recipient` on `date` (UTC ISO 8601) with reason, bounce and owner as the
/// classifier would set them; the domain is the part after '@'.
inline analysis::StoredRecord record(std::string recipient, std::string date, std::string reason,
                                     std::string bounce, std::string owner, std::string fingerprint = "fp") {
  analysis::StoredRecord r;
  r.fingerprint = std::move(fingerprint);
  r.origin = "/var/mail/bounces/cur/" + r.fingerprint + ":2,S";
  r.date = std::move(date);
  r.recipient = std::move(recipient);
  auto at = r.recipient.rfind('@');
  r.recipient_domain = at == std::string::npos ? std::string() : r.recipient.substr(at + 1);
  r.reason = std::move(reason);
  r.bounce = std::move(bounce);
  r.action_owner = std::move(owner);
  return r;
}

inline analysis::StoredRecord hard(std::string recipient, std::string date, std::string fp = "fp") {
  return record(std::move(recipient), std::move(date), "userunknown", "hard", "recipient", std::move(fp));
}
inline analysis::StoredRecord soft(std::string recipient, std::string date, std::string fp = "fp") {
  return record(std::move(recipient), std::move(date), "mailboxfull", "soft", "recipient", std::move(fp));
}

}  // namespace bouncekit::test
