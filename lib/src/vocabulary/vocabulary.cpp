// The vocabulary table: one row per reason (bouncekit/vocabulary.hpp). Owners follow DESIGN.md: the
// recipient's address (hard bounces, mailbox full, suspended), the sender's infrastructure, the
// message itself, or the remote system / network. Only userunknown, hostunknown and hasmoved are
// hard whatever the status class; notaccept is hard only when the refusal is permanent.
// inferred_detail is the NNN of the unassigned X.0.NNN code given to a record whose bounce stated no
// enhanced status (docs/classifier.md "Status inference"); RFC 3463 assigns no X.0.9NN code, so such
// a status is recognisably inferred. The numbers are Sisimai's where its results show them, so users
// migrating from it see the same codes.
#include "bouncekit/vocabulary.hpp"

#include <array>

namespace bouncekit::vocabulary {
namespace {

constexpr std::array<ReasonRow, 36> kRows{{
    {Reason::userunknown, "userunknown", Owner::recipient, Bounce::hard, Bounce::hard, Kind::bounce, 911,
     "The recipient address does not exist at the destination.",
     "Remove the address from your list; ask the person for a corrected one."},
    {Reason::hostunknown, "hostunknown", Owner::recipient, Bounce::hard, Bounce::hard, Kind::bounce, 912,
     "The recipient's domain does not exist or has no mail host.",
     "Check the domain for typos; remove the address if the domain is really gone."},
    {Reason::hasmoved, "hasmoved", Owner::recipient, Bounce::hard, Bounce::hard, Kind::bounce, 916,
     "The mailbox has moved and the old address no longer receives mail.",
     "Replace the address with the new one if the bounce names it; otherwise remove it."},
    {Reason::notaccept, "notaccept", Owner::recipient, Bounce::hard, Bounce::soft, Kind::bounce, 932,
     "The destination does not accept mail at all (null MX, no SMTP service).",
     "Remove the address if the refusal is permanent; retry later if it was temporary."},
    {Reason::mailboxfull, "mailboxfull", Owner::recipient, Bounce::soft, Bounce::soft, Kind::bounce, 922,
     "The recipient's mailbox is over its storage quota.",
     "Retry later; if it keeps failing for weeks, treat the address as abandoned."},
    {Reason::suspend, "suspend", Owner::recipient, Bounce::soft, Bounce::soft, Kind::bounce, 921,
     "The recipient's mailbox exists but is disabled, suspended or locked.",
     "Stop mailing it for a while; remove it if the suspension lasts."},
    {Reason::expired, "expired", Owner::remote, Bounce::soft, Bounce::soft, Kind::bounce, 947,
     "Delivery was retried until the sending queue's time limit ran out.",
     "Check whether the destination is reachable at all; retry once later."},
    {Reason::networkerror, "networkerror", Owner::remote, Bounce::soft, Bounce::soft, Kind::bounce, 944,
     "A network or DNS problem kept the message from reaching the destination.",
     "Usually passes by itself; retry later and check DNS for the recipient domain."},
    {Reason::toomanyconn, "toomanyconn", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 945,
     "The destination refused because the sender opened too many connections "
     "or put too many recipients in one transaction.",
     "Lower the concurrency and the recipients per message towards this destination."},
    {Reason::speeding, "speeding", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 946,
     "The sender is sending faster than the destination allows.",
     "Slow down: throttle the sending rate to this destination and retry later."},
    {Reason::blocked, "blocked", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 971,
     "The sending IP address or host is refused, often by a block list.",
     "Look the sending IP up on the block list named in the reply and request delisting; check reverse DNS."},
    {Reason::spamdetected, "spamdetected", Owner::message, Bounce::soft, Bounce::soft, Kind::bounce, 980,
     "The destination's filter judged the message to be spam.",
     "Review the content and links of the message, and your list's consent practices."},
    {Reason::policyviolation, "policyviolation", Owner::message, Bounce::soft, Bounce::soft, Kind::bounce, 972,
     "The message breaks a policy of the destination (content, links, "
     "attachments, headers).",
     "Read the destination's policy named in the reply and change the message."},
    {Reason::authfailure, "authfailure", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 975,
     "The message failed sender authentication (SPF, DKIM or DMARC).",
     "Fix SPF, DKIM signing and DMARC alignment for the sending domain."},
    {Reason::badreputation, "badreputation", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 977,
     "The sending IP address or domain has a poor reputation at the destination.",
     "Reduce volume, remove inactive recipients and handle complaints; warm up new IPs slowly."},
    {Reason::requireptr, "requireptr", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 973,
     "The sending host has no valid reverse DNS (PTR) record.",
     "Give the sending IP a PTR record whose name resolves back to the same IP."},
    {Reason::notcompliantrfc, "notcompliantrfc", Owner::message, Bounce::soft, Bounce::soft, Kind::bounce, 974,
     "The message does not follow the message format standards (RFC 5322).",
     "Fix the message headers (one From, one Subject, valid dates and addresses)."},
    {Reason::rejected, "rejected", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 918,
     "The sender address (envelope MAIL FROM) was refused.",
     "Check that the sender address exists, its domain resolves and it may send to this destination."},
    {Reason::norelaying, "norelaying", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 909,
     "The server refused to relay the message for this sender.",
     "Send through a server that is authorised for your domain, or authenticate first."},
    {Reason::securityerror, "securityerror", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 970,
     "A security requirement was not met (authentication required, "
     "credentials refused, access denied).",
     "Check the SMTP authentication and access settings of the sending system."},
    {Reason::virusdetected, "virusdetected", Owner::message, Bounce::soft, Bounce::soft, Kind::bounce, 981,
     "The destination found a virus or malware in the message.",
     "Scan the message and its attachments; do not resend it as it is."},
    {Reason::contenterror, "contenterror", Owner::message, Bounce::soft, Bounce::soft, Kind::bounce, 960,
     "The message content could not be handled (encoding, MIME structure, "
     "8-bit data).",
     "Fix the message encoding and MIME structure."},
    {Reason::mesgtoobig, "mesgtoobig", Owner::message, Bounce::soft, Bounce::soft, Kind::bounce, 934,
     "The message is larger than the destination accepts.",
     "Make the message smaller: link to large files instead of attaching them."},
    {Reason::exceedlimit, "exceedlimit", Owner::message, Bounce::soft, Bounce::soft, Kind::bounce, 923,
     "The message exceeds a limit of the recipient's mailbox (size or count).",
     "Send a smaller message or fewer at once."},
    {Reason::filtered, "filtered", Owner::recipient, Bounce::soft, Bounce::soft, Kind::bounce, 910,
     "The recipient's system refused this message for this recipient "
     "(address filter, recipient preference, or a refusal after the address was accepted).",
     "Check the address; if the recipient wants your mail, ask them to allow your sender address."},
    {Reason::systemerror, "systemerror", Owner::remote, Bounce::soft, Bounce::soft, Kind::bounce, 930,
     "The destination mail system had an internal error or is misconfigured.",
     "Retry later; nothing is wrong with the address as far as the bounce tells."},
    {Reason::systemfull, "systemfull", Owner::remote, Bounce::soft, Bounce::soft, Kind::bounce, 931,
     "The destination mail system is out of disk space.", "Retry later."},
    {Reason::mailererror, "mailererror", Owner::remote, Bounce::soft, Bounce::soft, Kind::bounce, 939,
     "The local delivery program at the destination failed.",
     "Retry later; the destination's administrator has to fix the delivery program."},
    {Reason::syntaxerror, "syntaxerror", Owner::sender, Bounce::soft, Bounce::soft, Kind::bounce, 902,
     "An SMTP command or its arguments were refused as malformed.",
     "Check the sending software: the command named in the reply was not understood."},
    {Reason::failedstarttls, "failedstarttls", Owner::remote, Bounce::soft, Bounce::soft, Kind::bounce, 976,
     "Encryption (STARTTLS) was required or failed between the servers.",
     "Check TLS support and certificates on both sides of the connection."},
    {Reason::suppressed, "suppressed", Owner::recipient, Bounce::soft, Bounce::soft, Kind::bounce, 990,
     "The sending service suppressed the message because the address bounced "
     "or complained before.",
     "Keep the address off your list, or remove it from the service's suppression list if it is valid again."},
    {Reason::onhold, "onhold", Owner::none, Bounce::soft, Bounce::soft, Kind::bounce, 901,
     "The bounce gives too little to decide why delivery failed.", "Look at the diagnostic text; retry once later."},
    {Reason::undefined, "undefined", Owner::none, Bounce::soft, Bounce::soft, Kind::bounce, 900,
     "The bounce says nothing about why delivery failed.", "Look at the original bounce message."},
    {Reason::delivered, "delivered", Owner::none, Bounce::none, Bounce::none, Kind::alive, 0,
     "The message was delivered (a success report, not a bounce).", "Nothing to do."},
    {Reason::feedback, "feedback", Owner::none, Bounce::none, Bounce::none, Kind::complaint, 0,
     "A recipient complained about the message (an ARF feedback report, not a bounce).",
     "Stop mailing the complaining recipient."},
    {Reason::vacation, "vacation", Owner::none, Bounce::none, Bounce::none, Kind::alive, 0,
     "An automatic reply such as an out-of-office notice (not a bounce).", "Nothing to do."},
}};

// The table is indexed by the enum: its rows must be in the enum's order.
constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kRows.size(); ++i)
    if (static_cast<std::size_t>(kRows[i].reason) != i) return false;
  return true;
}
static_assert(in_enum_order(), "kRows must list the reasons in the order of enum Reason");
static_assert(kRows.size() == static_cast<std::size_t>(Reason::vacation) + 1, "one row per reason");

}  // namespace

std::span<const ReasonRow> reasons() { return kRows; }

const ReasonRow& row(Reason reason) { return kRows[static_cast<std::size_t>(reason)]; }

std::optional<Reason> reason_named(std::string_view name) {
  for (const ReasonRow& r : kRows)
    if (r.name == name) return r.reason;
  return std::nullopt;
}

std::string_view name(Reason reason) { return row(reason).name; }

std::string_view name(Bounce bounce) {
  switch (bounce) {
    case Bounce::hard:
      return "hard";
    case Bounce::soft:
      return "soft";
    case Bounce::none:
      return "none";
  }
  return "none";
}

std::string_view name(Owner owner) {
  switch (owner) {
    case Owner::recipient:
      return "recipient";
    case Owner::sender:
      return "sender";
    case Owner::message:
      return "message";
    case Owner::remote:
      return "remote";
    case Owner::none:
      return "";
  }
  return "";
}

}  // namespace bouncekit::vocabulary
