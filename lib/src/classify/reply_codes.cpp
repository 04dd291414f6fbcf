// The reply-code table. Meanings and advice are our own words; the codes come from RFC 5321,
// RFC 7504 (521/556), RFC 3207 and RFC 4954 (STARTTLS, AUTH), and the codes the seed articles
// list (101/111 client-side connection failures, Exchange and GroupWise 4xx codes, 510-541).
#include "classify/reply_codes.hpp"

#include <algorithm>
#include <array>

#include "util/strings.hpp"

namespace bouncekit::classify {
namespace {

constexpr std::array<ReplyCodeInfo, 62> kReplyCodes{{
    {101, "networkerror", "The client could not connect to the server (not sent by a server: a client-side "
     "report).", "Check the server name and port in the sending configuration."},
    {111, "networkerror", "The connection was refused: no SMTP service answered at that address (client-side "
     "report).", "Check the host name, firewalls and whether the destination's MX really listens on port 25."},
    {200, "", "Non-standard success reply.", "Nothing to do."},
    {211, "", "System status or help reply.", "Nothing to do: information only."},
    {214, "", "Help message for a human reader.", "Nothing to do: information only."},
    {220, "", "Service ready: the server's greeting.", "Nothing to do."},
    {221, "", "Service closing the connection normally.", "Nothing to do."},
    {235, "", "Authentication succeeded.", "Nothing to do."},
    {250, "", "Requested action completed; for DATA, the message was accepted.", "Nothing to do."},
    {251, "", "The user is not local; the server will forward the message.", "Nothing to do."},
    {252, "", "The server cannot verify the user but will accept the message and try to deliver it.",
     "Nothing to do; the address is not proven to exist."},
    {334, "", "Authentication challenge: the server waits for the next credential.", "Nothing to do."},
    {354, "", "Start the message input, end it with a line holding a single dot.", "Nothing to do."},
    {420, "networkerror", "The connection timed out during the transfer (GroupWise).",
     "Retry later; if it persists, check firewalls between the servers."},
    {421, "", "The service is not available and the server is closing the connection (shutdown, overload, "
     "too many connections or throttling).", "Retry later with fewer simultaneous connections."},
    {422, "mailboxfull", "The recipient's mailbox is over its storage limit.",
     "Retry later or reach the recipient another way."},
    {431, "systemfull", "The receiving server is out of disk space or memory.",
     "Retry later, in smaller batches."},
    {432, "systemerror", "The recipient's Exchange server stopped its incoming queue (also: a password "
     "transition is needed, RFC 4954).", "Retry later; the destination's administrator must act."},
    {441, "networkerror", "The receiving server is not responding.", "Retry later."},
    {442, "networkerror", "The connection dropped during the transfer.",
     "Retry; check the network path if it happens often."},
    {446, "systemerror", "The hop count was exceeded: the message is looping between servers.",
     "Ask the postmaster of the servers involved to check the mail routing."},
    {447, "expired", "The delivery timed out at the receiving side, often because of too many recipients.",
     "Retry with fewer recipients per message."},
    {449, "systemerror", "A routing error (Exchange).", "Retry later; the destination's routing must be fixed."},
    {450, "", "The mailbox is unavailable for now (busy, locked, or refused for the sender's IP).",
     "Retry later; check the sending IP's reputation if it keeps happening."},
    {451, "", "The action was aborted by a local error at the server (overload, filter, temporary lookup "
     "failure).", "Retry later; ask your provider if it repeats."},
    {452, "", "Insufficient system storage, or too many recipients in this transaction.",
     "Retry later with fewer recipients per message."},
    {454, "", "TLS or authentication is temporarily unavailable.", "Retry later."},
    {455, "", "The server cannot accommodate the command's parameters now.", "Retry later."},
    {471, "", "The receiving side's local filter had an error.",
     "Retry later; ask the destination's provider if it repeats."},
    {500, "syntaxerror", "Syntax error: the command was not recognised (or was too long).",
     "Check the sending software, and security software that rewrites SMTP traffic."},
    {501, "syntaxerror", "Syntax error in the command's arguments, often an invalid address.",
     "Check the address syntax in the envelope."},
    {502, "syntaxerror", "The command is not implemented by the server.", "Use a command the server offers."},
    {503, "syntaxerror", "Bad sequence of commands, or authentication is required first.",
     "Authenticate if the server requires it; otherwise check the sending software."},
    {504, "syntaxerror", "A command parameter is not implemented.", "Use a parameter the server offers."},
    {510, "userunknown", "Bad recipient address (non-standard code).", "Correct or remove the address."},
    {511, "userunknown", "Bad recipient address: the mailbox does not exist (non-standard code).",
     "Correct or remove the address."},
    {512, "hostunknown", "The recipient's domain could not be found in DNS (non-standard code).",
     "Check the domain part of the address for typos."},
    {513, "userunknown", "The address type or syntax is incorrect (non-standard code).",
     "Correct the address; if it is right, the server may want authentication."},
    {521, "notaccept", "The host does not accept mail at all (RFC 7504).", "Remove addresses at this host."},
    {523, "exceedlimit", "The total size of the sending exceeds the server's limits.",
     "Send to fewer recipients per message, or a smaller message."},
    {530, "securityerror", "Authentication (or STARTTLS) is required before this command.",
     "Configure SMTP authentication; check whether the sending IP is blocked."},
    {534, "securityerror", "The authentication mechanism is too weak (RFC 4954).",
     "Use a stronger authentication mechanism."},
    {535, "securityerror", "The authentication credentials were refused (RFC 4954).",
     "Check the user name and password of the sending account."},
    {538, "securityerror", "Encryption is required for the requested authentication mechanism (RFC 4954).",
     "Start TLS before authenticating."},
    {541, "spamdetected", "The recipient's server refused the message, usually by an anti-spam filter.",
     "Review the content; ask the recipient to allow your sender address."},
    {550, "", "The mailbox is unavailable: most often it does not exist, sometimes a policy refusal.",
     "Read the text: drop the address if it does not exist, otherwise fix what the text names."},
    {551, "", "The user is not local; the server gives another path or refuses to relay.",
     "Use the address the reply gives, or send through the right server."},
    {552, "mailboxfull", "The action was aborted: storage allocation exceeded (mailbox or message size).",
     "Retry later; send smaller messages."},
    {553, "", "The mailbox name is not allowed: the address syntax is invalid or the sender is refused.",
     "Check the recipient and sender addresses for mistakes."},
    {554, "", "The transaction failed (often: refused as spam, or the sending IP is on a block list).",
     "Read the text; check block lists for the sending IP."},
    {555, "syntaxerror", "MAIL FROM or RCPT TO parameters are not recognised or not implemented.",
     "Check the SMTP extensions the sending software uses."},
    {556, "notaccept", "The recipient's domain does not accept mail (RFC 7504).", "Remove addresses at this domain."},
    {557, "", "Non-standard refusal of the message.", "Read the text of the reply."},
    {558, "", "Non-standard refusal of the message.", "Read the text of the reply."},
    {559, "", "Non-standard refusal of the message.", "Read the text of the reply."},
    {571, "blocked", "Delivery not authorised; the message or sender was refused (non-standard).",
     "Check block lists and the destination's policy."},
    {572, "", "Non-standard refusal.", "Read the text of the reply."},
    {580, "", "Non-standard failure.", "Read the text of the reply."},
    {587, "", "Not a reply code: the submission port number, sometimes quoted by mistake.", "Nothing to do."},
    {590, "", "Non-standard failure.", "Read the text of the reply."},
    {597, "", "Non-standard failure.", "Read the text of the reply."},
    {599, "", "Non-standard failure.", "Read the text of the reply."},
}};

}  // namespace

std::span<const ReplyCodeInfo> all_reply_codes() { return kReplyCodes; }

const ReplyCodeInfo* find_reply_code(std::string_view code) {
  if (code.size() != 3 || !util::is_digit(code[0]) || !util::is_digit(code[1]) || !util::is_digit(code[2]))
    return nullptr;
  int n = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  auto it = std::lower_bound(kReplyCodes.begin(), kReplyCodes.end(), n,
                             [](const ReplyCodeInfo& e, int v) { return e.code < v; });
  return (it != kReplyCodes.end() && it->code == n) ? &*it : nullptr;
}

std::string_view reply_class(std::string_view code) {
  if (code.size() != 3 || !util::is_digit(code[1]) || !util::is_digit(code[2])) return {};
  switch (code[0]) {
    case '1': return "positive preliminary";
    case '2': return "positive completion";
    case '3': return "positive intermediate";
    case '4': return "transient negative";
    case '5': return "permanent negative";
    default: return {};
  }
}

std::string_view reply_category(std::string_view code) {
  if (reply_class(code).empty()) return {};
  switch (code[1]) {
    case '0': return "syntax";
    case '1': return "information";
    case '2': return "connections";
    case '5': return "mail system";
    default: return "unspecified";
  }
}

}  // namespace bouncekit::classify
