// The phrases mail servers and providers use to say why they refused a message. Grouped by reason;
// the groups are ordered so that the more specific statement wins when a text says two things
// ("550 5.1.1 ... mailbox full" is mailboxfull; "Service unavailable; client blocked using a DNSBL"
// is blocked, not systemerror). Every phrase is lower case.
#include "classify/text_rules.hpp"

#include <array>

namespace bouncekit::classify {
namespace {

constexpr TextRule kTextRules[] = {
    // A domain that publishes a null MX (RFC 7505) or says outright it takes no mail.
    {"notaccept", "null mx"},
    {"notaccept", "doesn't receive email"},
    {"notaccept", "does not receive email"},
    {"notaccept", "host does not accept mail"},
    {"notaccept", "domain does not accept mail"},
    {"notaccept", "does not accept e-mail"},
    {"notaccept", "not accepting mail"},
    {"notaccept", "no mx found for domain"},  // OpenSMTPD: the domain names no mail exchanger
    // The DNS answered that the name does not exist (RFC 1035 rcode 3, NXDOMAIN; RFC 8020), or the
    // lookup of the recipient's domain failed (Sendmail: "host name lookup failure"). Permanent,
    // the domain is gone; when the reporting server calls it temporary, the classifier reads it as
    // a DNS failure (networkerror) instead.
    {"hostunknown", "nxdomain"},
    {"hostunknown", "domain name not found"},
    {"hostunknown", "host name lookup failure"},
    // A DNS failure the reporting server treats as temporary (it names the lookup, not the domain).
    {"networkerror", "dns error"},

    // A local delivery program named in the text is what failed, whatever it says next.
    {"mailererror", "procmail"},

    // Mailbox over quota.
    {"mailboxfull", "mailbox full"},
    {"mailboxfull", "mailbox is full"},
    {"mailboxfull", "mail box full"},
    {"mailboxfull", "mailbox has exceeded"},
    {"mailboxfull", "mailbox size limit exceeded"},
    {"mailboxfull", "mailbox would exceed"},
    {"mailboxfull", "mailbox exceeds allowed size"},
    {"mailboxfull", "mailbox over quota"},
    {"mailboxfull", "mailfolder is full"},
    {"mailboxfull", "inbox is full"},
    {"mailboxfull", "account is full"},
    {"mailboxfull", "over quota"},
    {"mailboxfull", "overquota"},
    {"mailboxfull", "over the allowed quota"},
    {"mailboxfull", "quota exceeded"},
    {"mailboxfull", "quota exceed"},
    {"mailboxfull", "exceeded its quota"},
    {"mailboxfull", "exceeded quota"},
    {"mailboxfull", "exceeds quota"},
    {"mailboxfull", "quota full"},
    {"mailboxfull", "out of storage space"},
    {"mailboxfull", "exhausted allowed storage"},
    {"mailboxfull", "exceeded storage allocation"},
    {"mailboxfull", "exceeded its storage"},
    {"mailboxfull", "storage quota"},
    {"mailboxfull", "too much mail data"},
    {"mailboxfull", "boite du destinataire pleine"},
    {"mailboxfull", "recipient's mailbox is full"},

    // A limit the recipient set.
    {"exceedlimit", "message header size exceeds"},
    {"exceedlimit", "header size exceeds"},
    {"exceedlimit", "exceeds the recipient's limit"},
    {"exceedlimit", "limit set by recipient"},

    // The message is larger than accepted.
    {"mesgtoobig", "message too large"},
    {"mesgtoobig", "message too big"},
    {"mesgtoobig", "message is too large"},
    {"mesgtoobig", "message is too big"},
    {"mesgtoobig", "message size exceeds"},
    {"mesgtoobig", "message size limit"},
    {"mesgtoobig", "message exceeds maximum"},
    {"mesgtoobig", "exceeds maximum message size"},
    {"mesgtoobig", "exceeds the maximum message size"},
    {"mesgtoobig", "exceeds fixed maximum message size"},
    {"mesgtoobig", "max message size"},
    {"mesgtoobig", "maximum message size"},
    {"mesgtoobig", "message file too big"},
    {"mesgtoobig", "message length exceeds"},
    {"mesgtoobig", "size of the message exceeds"},
    {"mesgtoobig", "taille limite du message"},
    {"mesgtoobig", "line limit exceeded"},  // a line longer than the server accepts
    // Sympa (src/lib/Sympa.pm, the 5.2.3 diagnostic of its DSN): "its size was over the maximum size
    // allowed on the list".
    {"mesgtoobig", "over the maximum size"},
    // Gromox (grommunio, data/mail_bounce/*/BOUNCE_MAIL_TOO_LARGE): "Your message to \"ADDR\" cannot
    // be delivered properly because it's too large!" (the address stands between the message and
    // its predicate, too far apart for the concept layer).
    {"mesgtoobig", "because it's too large"},

    // Mailbox disabled, suspended, locked.
    {"suspend", "account disabled"},
    {"suspend", "account has been disabled"},
    {"suspend", "account is disabled"},
    {"suspend", "account that you tried to reach is disabled"},
    {"suspend", "mailbox disabled"},
    {"suspend", "mailbox is disabled"},
    {"suspend", "mailbox has been disabled"},
    {"suspend", "account is inactive"},
    {"suspend", "account inactive"},
    {"suspend", "mailbox is inactive"},
    {"suspend", "mailbox not active"},
    {"suspend", "account has been suspended"},
    {"suspend", "account is suspended"},
    {"suspend", "account suspended"},
    {"suspend", "mailbox suspended"},
    {"suspend", "mailbox has been suspended"},
    {"suspend", "mailbox is frozen"},
    {"suspend", "account is frozen"},
    {"suspend", "account has been deactivated"},
    {"suspend", "account deactivated"},
    {"suspend", "account is locked"},
    {"suspend", "account has been locked"},
    {"suspend", "temporarily locked"},
    {"suspend", "temporary locked"},
    {"suspend", "account has expired"},
    {"suspend", "account expired"},
    {"suspend", "recipient account is blocked"},
    {"suspend", "compte du destinataire est bloque"},
    {"suspend", "is a deactivated mailbox"},
    {"suspend", "inactive email address"},  // Apple iCloud Mail: an address that is no longer in use
    {"suspend", "inactive address"},

    // The mailbox moved.
    {"hasmoved", "has been replaced by"},
    {"hasmoved", "address has moved"},
    {"hasmoved", "mailbox has moved"},
    {"hasmoved", "user has moved"},

    // Authentication demanded of the sending client, before the relay phrases that mention it.
    {"securityerror", "relay through this server without authentication"},
    {"securityerror", "unauthenticated senders not allowed"},
    {"securityerror", "authentication required"},
    {"securityerror", "authentication is required"},
    {"securityerror", "requires authentication"},
    {"securityerror", "must authenticate"},
    {"securityerror", "smtp authentication"},
    {"securityerror", "authrequired"},

    // No relaying for this sender.
    {"norelaying", "relay access denied"},
    {"norelaying", "no relaying"},
    {"norelaying", "relaying denied"},
    {"norelaying", "relay denied"},
    {"norelaying", "relay not permitted"},
    {"norelaying", "relaying not permitted"},
    {"norelaying", "relaying not allowed"},
    {"norelaying", "relay not allowed"},
    {"norelaying", "not permitted to relay"},
    {"norelaying", "not allowed to relay"},
    {"norelaying", "unable to relay"},
    {"norelaying", "we do not relay"},
    {"norelaying", "relaying prohibited"},
    {"norelaying", "email address is not verified"},

    // SPF, DKIM, DMARC.
    {"authfailure", "dmarc"},
    {"authfailure", "dkim"},
    {"authfailure", "spf check"},
    {"authfailure", "bad spf"},
    {"authfailure", "spf fail"},
    {"authfailure", "spf validation"},
    {"authfailure", "spf softfail"},
    {"authfailure", "spf checks"},
    {"authfailure", "failed spf"},
    {"authfailure", "spf:"},
    {"authfailure", "sender policy framework"},
    {"authfailure", "does not have authentication information"},
    {"authfailure", "fails to pass authentication"},
    {"authfailure", "sender is unauthenticated"},
    {"authfailure", "unauthenticated email"},

    // Reverse DNS of the sending host.
    {"requireptr", "reverse dns"},
    {"requireptr", "reverse lookup"},
    {"requireptr", "reverse hostname"},
    {"requireptr", "ptr record"},
    {"requireptr", "ptr resource record"},
    {"requireptr", "no ptr"},
    {"requireptr", "ip name lookup failed"},
    {"requireptr", "cannot find your hostname"},
    {"requireptr", "cannot resolve your address"},
    {"requireptr", "client host name"},
    {"requireptr", "mismatches client ip"},
    {"requireptr", "rdns"},
    {"requireptr", "unverifyable sending ip"},  // the sending IP does not resolve to the sender's host

    // Message format.
    {"notcompliantrfc", "not rfc 5322 compliant"},
    {"notcompliantrfc", "not rfc5322 compliant"},
    {"notcompliantrfc", "rfc 5322 specifications"},
    {"notcompliantrfc", "not rfc compliant"},
    {"notcompliantrfc", "not compliant with rfc"},
    {"notcompliantrfc", "multiple addresses in from"},
    {"notcompliantrfc", "multiple subject headers"},
    {"notcompliantrfc", "duplicate header"},
    {"notcompliantrfc", "missing message-id"},
    {"notcompliantrfc", "message-id header"},

    // Reputation.
    {"badreputation", "ip reputation"},
    {"badreputation", "poor reputation"},
    {"badreputation", "bad reputation"},
    {"badreputation", "low reputation"},
    {"badreputation", "sender reputation"},
    {"badreputation", "domain reputation"},
    {"badreputation", "unexpected volume or user complaints"},

    // cPanel's Exim says this when it cannot route the address; it goes on to list block lists and
    // DNS entries as other possible causes, so it must come before the block list phrases.
    {"hostunknown", "account or domain may not exist"},

    // The sender's own address is on the destination's list (before the block list words: it is
    // the address that is refused, not the sending host). qmail-remote words a MAIL FROM refusal as
    // "does not like sender" (notqmail qmail-remote.c).
    {"rejected", "sender is on"},
    {"rejected", "sender is blacklisted"},
    {"rejected", "sender address is blacklisted"},
    {"rejected", "does not like sender"},

    // Block lists and refused sending hosts.
    {"blocked", "blocked using"},
    {"blocked", "black list"},
    {"blocked", "blacklisted"},
    {"blocked", "blocklisted"},
    {"blocked", "blacklist"},
    {"blocked", "blocklist"},
    {"blocked", "block list"},
    {"blocked", "spamhaus"},
    // Proofpoint's refusal points to its IP reputation lookup (Proofpoint "IP reputation" help:
    // "554 Blocked - see https://ipcheck.proofpoint.com/?ip=..."): the sending IP is blocked.
    {"blocked", "ipcheck.proofpoint.com"},
    {"blocked", "blocked - see"},
    {"blocked", "spamcop"},
    {"blocked", "sorbs"},
    {"blocked", "barracudacentral"},
    {"blocked", "dnsbl"},
    {"blocked", "client host blocked"},
    {"blocked", "] blocked"},
    {"blocked", "client host rejected: may not be mail exchanger"},
    {"blocked", "banned sending ip"},
    {"blocked", "ip address blocked"},
    {"blocked", "your ip address has been blocked"},
    {"blocked", "adresse ip source bloquee"},
    {"blocked", "not accepting connections"},
    {"blocked", "may not be mail exchanger"},
    {"blocked", "smtp server of your isp"},
    {"blocked", "blocked for abuse"},
    {"blocked", "invalid ip for sending mail"},
    {"blocked", "is an open relay"},  // the sending host is listed as an open relay
    {"blocked", "my name was rejected"},  // qmail: the remote server refused our HELO
    // The server refuses its service to this client, the session itself (RFC 5321 section 3.1: a
    // server may refuse a session with 554, or 421 "Service not available" to close it): what is
    // refused is the sending host, not a recipient or the message ("Service refused, please try
    // later"). "Service unavailable" (the server's own trouble) stays systemerror.
    {"blocked", "service refused"},

    // The sender address was refused.
    {"rejected", "sender rejected"},
    {"rejected", "sender address rejected"},
    {"rejected", "sender verify failed"},
    {"rejected", "sender verification"},
    {"rejected", "domain of sender address"},
    {"rejected", "sender domain"},
    {"rejected", "invalid sender"},
    {"rejected", "sender denied"},
    {"rejected", "sender not allowed"},
    {"rejected", "mail from rejected"},
    // A group or list that takes posts only from members or authorised senders refuses this sender,
    // not the address it was sent to: Google Groups' notice ("you may not have permission to post
    // messages to the group"), groups.io's owner manual (a non-member's post is rejected with a
    // notice that the sender must be a member to post), Microsoft's NDR for a restricted
    // distribution group ("you do not have permission to send to this distribution list").
    {"rejected", "permission to post"},
    {"rejected", "not allowed to post"},
    {"rejected", "must be a member of the group to post"},
    {"rejected", "permission to send to this distribution"},
    {"rejected", "permissions to send to this distribution"},
    // Sympa (src/lib/Sympa.pm, the 5.7.1 diagnostic of its DSN when a list's send scenario refuses
    // the poster): "You are not allowed to send this message".
    {"rejected", "not allowed to send this message"},

    // The recipient's domain or host does not exist.
    {"hostunknown", "host or domain name not found"},
    // The recipient's domain is not in the DNS at all: "domain name ... does not appear to be
    // registered" (MailEnable's notice), "failed to lookup 'example.net'" (Stalwart's dsn.rs).
    {"hostunknown", "does not appear to be registered"},
    {"hostunknown", "domain is not registered"},
    {"hostunknown", "domain name is not registered"},
    {"hostunknown", "failed to lookup"},
    {"hostunknown", "domain not found"},
    {"hostunknown", "host not found"},
    {"hostunknown", "unknown host"},
    {"hostunknown", "host unknown"},
    {"hostunknown", "unknown domain"},
    {"hostunknown", "domain unknown"},
    {"hostunknown", "no such domain"},
    {"hostunknown", "domain does not exist"},
    {"hostunknown", "domain is not reachable"},
    {"hostunknown", "no mx record"},
    {"hostunknown", "unrouteable address"},

    // The recipient does not exist.
    // Microsoft 365 directory-based edge blocking and Postfix access maps: the address is not known.
    {"userunknown", "recipient address rejected: access denied", true},
    {"userunknown", "user unknown"},
    {"userunknown", "unknown user"},
    {"userunknown", "user is unknown"},
    {"userunknown", "unknown recipient"},
    {"userunknown", "recipient unknown"},
    {"userunknown", "unknown address"},
    {"userunknown", "address unknown"},
    {"userunknown", "addressee unknown"},
    {"userunknown", "mailbox unknown"},
    {"userunknown", "unknown local part"},
    {"userunknown", "no such user", true},
    {"userunknown", "no such mailbox", true},
    {"userunknown", "no such recipient", true},
    {"userunknown", "no such address"},
    {"userunknown", "no such account", true},
    {"userunknown", "no such local user", true},
    {"userunknown", "no mailbox here by that name", true},
    {"userunknown", "user not found", true},
    {"userunknown", "recipient not found", true},
    {"userunknown", "recipientnotfound", true},
    {"userunknown", "recipnotfound", true},
    {"userunknown", "mailbox not found", true},
    {"userunknown", "address not found", true},
    {"userunknown", "address couldn't be found", true},
    {"userunknown", "account not found"},
    {"userunknown", "invalid recipient"},
    {"userunknown", "invalid mailbox"},
    {"userunknown", "not a valid mailbox"},
    {"userunknown", "is not a valid user"},
    {"userunknown", "does not exist"},
    {"userunknown", "doesn't exist"},
    {"userunknown", "user doesn't have a", true},
    // HCL (Lotus) Domino's router when the directory lists no such person: "User x not listed in
    // Domino Directory" (older releases: "... in public Name & Address Book").
    {"userunknown", "not listed in domino directory", true},
    {"userunknown", "not listed in public name & address book", true},
    {"userunknown", "bad destination mailbox address"},
    {"userunknown", "adresse destinataire invalide"},
    {"userunknown", "destinataire inconnu"},
    {"userunknown", "unknown or illegal alias"},
    {"userunknown", "mailbox unavailable"},

    // Refused by the recipient's filter.
    {"filtered", "recipient preferences"},
    {"filtered", "rejected by recipient's filter"},
    {"filtered", "message filtered"},
    // Sieve's reject action (RFC 5429 section 2.2: "Your message to <x> was automatically
    // rejected:" followed by the recipient's own words).
    {"filtered", "was automatically rejected"},

    // Viruses and spam.
    {"virusdetected", "virus"},
    {"virusdetected", "malware"},
    {"virusdetected", "infected"},
    {"spamdetected", "spam detected"},
    {"spamdetected", "detected as spam"},
    {"spamdetected", "identified as spam"},
    {"spamdetected", "classified as spam"},
    {"spamdetected", "spam classification"},
    {"spamdetected", "considered spam"},
    {"spamdetected", "rejected as spam"},
    {"spamdetected", "suspected spam"},
    {"spamdetected", "likely spam"},
    {"spamdetected", "looks like spam"},
    {"spamdetected", "probable spam"},
    {"spamdetected", "spam message"},
    {"spamdetected", "spam content"},
    {"spamdetected", "spam score"},
    {"spamdetected", "spam filter"},
    {"spamdetected", "spamassassin"},
    {"spamdetected", "likely unsolicited"},
    {"spamdetected", "unsolicited"},
    {"spamdetected", "message content rejected"},
    {"spamdetected", "content rejected"},
    // QQ Mail / Tencent Exmail (help page id=20022, no=1000726): "550 Mail content denied." for content
    // many users reported as spam.
    {"spamdetected", "content denied"},
    {"spamdetected", "junk mail"},
    {"spamdetected", "- spam"},

    // A content filter that held the message back after the address was accepted, for a reason
    // none of the phrases above names (after them: "content filter judged it to be spam" is spam).
    {"filtered", "content filter"},

    // Policies of the destination.
    {"policyviolation", "policy violation"},
    {"policyviolation", "policy reasons"},
    {"policyviolation", "violates our policy"},
    {"policyviolation", "violation of our policy"},
    {"policyviolation", "denied by policy"},
    {"policyviolation", "rejected by policy"},
    {"policyviolation", "content presents a potential"},
    {"policyviolation", "message not allowed"},
    {"policyviolation", "protocol violation"},
    {"policyviolation", "header error"},  // a header the destination's policy refuses

    // Sending too fast, too many connections.
    {"speeding", "receiving mail at a rate"},
    {"speeding", "recipients this hour"},
    {"speeding", "rate limit"},
    {"speeding", "ratelimit"},
    {"speeding", "sending rate"},
    {"speeding", "too many messages"},
    {"speeding", "too many emails"},
    {"speeding", "throttled"},
    {"speeding", "sending too fast"},
    // QQ Mail / Tencent Exmail (help page id=20022, no=1000723-1000725): "Ip frequency limited",
    // "Sender frequency limited", "Domain frequency limited": more messages per minute, hour or day
    // than it takes from one IP, sender or domain; refused until the period ends.
    {"speeding", "frequency limited"},
    {"toomanyconn", "too many connections"},
    {"toomanyconn", "too many concurrent"},
    {"toomanyconn", "too many simultaneous"},
    {"toomanyconn", "too many sessions"},
    {"toomanyconn", "connection limit"},
    {"toomanyconn", "too many recipients"},

    // Destination resources.
    {"systemfull", "insufficient system storage"},
    {"systemfull", "insufficient disk space"},
    {"systemfull", "no space left on device"},
    {"systemfull", "out of disk space"},
    {"systemfull", "mail system full"},
    {"systemfull", "disk full"},

    // Delivery given up after retrying, and network trouble.
    {"expired", "delivery time expired"},
    // Korean webmail (Naver): "could not deliver within the set time" (정해진 시간 안에 ... 전달하지 못했습니다).
    {"expired", "\uc815\ud574\uc9c4 \uc2dc\uac04 \uc548\uc5d0"},
    {"expired", "retry time"},
    {"expired", "message expired"},
    // Delivery given up when the queue's time limit ran out: `expired` (the vocabulary's meaning),
    // whatever last temporary error came before it. qmail-send: "I'm not going to try again; this
    // message has been in the queue too long."; Sendmail (queue.c) "Cannot send message for 5 days";
    // DragonFly's dma (dma.c, deliver()) "Could not deliver for the last N seconds. Giving up."; the
    // same in other words: "was not delivered within 2 days"; Exim (deliver.c) when every host of a
    // domain has failed past its retry time: "all hosts have been failing for a long time"; Yahoo:
    // "unable to deliver ... after multiple retries, giving up".
    {"expired", "queue lifetime"},
    {"expired", "too long in queue"},
    {"expired", "in the queue too long"},
    {"expired", "after multiple retries"},
    {"expired", "cannot send message for"},
    {"expired", "could not deliver for the last"},
    {"expired", "not delivered within"},
    {"expired", "have been failing for a long time"},
    {"expired", "timed out"},
    {"expired", "timeout"},
    {"networkerror", "name service error"},
    {"networkerror", "network error"},
    {"networkerror", "network is unreachable"},
    {"networkerror", "no route to host"},
    {"networkerror", "connection refused"},
    {"networkerror", "connection reset"},
    {"networkerror", "lost connection"},
    {"networkerror", "connection dropped"},
    {"networkerror", "could not connect"},
    // Haraka (outbound/hmail.js) when no MX of the domain could be reached: "Tried all MXs".
    {"networkerror", "tried all mxs"},
    {"networkerror", "unable to connect"},
    {"networkerror", "temporary dns failure"},
    {"networkerror", "servfail"},
    {"networkerror", "mail loop"},
    {"networkerror", "loop detected"},
    {"networkerror", "loops back to myself"},
    {"networkerror", "too many hops"},
    {"networkerror", "hop count exceeded"},

    // Encryption.
    {"failedstarttls", "starttls"},
    {"failedstarttls", "tls required"},
    {"failedstarttls", "tls is required"},
    {"failedstarttls", "requires tls"},
    {"failedstarttls", "tls handshake"},
    {"failedstarttls", "tls negotiation"},
    {"failedstarttls", "encryption required"},

    // The destination's system.
    {"mailererror", "mailer error"},
    {"mailererror", "command died with status"},
    {"mailererror", "command failed"},
    {"mailererror", "exit code"},
    {"mailererror", "unix mailer"},
    {"mailererror", "smrsh"},
    // Exim names a failed delivery to a command as the address "pipe to |/path/command" (Exim's
    // specification, "The pipe transport"): what failed is the local program.
    {"mailererror", "pipe to |"},
    // sysexits.h EX_OSERR as Sendmail words it: the delivery program failed (before "system error").
    {"mailererror", "operating system error"},
    {"systemerror", "local error in processing"},
    {"systemerror", "temporary local problem"},
    {"systemerror", "internal error"},
    {"systemerror", "internal server error"},
    {"systemerror", "system error"},
    {"systemerror", "server error"},
    {"systemerror", "service currently unavailable"},
    {"systemerror", "service unavailable"},

    // The sending service's own suppression list.
    {"suppressed", "suppression list"},
    {"suppressed", "address is suppressed"},

    // Content the destination could not handle.
    {"contenterror", "8-bit data"},
    {"contenterror", "8bit data"},
    {"contenterror", "invalid mime"},
    {"contenterror", "mime error"},
    {"contenterror", "illegal characters in header"},

    // Security refusals not said more precisely above.
    {"securityerror", "not authorized"},
    {"securityerror", "authentication failed"},

    // Protocol errors.
    {"syntaxerror", "syntax error"},
    {"syntaxerror", "command not recognized"},
    {"syntaxerror", "command unrecognized"},
    {"syntaxerror", "unrecognized command"},
    {"syntaxerror", "bad sequence of commands"},
    {"syntaxerror", "parameter not implemented"},
    {"syntaxerror", "command not implemented"},

    // Last: "Recipient address rejected:" says only that the address was refused; any more specific
    // words after it ("Policy violation", "Spam detected", "User unknown"), or a specific status
    // code ("5.7.26"), win.
    {"userunknown", "address rejected", false, true},
};

// Real patterns, each bounded so that it cannot backtrack without limit.
constexpr PatternRule kPatternRules[] = {
    // "The mailbox <x@y> does not exist", "recipient address x@y is invalid".
    {"userunknown", R"((?:mailbox|recipient|user|account|address)\s+<?[^\s<>@]{1,64}@[^\s<>]{1,255}>?\s+)"
                    R"((?:does\s+not\s+exist|is\s+unknown|is\s+invalid|not\s+found))"},
    // "Mailbox x@y has exceeded its size limit".
    {"mailboxfull", R"(mailbox\s+\S{1,320}\s+(?:is\s+full|has\s+exceeded))"},
    // "Message size 12345678 exceeds size limit 10240000".
    {"mesgtoobig", R"(message\s+size\s+\d{1,12}\s+exceeds)"},
};

}  // namespace

std::span<const TextRule> text_rules() { return kTextRules; }
std::span<const PatternRule> pattern_rules() { return kPatternRules; }

}  // namespace bouncekit::classify
