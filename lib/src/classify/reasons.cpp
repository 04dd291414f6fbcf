// The reason table. Owners follow DESIGN.md: the recipient's address (hard bounces, mailbox full,
// suspended), the sender's infrastructure, the message itself, or the remote system / network.
// inferred_detail is the NNN of the unassigned X.0.NNN code given to a record whose bounce stated no
// enhanced status (docs/classifier.md "Status inference"); the numbers are Sisimai's where its
// results show them, so users migrating from it see the same codes.
#include "classify/reasons.hpp"

#include <array>

namespace bouncekit::classify {
namespace {

constexpr std::array<ReasonInfo, 36> kReasons{{
    {"userunknown", "recipient", 911, "The recipient address does not exist at the destination.",
     "Remove the address from your list; ask the person for a corrected one."},
    {"hostunknown", "recipient", 912, "The recipient's domain does not exist or has no mail host.",
     "Check the domain for typos; remove the address if the domain is really gone."},
    {"hasmoved", "recipient", 916, "The mailbox has moved and the old address no longer receives mail.",
     "Replace the address with the new one if the bounce names it; otherwise remove it."},
    {"notaccept", "recipient", 932, "The destination does not accept mail at all (null MX, no SMTP service).",
     "Remove the address if the refusal is permanent; retry later if it was temporary."},
    {"mailboxfull", "recipient", 922, "The recipient's mailbox is over its storage quota.",
     "Retry later; if it keeps failing for weeks, treat the address as abandoned."},
    {"suspend", "recipient", 921, "The recipient's mailbox exists but is disabled, suspended or locked.",
     "Stop mailing it for a while; remove it if the suspension lasts."},
    {"expired", "remote", 947, "Delivery was retried until the sending queue's time limit ran out.",
     "Check whether the destination is reachable at all; retry once later."},
    {"networkerror", "remote", 944, "A network or DNS problem kept the message from reaching the destination.",
     "Usually passes by itself; retry later and check DNS for the recipient domain."},
    {"toomanyconn", "sender", 945, "The destination refused because the sender opened too many connections "
     "or put too many recipients in one transaction.",
     "Lower the concurrency and the recipients per message towards this destination."},
    {"speeding", "sender", 946, "The sender is sending faster than the destination allows.",
     "Slow down: throttle the sending rate to this destination and retry later."},
    {"blocked", "sender", 971, "The sending IP address or host is refused, often by a block list.",
     "Look the sending IP up on the block list named in the reply and request delisting; check reverse DNS."},
    {"spamdetected", "message", 980, "The destination's filter judged the message to be spam.",
     "Review the content and links of the message, and your list's consent practices."},
    {"policyviolation", "message", 972, "The message breaks a policy of the destination (content, links, "
     "attachments, headers).",
     "Read the destination's policy named in the reply and change the message."},
    {"authfailure", "sender", 975, "The message failed sender authentication (SPF, DKIM or DMARC).",
     "Fix SPF, DKIM signing and DMARC alignment for the sending domain."},
    {"badreputation", "sender", 977, "The sending IP address or domain has a poor reputation at the destination.",
     "Reduce volume, remove inactive recipients and handle complaints; warm up new IPs slowly."},
    {"requireptr", "sender", 973, "The sending host has no valid reverse DNS (PTR) record.",
     "Give the sending IP a PTR record whose name resolves back to the same IP."},
    {"notcompliantrfc", "message", 974, "The message does not follow the message format standards (RFC 5322).",
     "Fix the message headers (one From, one Subject, valid dates and addresses)."},
    {"rejected", "sender", 918, "The sender address (envelope MAIL FROM) was refused.",
     "Check that the sender address exists, its domain resolves and it may send to this destination."},
    {"norelaying", "sender", 909, "The server refused to relay the message for this sender.",
     "Send through a server that is authorised for your domain, or authenticate first."},
    {"securityerror", "sender", 970, "A security requirement was not met (authentication required, "
     "credentials refused, access denied).",
     "Check the SMTP authentication and access settings of the sending system."},
    {"virusdetected", "message", 981, "The destination found a virus or malware in the message.",
     "Scan the message and its attachments; do not resend it as it is."},
    {"contenterror", "message", 960, "The message content could not be handled (encoding, MIME structure, "
     "8-bit data).",
     "Fix the message encoding and MIME structure."},
    {"mesgtoobig", "message", 934, "The message is larger than the destination accepts.",
     "Make the message smaller: link to large files instead of attaching them."},
    {"exceedlimit", "message", 923, "The message exceeds a limit of the recipient's mailbox (size or count).",
     "Send a smaller message or fewer at once."},
    {"filtered", "recipient", 910, "The recipient's system refused this message for this recipient "
     "(address filter, recipient preference, or a refusal after the address was accepted).",
     "Check the address; if the recipient wants your mail, ask them to allow your sender address."},
    {"systemerror", "remote", 930, "The destination mail system had an internal error or is misconfigured.",
     "Retry later; nothing is wrong with the address as far as the bounce tells."},
    {"systemfull", "remote", 931, "The destination mail system is out of disk space.",
     "Retry later."},
    {"mailererror", "remote", 939, "The local delivery program at the destination failed.",
     "Retry later; the destination's administrator has to fix the delivery program."},
    {"syntaxerror", "sender", 902, "An SMTP command or its arguments were refused as malformed.",
     "Check the sending software: the command named in the reply was not understood."},
    {"failedstarttls", "remote", 976, "Encryption (STARTTLS) was required or failed between the servers.",
     "Check TLS support and certificates on both sides of the connection."},
    {"suppressed", "recipient", 990, "The sending service suppressed the message because the address bounced "
     "or complained before.",
     "Keep the address off your list, or remove it from the service's suppression list if it is valid again."},
    {"onhold", "", 901, "The bounce gives too little to decide why delivery failed.",
     "Look at the diagnostic text; retry once later."},
    {"undefined", "", 900, "The bounce says nothing about why delivery failed.",
     "Look at the original bounce message."},
    {"delivered", "", 0, "The message was delivered (a success report, not a bounce).", "Nothing to do."},
    {"feedback", "", 0, "A recipient complained about the message (an ARF feedback report, not a bounce).",
     "Stop mailing the complaining recipient."},
    {"vacation", "", 0, "An automatic reply such as an out-of-office notice (not a bounce).", "Nothing to do."},
}};

}  // namespace

std::span<const ReasonInfo> all_reasons() { return kReasons; }

const ReasonInfo* find_reason(std::string_view name) {
  for (const ReasonInfo& r : kReasons)
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace bouncekit::classify
