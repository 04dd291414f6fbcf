// The enhanced status table: RFC 3463, RFC 3886 (X.1.9), RFC 4468 (X.6.6), RFC 4954 (X.5.6, X.7.8 -
// X.7.12), RFC 5248 (X.7.13, X.7.14), RFC 6531 (X.6.7 - X.6.9), RFC 6710 (X.3.6, X.7.15, X.7.16),
// RFC 7293 (X.7.17 - X.7.19), RFC 7372 (X.7.20 - X.7.26), RFC 7505 (X.1.10, X.7.27), RFC 8617
// (X.7.29), RFC 8689 (X.7.30) and the registry's X.7.28.
#include "classify/status_codes.hpp"

#include <array>

#include "util/strings.hpp"

namespace bouncekit::classify {
namespace {

constexpr std::array<StatusCodeInfo, 74> kStatusCodes{{
    {0, 0, "", "Other or undefined status: nothing more specific is known."},
    {1, 0, "", "Other address status: something about an address was wrong."},
    {1, 1, "userunknown", "Bad destination mailbox address: the mailbox does not exist."},
    {1, 2, "hostunknown", "Bad destination system address: the recipient's domain or host does not exist."},
    {1, 3, "userunknown", "Bad destination mailbox address syntax."},
    {1, 4, "userunknown", "Destination mailbox address ambiguous: it matches several mailboxes."},
    {1, 5, "", "Destination address valid (a success detail)."},
    {1, 6, "hasmoved", "Destination mailbox has moved and there is no forwarding address."},
    {1, 7, "rejected", "Bad sender's mailbox address syntax."},
    {1, 8, "rejected", "Bad sender's system address: the sender's domain is not valid."},
    {1, 9, "", "Message relayed to a mailer that does not support delivery status notifications."},
    {1, 10, "notaccept", "The recipient's domain has a null MX: it accepts no mail."},
    {2, 0, "", "Other or undefined mailbox status."},
    {2, 1, "suspend", "Mailbox disabled, not accepting messages."},
    {2, 2, "mailboxfull", "Mailbox full: over its storage quota."},
    {2, 3, "exceedlimit", "Message length exceeds an administrative limit of the mailbox."},
    {2, 4, "systemerror", "Mailing list expansion problem."},
    {3, 0, "systemerror", "Other or undefined mail system status."},
    {3, 1, "systemfull", "Mail system full: out of storage."},
    {3, 2, "notaccept", "System not accepting network messages."},
    {3, 3, "systemerror", "System not capable of the selected features."},
    {3, 4, "mesgtoobig", "Message too big for the system."},
    {3, 5, "systemerror", "System incorrectly configured."},
    {3, 6, "", "Requested priority was changed."},
    {4, 0, "", "Other or undefined network or routing status."},
    {4, 1, "networkerror", "No answer from the host."},
    {4, 2, "networkerror", "Bad connection."},
    {4, 3, "systemerror", "Directory server failure."},
    {4, 4, "hostunknown", "Unable to route: no mail host could be found for the domain."},
    {4, 5, "systemerror", "Mail system congestion."},
    {4, 6, "networkerror", "Routing loop detected."},
    {4, 7, "expired", "Delivery time expired: the message stayed in the queue too long."},
    {5, 0, "syntaxerror", "Other or undefined protocol status."},
    {5, 1, "syntaxerror", "Invalid command."},
    {5, 2, "syntaxerror", "Syntax error."},
    {5, 3, "toomanyconn", "Too many recipients in one transaction."},
    {5, 4, "syntaxerror", "Invalid command arguments."},
    {5, 5, "syntaxerror", "Wrong protocol version."},
    {5, 6, "syntaxerror", "Authentication exchange line too long."},
    {6, 0, "contenterror", "Other or undefined media error."},
    {6, 1, "contenterror", "Media not supported."},
    {6, 2, "contenterror", "Conversion required and prohibited."},
    {6, 3, "contenterror", "Conversion required but not supported."},
    {6, 4, "contenterror", "Conversion with loss performed."},
    {6, 5, "contenterror", "Conversion failed."},
    {6, 6, "contenterror", "Message content not available."},
    {6, 7, "contenterror", "Non-ASCII addresses not permitted for that sender or recipient."},
    {6, 8, "contenterror", "A UTF-8 reply is required but the client does not permit it."},
    {6, 9, "contenterror", "A UTF-8 header message cannot be transferred to a recipient."},
    {7, 0, "securityerror", "Other or undefined security status."},
    {7, 1, "securityerror", "Delivery not authorised, message refused."},
    {7, 2, "securityerror", "Mailing list expansion prohibited."},
    {7, 3, "securityerror", "Security conversion required but not possible."},
    {7, 4, "securityerror", "Security features not supported."},
    {7, 5, "securityerror", "Cryptographic failure."},
    {7, 6, "securityerror", "Cryptographic algorithm not supported."},
    {7, 7, "securityerror", "Message integrity failure."},
    {7, 8, "securityerror", "Authentication credentials invalid."},
    {7, 9, "securityerror", "Authentication mechanism is too weak."},
    {7, 10, "failedstarttls", "Encryption needed."},
    {7, 11, "failedstarttls", "Encryption required for the requested authentication mechanism."},
    {7, 12, "securityerror", "A password transition is needed."},
    {7, 13, "suspend", "User account disabled."},
    {7, 14, "securityerror", "Trust relationship required."},
    {7, 15, "policyviolation", "Priority level is too low."},
    {7, 16, "mesgtoobig", "Message is too big for the specified priority."},
    {7, 17, "hasmoved", "Mailbox owner has changed."},
    {7, 18, "hasmoved", "Domain owner has changed."},
    {7, 19, "securityerror", "The required-recipient-validity (RRVS) test cannot be completed."},
    {7, 20, "authfailure", "No passing DKIM signature found."},
    {7, 21, "authfailure", "No acceptable DKIM signature found."},
    {7, 22, "authfailure", "No valid author-matched DKIM signature found."},
    {7, 23, "authfailure", "SPF validation failed."},
    {7, 24, "authfailure", "SPF validation error."},
}};

// Continued in a second table to keep each list readable: the last X.7 entries.
constexpr std::array<StatusCodeInfo, 6> kStatusCodesTail{{
    {7, 25, "requireptr", "Reverse DNS validation failed."},
    {7, 26, "authfailure", "Multiple authentication checks failed."},
    {7, 27, "notaccept", "The sender address has a null MX: replies to it could not be delivered."},
    {7, 28, "speeding", "Mail flood detected."},
    {7, 29, "authfailure", "ARC validation failure."},
    {7, 30, "failedstarttls", "REQUIRETLS support required."},
}};

constexpr std::array<StatusCodeInfo, kStatusCodes.size() + kStatusCodesTail.size()> joined() {
  std::array<StatusCodeInfo, kStatusCodes.size() + kStatusCodesTail.size()> all{};
  std::size_t i = 0;
  for (const auto& e : kStatusCodes) all[i++] = e;
  for (const auto& e : kStatusCodesTail) all[i++] = e;
  return all;
}
constexpr auto kAll = joined();

constexpr std::array<std::string_view, 8> kSubjects{
    "other", "addressing", "mailbox", "mail system", "network and routing", "protocol", "content",
    "security or policy"};

bool parse_number(std::string_view s, int& out) {
  if (s.empty() || s.size() > 3) return false;
  out = 0;
  for (char c : s) {
    if (!util::is_digit(c)) return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

bool parse_status(std::string_view status, int& klass, int& subject, int& detail) {
  std::size_t a = status.find('.');
  if (a == std::string_view::npos) return false;
  std::size_t b = status.find('.', a + 1);
  if (b == std::string_view::npos) return false;
  return parse_number(status.substr(0, a), klass) && (klass == 2 || klass == 4 || klass == 5) &&
         parse_number(status.substr(a + 1, b - a - 1), subject) && parse_number(status.substr(b + 1), detail);
}

std::span<const StatusCodeInfo> all_status_codes() { return kAll; }

const StatusCodeInfo* find_status_code(std::string_view status) {
  int klass = 0, subject = 0, detail = 0;
  if (!parse_status(status, klass, subject, detail)) return nullptr;
  for (const StatusCodeInfo& e : kAll)
    if (e.subject == subject && e.detail == detail) return &e;
  return nullptr;
}

std::string_view status_subject(std::string_view status) {
  int klass = 0, subject = 0, detail = 0;
  if (!parse_status(status, klass, subject, detail) || subject < 0 || subject >= int(kSubjects.size())) return {};
  return kSubjects[subject];
}

bool is_inferred_status(std::string_view status) {
  int klass = 0, subject = 0, detail = 0;
  return parse_status(status, klass, subject, detail) && subject == 0 && detail >= 900 && detail <= 999;
}

}  // namespace bouncekit::classify
