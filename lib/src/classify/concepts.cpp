// The concept layer: a diagnostic's words, normalised, matched as object x predicate.
//
// The phrase table (text_rules.cpp) knows exact wordings. Servers word the same refusal in many
// ways ("the mailbox you tried to reach is not present here", "recipient account has been
// deactivated"); what stays the same is the thing spoken of (the object: mailbox, account, IP, ...)
// and what is said of it (the predicate: does not exist, deactivated, on a block list, ...). The
// lexicon below maps words to objects and predicates; the combination table maps an object and a
// predicate found near each other in one clause to a reason. Documented in docs/classifier.md,
// "Concept layer".
//
// Sources of the vocabulary (learned from, written in our own words):
//  - RFC 3463 and the IANA enhanced status registry: the subjects (addressing, mailbox, mail system,
//    network and routing, protocol, content, security/policy) give the objects and the main predicates.
//  - RFC 5321 section 4.2 reply texts ("mailbox unavailable", "exceeded storage allocation").
//  - The reply and bounce texts in the sources of Postfix (smtpd_check.c, bounce templates), Exim
//    (deliver.c, the retry and routing messages), Sendmail (the daemon's DSN texts), OpenSMTPD.
//  - Microsoft's Exchange Online NDR reference (5.1.10, 5.2.2, 5.2.3, 5.4.1, 5.7.1, 5.7.606-649),
//    Google's SMTP error reference, Yahoo's and Apple's postmaster pages.
#include "classify/concepts.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace bouncekit::classify {
namespace {

// ---------------------------------------------------------------------------------------------
// Objects: what a refusal is about.
enum Obj : std::uint8_t {
  kUser, kRecipient, kMailbox, kAddress, kAccount, kEmail,  // the recipient's address (RFC 3463 X.1, X.2)
  kDomain, kHost,                                            // the destination system (X.1.2, X.4.4)
  kIp, kSender,                                              // the sending side (X.7.1, X.1.7, X.1.8)
  kMessage, kSize, kStorage, kDisk,                          // the message and space (X.2.2, X.3.1, X.3.4)
  kConnection, kRelay, kTls, kSpf, kAuth, kLogin, kPolicy, kQueue, kContent, kRate,
  kAttachment,  // a part of the message the destination's policy may refuse by type (X.7.1, X.6.x)
  kObjCount
};
constexpr std::uint32_t bit(Obj o) { return 1u << o; }
// Words that name the recipient's address or mailbox.
constexpr std::uint32_t kWho =
    bit(kUser) | bit(kRecipient) | bit(kMailbox) | bit(kAddress) | bit(kAccount) | bit(kEmail);
static_assert(kObjCount <= 32);
// Objects that are the subject of a check rather than a thing: a predicate near one is about it.
constexpr std::uint32_t kTopics = bit(kSpf) | bit(kTls);

// Predicates: what is said of the object. The ones marked (+) are positive: only their negation
// ("not found", "not active", "not allowed") says something, and it becomes the predicate in negate().
enum Pred : std::uint8_t {
  pAbsent, pUnknown, pExist /*+*/, pInvalid, pValid /*+*/, pDisabled, pActive /*+*/, pFull, pExceeded,
  pTooBig, pTooLong, pSpam, pVirus, pBlocked, pBlocklist, pListed, pReputation, pRate, pLimited,
  pTooMany, pTimeout, pExpired, pRefused, pAllowed /*+*/, pRequired, pFailed, pPass /*+*/, pError,
  pUnsupported, pSupported /*+*/, pMoved, pViolation, pUnresolvable, pUnreachable, pDropped,
  pNone
};

// What a negated predicate says ("not found" -> absent); pNone when the negation cancels it
// ("not full", "not spam", "not required").
constexpr Pred negate(Pred p) {
  switch (p) {
    case pExist: return pAbsent;
    case pListed: return pAbsent;  // "not listed in our directory"
    case pValid: return pInvalid;
    case pActive: return pDisabled;
    case pAllowed: return pRefused;
    case pPass: return pFailed;
    case pSupported: return pUnsupported;
    default: return pNone;
  }
}
// Positive predicates say nothing unless negated.
constexpr bool positive_only(Pred p) {
  return p == pExist || p == pValid || p == pActive || p == pAllowed || p == pPass || p == pSupported;
}

// Parts of two-word expressions ("too large", "timed out", "block list", "over quota").
enum Part : std::uint8_t { tToo, tLarge, tLong, tMany, tFast, tTime, tOut, tBlockish, tList, tOver, tIts };

enum class Kind : std::uint8_t { other, object, predicate, negation, no, part, comma };

struct Word {
  std::string_view text;  // lower case, apostrophes and hyphens folded ("doesn't" -> "doesnt")
  Kind kind;
  std::uint8_t id;
};

constexpr Word O(std::string_view t, Obj o) { return {t, Kind::object, o}; }
constexpr Word P(std::string_view t, Pred p) { return {t, Kind::predicate, p}; }
constexpr Word T(std::string_view t, Part p) { return {t, Kind::part, p}; }
constexpr Word N(std::string_view t) { return {t, Kind::negation, 0}; }

// ---------------------------------------------------------------------------------------------
// The lexicon. Plurals are found by dropping a final "s" or "es" when the word itself is not listed.
constexpr Word kLexicon[] = {
    // The recipient's address and mailbox: RFC 3463 X.1.1 "bad destination mailbox address", X.2.x
    // "mailbox"; Postfix "Recipient address rejected", "User unknown in local recipient table";
    // Google "The email account that you tried to reach ..."; Microsoft 5.1.10 "recipient not found".
    O("user", kUser), O("mailuser", kUser),
    O("recipient", kRecipient), O("addressee", kRecipient), O("rcpt", kRecipient),
    O("mailbox", kMailbox), O("inbox", kMailbox), O("mailfolder", kMailbox), O("maildrop", kMailbox),
    O("address", kAddress), O("account", kAccount), O("email", kEmail), O("mail", kEmail),
    // The destination system: X.1.2 "bad destination system address", X.4.4 "unable to route".
    O("domain", kDomain), O("subdomain", kDomain),
    O("host", kHost), O("hostname", kHost), O("server", kHost), O("mx", kHost), O("exchanger", kHost),
    O("mailhost", kHost), O("mta", kHost),
    // The sending side: X.7.1 (client refused), X.1.7/X.1.8 (sender address); Microsoft 5.7.606-649
    // "banned sending IP"; Postfix "Client host rejected", "Sender address rejected".
    O("ip", kIp), O("ipv4", kIp), O("ipv6", kIp), O("client", kIp),
    O("sender", kSender), O("originator", kSender),
    // The message and space: X.2.2 mailbox full, X.3.1 system full, X.3.4 message too big;
    // RFC 5321 552 "exceeded storage allocation"; Sendmail "Message size exceeds fixed maximum".
    O("message", kMessage), O("attachment", kAttachment), O("body", kMessage), O("letter", kMessage),
    O("file", kMessage), O("size", kSize),
    O("quota", kStorage), O("storage", kStorage), O("space", kStorage), O("capacity", kStorage),
    O("disk", kDisk), O("filesystem", kDisk), O("spool", kDisk), O("partition", kDisk),
    // Network, relaying, encryption, sender authentication, policy, queue, content (X.4.x, X.7.1
    // relaying, X.7.10/X.7.11 encryption, X.7.20-X.7.26 DKIM/SPF/DMARC, X.6.x media).
    O("connection", kConnection), O("session", kConnection), O("socket", kConnection),
    O("relay", kRelay), O("relaying", kRelay),
    O("tls", kTls), O("starttls", kTls), O("ssl", kTls), O("encryption", kTls),
    O("spf", kSpf), O("dkim", kSpf), O("dmarc", kSpf),
    // Authentication of the message's origin (RFC 7372, RFC 8601 results), apart from the SMTP AUTH
    // login of a submitting client (RFC 4954: X.7.8 "authentication credentials invalid").
    O("authentication", kAuth), O("authenticity", kAuth),
    O("credentials", kLogin), O("password", kLogin), O("login", kLogin), O("username", kLogin),
    O("policy", kPolicy), O("policies", kPolicy),
    O("queue", kQueue), O("envelope", kQueue),  // OpenSMTPD and others: "envelope expired"
    O("content", kContent), O("mime", kContent), O("header", kContent), O("encoding", kContent),
    O("charset", kContent),
    O("rate", kRate),

    // Does not exist: X.1.1; Exim "Unrouteable address"; Google "does not exist"; Microsoft
    // "Recipient not found by SMTP address lookup"; Sendmail "User unknown".
    // "unknown" is also the canned word of content filters (a milter's "User unknown"): its own predicate.
    P("unknown", pUnknown), P("unrecognized", pUnknown), P("unrecognised", pUnknown), P("unregistered", pUnknown),
    P("nonexistent", pAbsent), P("nonexistant", pAbsent), P("inexistent", pAbsent),
    P("nonexisting", pAbsent), P("deleted", pAbsent), P("removed", pAbsent),
    P("exist", pExist), P("existing", pExist), P("existent", pExist), P("found", pExist),
    P("find", pExist), P("present", pExist), P("known", pExist), P("recognized", pExist),
    P("recognised", pExist), P("registered", pExist), P("located", pExist), P("locate", pExist),
    P("invalid", pInvalid), P("bad", pInvalid), P("illegal", pInvalid), P("malformed", pInvalid),
    P("incorrect", pInvalid), P("valid", pValid),
    // Disabled: X.2.1 "mailbox disabled", X.7.13 "user account disabled"; Google "account ... is disabled".
    P("disabled", pDisabled), P("deactivated", pDisabled), P("inactive", pDisabled),
    P("suspended", pDisabled), P("locked", pDisabled), P("frozen", pDisabled), P("terminated", pDisabled),
    P("cancelled", pDisabled), P("canceled", pDisabled), P("closed", pDisabled),
    P("discontinued", pDisabled), P("dormant", pDisabled),
    P("active", pActive), P("enabled", pActive), P("activated", pActive),
    // Full: X.2.2; Sendmail/Exim "over quota"; Google "is over quota"; RFC 5321 552.
    P("full", pFull), P("overquota", pFull), P("overfull", pFull),
    P("exceeded", pExceeded), P("exceed", pExceeded), P("exceeding", pExceeded), P("reached", pExceeded),
    P("surpassed", pExceeded), P("exhausted", pExceeded), P("insufficient", pExceeded),
    // Too big: X.3.4, X.2.3; Microsoft 5.2.3 "message too large"; Postfix "message file too big".
    P("oversized", pTooBig), P("oversize", pTooBig), P("larger", pTooBig), P("bigger", pTooBig),
    T("too", tToo), T("large", tLarge), T("big", tLarge), T("long", tLong), T("many", tMany),
    T("fast", tFast), T("timed", tTime), T("time", tTime), T("out", tOut), T("over", tOver),
    T("block", tBlockish), T("black", tBlockish), T("deny", tBlockish), T("ban", tBlockish),
    T("list", tList),
    T("its", tIts), T("their", tIts), T("his", tIts), T("her", tIts),  // "the mailbox has reached its size limit"
    // Spam and viruses: X.7.1 content refusals; Google "likely unsolicited mail", "virus";
    // Microsoft "message was classified as spam"; amavisd/ClamAV "infected".
    P("spam", pSpam), P("spammy", pSpam), P("junk", pSpam), P("unsolicited", pSpam), P("phishing", pSpam),
    P("antispam", pSpam), P("scam", pSpam),
    // Unsolicited advertising is what spam is (RFC 2505 section 1: "unsolicited bulk email").
    P("advertising", pSpam), P("advertisement", pSpam), P("advertisements", pSpam),
    P("virus", pVirus), P("viruses", pVirus), P("malware", pVirus), P("infected", pVirus),
    P("trojan", pVirus), P("ransomware", pVirus), P("malicious", pVirus), P("antivirus", pVirus),
    // Block lists and reputation: Postfix "blocked using <list>"; Microsoft 5.7.606-649 "banned
    // sending IP"; Google "poor reputation"; Spamhaus and other DNSBL documentation.
    P("blocked", pBlocked), P("banned", pBlocked), P("blacklisted", pBlocked), P("blocklisted", pBlocked),
    P("denylisted", pBlocked), P("barred", pBlocked),
    P("blacklist", pBlocklist), P("blocklist", pBlocklist), P("denylist", pBlocklist), P("rbl", pBlocklist),
    P("dnsbl", pBlocklist), P("rhsbl", pBlocklist), P("uribl", pBlocklist), P("surbl", pBlocklist),
    P("listed", pListed), P("reputation", pReputation),
    // Rate: X.7.28 "mail flood"; Microsoft 4.7.500 "server busy, try again later" throttling; Google
    // "unusual rate"; Yahoo "temporarily deferred".
    P("throttled", pRate), P("throttling", pRate), P("throttle", pRate), P("ratelimited", pRate),
    P("ratelimit", pRate), P("limited", pLimited), P("limiting", pLimited),
    // Time and network: X.4.7 "delivery time expired"; Postfix "conversation ... timed out", "lost
    // connection"; Sendmail "Connection refused", "Connection reset".
    P("timeout", pTimeout), P("timedout", pTimeout), P("expired", pExpired), P("expire", pExpired),
    P("unresolvable", pUnresolvable), P("unroutable", pUnresolvable), P("unrouteable", pUnresolvable),
    P("unresolved", pUnresolvable), P("unreachable", pUnreachable),
    P("reset", pDropped), P("dropped", pDropped), P("lost", pDropped), P("interrupted", pDropped),
    // Refused / allowed: RFC 5321 550/554 texts; Postfix "Relay access denied"; X.7.1 "not authorized".
    P("refused", pRefused), P("rejected", pRefused), P("denied", pRefused), P("declined", pRefused),
    P("refuse", pRefused), P("reject", pRefused), P("prohibited", pRefused), P("forbidden", pRefused),
    P("disallowed", pRefused), P("unauthorized", pRefused), P("unauthorised", pRefused),
    P("allowed", pAllowed), P("permitted", pAllowed), P("accepted", pAllowed), P("accept", pAllowed),
    P("authorized", pAllowed), P("authorised", pAllowed), P("authorize", pAllowed), P("authorise", pAllowed),
    P("permit", pAllowed), P("allow", pAllowed),
    // Requirements and checks: RFC 3207 454/530 "must issue a STARTTLS command first"; RFC 7372 SPF/DKIM.
    P("required", pRequired), P("require", pRequired), P("mandatory", pRequired), P("needed", pRequired),
    P("must", pRequired),
    P("failed", pFailed), P("fail", pFailed), P("failure", pFailed), P("failing", pFailed),
    P("softfail", pFailed), P("hardfail", pFailed),
    P("pass", pPass), P("passed", pPass), P("aligned", pPass), P("verified", pPass),
    P("error", pError), P("unsupported", pUnsupported), P("supported", pSupported), P("support", pSupported),
    P("moved", pMoved), P("relocated", pMoved),
    P("violation", pViolation), P("violates", pViolation), P("violated", pViolation),
    P("violating", pViolation), P("breach", pViolation), P("against", pViolation),

    // Negation; contractions are folded ("doesn't" -> "doesnt", read as "does not").
    N("not"), N("never"), N("cannot"), N("cant"), N("doesnt"), N("dont"), N("didnt"), N("isnt"),
    N("arent"), N("wasnt"), N("werent"), N("hasnt"), N("havent"), N("hadnt"), N("couldnt"),
    N("wouldnt"), N("shouldnt"), N("wont"), N("nor"),
    {"no", Kind::no, 0},  // negates a predicate, or says an object is absent ("no such user", "no mailbox")
};

// Two-word expressions, read as one predicate.
struct Pair {
  Kind k1;
  std::uint8_t id1;
  Kind k2;
  std::uint8_t id2;
  Pred result;
};
constexpr Pair kPairs[] = {
    {Kind::part, tToo, Kind::part, tLarge, pTooBig},        // "too large", "too big"
    {Kind::part, tToo, Kind::part, tLong, pTooLong},        // "too long"
    {Kind::part, tToo, Kind::part, tMany, pTooMany},        // "too many"
    {Kind::part, tToo, Kind::part, tFast, pRate},           // "too fast"
    {Kind::part, tTime, Kind::part, tOut, pTimeout},        // "timed out", "time out"
    {Kind::part, tBlockish, Kind::part, tList, pBlocklist}, // "block list", "black list", "deny list"
    {Kind::part, tBlockish, Kind::predicate, pListed, pBlocked},  // "black listed"
    {Kind::part, tOver, Kind::object, kStorage, pFull},     // "over quota"
};

// Two adjacent objects read as one ("sender address" is the sender's, "mailbox size" a quota).
struct Compound {
  std::uint32_t modifiers;
  std::uint32_t heads;
  Obj result;
};
constexpr Compound kCompounds[] = {
    {bit(kSender), kWho | bit(kDomain) | bit(kHost) | bit(kIp), kSender},
    {bit(kIp) | bit(kHost), bit(kAddress), kIp},
    {bit(kUser) | bit(kRecipient) | bit(kMailbox) | bit(kAccount), bit(kSize) | bit(kStorage), kStorage},
    {bit(kMessage) | bit(kEmail) | bit(kAttachment), bit(kSize), kSize},
    {bit(kAuth), bit(kLogin), kLogin},  // "authentication credentials": the SMTP AUTH login
    {bit(kEmail), bit(kStorage), kStorage},  // "email storage"
    // "mail server", "mail host", "email exchanger": a host (RFC 5321 5.1: the domain's mail servers
    // are its MX hosts; "no mail servers exist for the recipient's address" is a domain without one).
    {bit(kEmail), bit(kHost), kHost},
};

// ---------------------------------------------------------------------------------------------
// The combination table, in priority order: when a text says two things, the row higher up wins
// (the same order as the phrase table: the more specific statement first).
struct Combination {
  std::uint32_t objects;  // mask of objects; 0 = the predicate decides alone
  std::uint64_t preds;    // mask of predicates
  std::string_view reason;
  std::string_view rule;
};
constexpr std::uint64_t pm(Pred p) { return std::uint64_t{1} << p; }
static_assert(pNone < 64);

constexpr Combination kCombinations[] = {
    // X.2.2 mailbox full / X.3.1 system full.
    {bit(kStorage) | bit(kMailbox) | bit(kAccount) | bit(kUser) | bit(kRecipient) | bit(kEmail), pm(pFull),
     "mailboxfull", "mailbox+full"},
    {bit(kStorage), pm(pExceeded), "mailboxfull", "quota+exceeded"},
    // A mailbox that exceeded a limit has run out of room (RFC 3463 X.2.2 "mailbox full": the limit
    // may be its size or its number of messages, as Dovecot's and Courier's quota settings allow).
    {bit(kMailbox), pm(pExceeded), "mailboxfull", "mailbox+exceeded"},
    {bit(kDisk), pm(pFull) | pm(pExceeded), "systemfull", "disk+full"},
    // X.3.4 / X.2.3 message too big.
    {bit(kMessage) | bit(kEmail) | bit(kSize) | bit(kAttachment), pm(pTooBig), "mesgtoobig", "message+too_big"},
    {bit(kMessage) | bit(kEmail), pm(pTooLong), "mesgtoobig", "message+too_long"},
    {bit(kSize), pm(pExceeded), "mesgtoobig", "size+exceeded"},
    // X.2.1 / X.7.13 disabled.
    {kWho, pm(pDisabled), "suspend", "account+disabled"},
    {bit(kAccount) | bit(kMailbox), pm(pBlocked) | pm(pExpired), "suspend", "account+blocked"},
    // X.1.6 moved.
    {kWho, pm(pMoved), "hasmoved", "mailbox+moved"},
    // X.7.1 relaying denied ("no relaying" is relay+absent).
    {bit(kRelay), pm(pRefused) | pm(pAbsent) | pm(pBlocked), "norelaying", "relay+denied"},
    // X.7.10 / X.7.11 encryption needed (RFC 3207).
    {bit(kTls), pm(pRequired) | pm(pFailed) | pm(pError) | pm(pRefused) | pm(pUnsupported),
     "failedstarttls", "tls+failed"},
    // X.7.20 - X.7.26 sender authentication (RFC 7372).
    {bit(kSpf), pm(pFailed) | pm(pInvalid) | pm(pRefused) | pm(pError), "authfailure", "spf+failed"},
    {bit(kAuth), pm(pFailed) | pm(pInvalid) | pm(pRefused), "authfailure", "authentication+failed"},
    {bit(kLogin), pm(pFailed) | pm(pInvalid) | pm(pRefused), "securityerror", "login+failed"},
    // Reputation and block lists (Google "poor reputation"; DNSBL refusals).
    {0, pm(pReputation), "badreputation", "reputation"},
    {0, pm(pBlocklist), "blocked", "block_list"},
    {bit(kIp) | bit(kHost) | bit(kSender) | bit(kDomain) | bit(kConnection), pm(pBlocked) | pm(pListed),
     "blocked", "ip+blocked"},
    {bit(kIp), pm(pRefused), "blocked", "ip+refused"},
    // X.1.7 / X.1.8 the sender's address.
    {bit(kSender), pm(pAbsent) | pm(pUnknown) | pm(pInvalid) | pm(pRefused), "rejected", "sender+rejected"},
    // X.1.2 / X.4.4 the destination domain.
    {bit(kDomain) | bit(kHost), pm(pAbsent) | pm(pUnknown) | pm(pUnresolvable), "hostunknown", "domain+not_found"},
    {bit(kDomain), pm(pInvalid), "hostunknown", "domain+invalid"},
    // X.5.3 too many recipients, X.4.5 / X.7.28 too many connections or messages.
    {bit(kConnection) | bit(kUser) | bit(kRecipient), pm(pTooMany), "toomanyconn", "connection+too_many"},
    {bit(kMessage) | bit(kEmail), pm(pTooMany), "speeding", "message+too_many"},
    {bit(kRate), pm(pLimited) | pm(pExceeded), "speeding", "rate+exceeded"},
    {0, pm(pRate), "speeding", "throttled"},
    // X.1.1 the recipient does not exist.
    {kWho, pm(pAbsent), "userunknown", "mailbox+not_found"},  // definite: a directory's words
    {kWho, pm(pUnknown), "userunknown", "mailbox+unknown"},
    {kWho, pm(pInvalid), "userunknown", "mailbox+invalid"},
    // X.7.1 content refusals.
    {0, pm(pVirus), "virusdetected", "virus"},
    {0, pm(pSpam), "spamdetected", "spam"},
    {bit(kPolicy), pm(pViolation) | pm(pRefused) | pm(pBlocked), "policyviolation", "policy+violation"},
    // An attachment refused for what it is (Google's SMTP error reference, 552 5.7.0 "blocked because
    // of a security issue" for executable attachments; Exchange Online's attachment-type rules): the
    // destination's content policy, not the sender or the recipient.
    {bit(kAttachment), pm(pRefused) | pm(pBlocked), "policyviolation", "attachment+refused"},
    // X.4.7 delivery time expired; X.4.1 / X.4.2 network.
    {0, pm(pTimeout), "expired", "timed_out"},
    {bit(kMessage) | bit(kEmail) | bit(kQueue), pm(pExpired), "expired", "message+expired"},
    {bit(kQueue), pm(pTooLong), "expired", "queue+too_long"},
    {bit(kConnection), pm(pRefused) | pm(pDropped) | pm(pDisabled), "networkerror", "connection+refused"},
    {bit(kHost), pm(pUnreachable), "networkerror", "host+unreachable"},
    // X.6.x media errors.
    {bit(kContent), pm(pInvalid) | pm(pError) | pm(pUnsupported), "contenterror", "content+invalid"},
};
constexpr std::size_t kNoRow = sizeof(kCombinations) / sizeof(kCombinations[0]);

// How far apart (in words) an object and its predicate may stand in one clause, and how far a
// negation reaches ("could not be found": 2; "the mailbox you tried to reach is not present": 7).
constexpr std::size_t kWindow = 8;
constexpr std::size_t kNegationReach = 3;
constexpr std::size_t kMaxWord = 24;

// ---------------------------------------------------------------------------------------------

struct Token {
  Kind kind = Kind::other;
  std::uint8_t id = 0;
  std::uint16_t clause = 0;
};

// The lexicon as an open-addressing hash table (FNV-1a), built once: most words of a text are rejected
// by one bit test of (length, first letter) before any hashing.
class LexiconIndex {
 public:
  LexiconIndex() {
    for (const Word& w : kLexicon) {
      if (w.text.size() <= kMaxWord && is_lower_ascii(w.text[0]))
        shapes_[w.text.size()] |= 1u << (w.text[0] - 'a');
      std::size_t h = hash(w.text) & kMask;
      while (slots_[h]) h = (h + 1) & kMask;
      slots_[h] = &w;
    }
  }
  const Word* find(std::string_view w) const {
    if (w.empty() || w.size() > kMaxWord || !is_lower_ascii(w[0]) || !(shapes_[w.size()] & (1u << (w[0] - 'a'))))
      return nullptr;
    for (std::size_t h = hash(w) & kMask; slots_[h]; h = (h + 1) & kMask)
      if (slots_[h]->text == w) return slots_[h];
    return nullptr;
  }

 private:
  static constexpr std::size_t kSlots = 1024;  // more than twice the lexicon: short probe runs
  static constexpr std::size_t kMask = kSlots - 1;
  static_assert(std::size(kLexicon) * 2 < kSlots);
  static constexpr bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }
  static std::uint32_t hash(std::string_view s) {
    std::uint32_t h = 2166136261u;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }
  std::array<const Word*, kSlots> slots_{};
  std::array<std::uint32_t, kMaxWord + 1> shapes_{};
};

const Word* find_word(std::string_view w) {
  static const LexiconIndex index;
  return index.find(w);
}

const Word* lookup(std::string_view w) {
  if (const Word* found = find_word(w)) return found;
  // Plural to singular, cheaply: "mailboxes" -> "mailbox", "users" -> "user".
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') {
    if (const Word* found = find_word(w.substr(0, w.size() - 1))) return found;
    if (w[w.size() - 2] == 'e') return find_word(w.substr(0, w.size() - 2));
  }
  return nullptr;
}

constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_word_byte(char c) {
  return is_lower(c) || is_upper(c) || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
constexpr bool ends_clause(char c) { return c == '.' || c == ';' || c == ':' || c == '!' || c == '?'; }

// Turns a text into tokens in one pass. A run of non-space bytes that holds an address, a host name,
// a URL, a code or a key=value ("x@example.com", "mx.example.net", "5.7.1", "spf=fail") is one opaque
// token: the words inside it are not words of the sentence. Otherwise the run is split into words;
// apostrophes (' and U+2019) and hyphens between letters are dropped ("doesn't" -> "doesnt",
// "e-mail" -> "email"), a lower-to-upper change splits ("RecipientNotFound"), ASCII is lower-cased.
class Tokenizer {
 public:
  explicit Tokenizer(std::vector<Token>& out) : out_(out) {}

  void run(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && is_space(text[i])) ++i;
      std::size_t b = i;
      while (i < text.size() && !is_space(text[i])) ++i;
      if (i > b) run_of(text.substr(b, i - b));
    }
  }

 private:
  void run_of(std::string_view s) {
    std::size_t b = 0, e = s.size();
    auto opener = [](char c) { return c == '"' || c == '\'' || c == '<' || c == '(' || c == '[' || c == '{'; };
    auto closer = [](char c) {
      return c == '"' || c == '\'' || c == '>' || c == ')' || c == ']' || c == '}' || c == ',' || ends_clause(c);
    };
    while (b < e && opener(s[b])) ++b;
    bool breaks = false, comma = false;
    while (e > b && closer(s[e - 1])) {
      if (ends_clause(s[e - 1])) breaks = true;
      if (s[e - 1] == ',') comma = true;
      --e;
    }
    std::string_view core = s.substr(b, e - b);
    bool opaque = false;
    for (char c : core)
      if (c == '@' || c == '/' || c == '\\' || c == '=' || c == '_' || c == '.' || c == ':' || c == '<' ||
          c == '>' || c == '[' || c == '#') {
        opaque = true;
        break;
      }
    if (opaque)
      opaque_token(core);
    else
      words(core);
    if (comma) push(Kind::comma, 0);
    if (breaks) ++clause_;
  }

  // An address names a mailbox ("x@example.com does not exist" is the recipient's); a bare host
  // name names a host ("mx.example.net does not exist", "example.org is unreachable"): RFC 5321
  // 4.1.2's Mailbox and Domain, the two things a refusal can name by value instead of by a word.
  // Anything else opaque (a URL, a status code, key=value) is a word of no meaning.
  void opaque_token(std::string_view s) {
    std::size_t at = s.find('@');
    bool plain = true, dot = false;
    for (char c : s) {
      if (c == '.') dot = true;
      else if (!(is_lower(c) || is_upper(c) || (c >= '0' && c <= '9') || c == '-' || c == '@' || c == '+')) plain = false;
    }
    if (plain && at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos &&
        s.find('.', at) != std::string_view::npos) {
      push(Kind::object, kAddress);
      return;
    }
    std::size_t last = s.rfind('.');
    bool tld = last != std::string_view::npos && last + 2 < s.size();
    for (std::size_t i = tld ? last + 1 : s.size(); i < s.size(); ++i)
      if (!is_lower(s[i]) && !is_upper(s[i])) tld = false;
    if (plain && dot && at == std::string_view::npos && tld && s.front() != '.') {
      push(Kind::object, kHost);
      return;
    }
    push(Kind::other, 0);
  }

  void words(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
      char c = s[i];
      bool apostrophe_utf8 = c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x99';
      if (apostrophe_utf8 || c == '\'' || c == '`') {  // inside a word: dropped
        i += apostrophe_utf8 ? 3 : 1;
        continue;
      }
      if (c == '-' && len_ > 0 && i + 1 < s.size() && is_word_byte(s[i + 1])) {  // "e-mail"
        ++i;
        continue;
      }
      if (!is_word_byte(c)) {
        flush();
        if (c == ',') push(Kind::comma, 0);
        if (c == ';' || c == '!' || c == '?') ++clause_;
        ++i;
        continue;
      }
      if (is_upper(c) && len_ > 0 && prev_lower_) flush();  // "RecipientNotFound"
      prev_lower_ = is_lower(c);
      if (len_ < kMaxWord) buf_[len_] = is_upper(c) ? static_cast<char>(c + 32) : c;
      ++len_;
      ++i;
    }
    flush();
  }

  void flush() {
    if (len_ == 0) return;
    const Word* w = len_ <= kMaxWord ? lookup(std::string_view(buf_.data(), len_)) : nullptr;
    if (w)
      push(w->kind, w->id);
    else
      push(Kind::other, 0);
    len_ = 0;
    prev_lower_ = false;
  }

  void push(Kind k, std::uint8_t id) {
    Token t;
    t.kind = k;
    t.id = id;
    t.clause = clause_;
    out_.push_back(t);
  }

  std::vector<Token>& out_;
  std::array<char, kMaxWord> buf_{};
  std::size_t len_ = 0;
  bool prev_lower_ = false;
  std::uint16_t clause_ = 0;
};

void merge_pairs(std::vector<Token>& t) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i + 1 < t.size() && t[i].clause == t[i + 1].clause) {
      bool merged = false;
      for (const Pair& p : kPairs) {
        if (t[i].kind == p.k1 && t[i].id == p.id1 && t[i + 1].kind == p.k2 && t[i + 1].id == p.id2) {
          t[w] = t[i];
          t[w].kind = Kind::predicate;
          t[w].id = p.result;
          ++w;
          ++i;
          merged = true;
          break;
        }
      }
      if (merged) continue;
    }
    t[w++] = t[i];
  }
  t.resize(w);
}

Obj compound(Obj modifier, Obj head) {
  for (const Compound& c : kCompounds)
    if ((c.modifiers & bit(modifier)) && (c.heads & bit(head))) return c.result;
  return kObjCount;
}

// Two adjacent objects ("sender address"), or an object and a later "its"/"their" object of the same
// clause ("the mailbox has reached its size limit": the mailbox's size, a quota).
void merge_compounds(std::vector<Token>& t) {
  std::size_t last_object = t.size();  // the latest object of the current clause
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (last_object < t.size() && t[last_object].clause != t[i].clause) last_object = t.size();
    if (t[i].kind == Kind::part && t[i].id == tIts && i + 1 < t.size() && t[i + 1].kind == Kind::object &&
        t[i + 1].clause == t[i].clause && last_object < t.size() && i - last_object <= kWindow) {
      Obj r = compound(Obj(t[last_object].id), Obj(t[i + 1].id));
      if (r != kObjCount) t[i + 1].id = r;
    }
    if (t[i].kind != Kind::object) continue;
    if (i + 1 < t.size() && t[i + 1].kind == Kind::object && t[i].clause == t[i + 1].clause) {
      Obj r = compound(Obj(t[i].id), Obj(t[i + 1].id));
      if (r != kObjCount) t[i].id = t[i + 1].id = r;
    }
    last_object = i;
  }
}

// A clause that speaks of the sender and names no recipient: its user, address and mailbox words are
// the sender's ("your sender address is unknown" is not a recipient that does not exist).
void attribute_to_sender(std::vector<Token>& t) {
  std::size_t b = 0;
  while (b < t.size()) {
    std::size_t e = b;
    bool sender = false, recipient = false;
    while (e < t.size() && t[e].clause == t[b].clause) {
      if (t[e].kind == Kind::object && t[e].id == kSender) sender = true;
      if (t[e].kind == Kind::object && t[e].id == kRecipient) recipient = true;
      ++e;
    }
    if (sender && !recipient)
      for (std::size_t i = b; i < e; ++i)
        if (t[i].kind == Kind::object && (kWho & bit(Obj(t[i].id)))) t[i].id = kSender;
    b = e;
  }
}

// Negation: a "not" (or "no", "never", a folded contraction) reaches the first predicate within
// kNegationReach words of the same clause, up to a comma. "no" followed by an object before any
// predicate ("no such user", "no mailbox here") says that object is absent.
void apply_negation(std::vector<Token>& t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Kind::negation && t[i].kind != Kind::no) continue;
    for (std::size_t j = i + 1; j < t.size() && j <= i + kNegationReach && t[j].clause == t[i].clause; ++j) {
      if (t[j].kind == Kind::comma || t[j].kind == Kind::negation || t[j].kind == Kind::no) break;
      if (t[j].kind == Kind::predicate) {
        Pred p = negate(Pred(t[j].id & 0x7F));
        t[j].kind = p == pNone ? Kind::other : Kind::predicate;
        t[j].id = static_cast<std::uint8_t>(p | 0x80);  // negated: kept although positive_only()
        break;
      }
      if (t[j].kind == Kind::object) {
        if (t[i].kind == Kind::no) {
          t[i].kind = Kind::predicate;
          t[i].id = pAbsent | 0x80;
        }
        break;
      }
    }
  }
  for (Token& k : t) {
    if (k.kind != Kind::predicate) continue;
    if (k.id & 0x80)
      k.id &= 0x7F;
    else if (positive_only(Pred(k.id)))
      k.kind = Kind::other;
  }
}

// The first row for each object and predicate (rows with objects == 0 excluded), and the first row
// in which a predicate decides alone; kNoRow where there is none. Built at compile time.
struct RowIndex {
  std::array<std::array<std::uint8_t, pNone>, kObjCount> with{};
  std::array<std::uint8_t, pNone> alone{};
};
static_assert(kNoRow < 255);
constexpr RowIndex make_index() {
  RowIndex x{};
  for (std::size_t p = 0; p < pNone; ++p) {
    x.alone[p] = kNoRow;
    for (std::size_t o = 0; o < kObjCount; ++o) x.with[o][p] = kNoRow;
  }
  for (std::size_t r = kNoRow; r-- > 0;) {
    const Combination& c = kCombinations[r];
    for (std::size_t p = 0; p < pNone; ++p) {
      if (!(c.preds & pm(Pred(p)))) continue;
      if (!c.objects) x.alone[p] = static_cast<std::uint8_t>(r);
      for (std::size_t o = 0; o < kObjCount; ++o)
        if (c.objects & bit(Obj(o))) x.with[o][p] = static_cast<std::uint8_t>(r);
    }
  }
  return x;
}
constexpr RowIndex kIndex = make_index();

std::size_t row_for(Obj o, Pred p) { return kIndex.with[o][p]; }
std::size_t row_alone(Pred p) { return kIndex.alone[p]; }

}  // namespace

std::optional<ConceptMatch> match_concepts(std::string_view text) {
  if (text.size() > kConceptMaxBytes) text = text.substr(0, kConceptMaxBytes);
  thread_local std::vector<Token> tokens;
  tokens.clear();
  Tokenizer(tokens).run(text);
  merge_pairs(tokens);
  merge_compounds(tokens);
  attribute_to_sender(tokens);
  apply_negation(tokens);

  std::size_t best = kNoRow;
  const std::size_t n = tokens.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (tokens[i].kind != Kind::predicate) continue;
    const Pred p = Pred(tokens[i].id);
    // A topic within the window first (the SPF check, TLS: what failed is the check, whatever else
    // the clause names); then the nearest object of the same clause that forms a combination with this
    // predicate (the earlier one first at equal distance); else the predicate alone, if it decides alone.
    std::size_t found = kNoRow;
    for (int pass = 0; pass < 2 && found == kNoRow; ++pass) {
      for (std::size_t d = 1; d <= kWindow && found == kNoRow; ++d) {
        for (int side = 0; side < 2 && found == kNoRow; ++side) {
          if (side == 0 && d > i) continue;
          std::size_t j = side == 0 ? i - d : i + d;
          if (j >= n || tokens[j].clause != tokens[i].clause || tokens[j].kind != Kind::object) continue;
          if (pass == 0 && !(kTopics & bit(Obj(tokens[j].id)))) continue;
          found = row_for(Obj(tokens[j].id), p);
        }
      }
    }
    if (found == kNoRow) found = row_alone(p);
    if (found < best) best = found;
  }
  if (best == kNoRow) return std::nullopt;
  return ConceptMatch{kCombinations[best].reason, kCombinations[best].rule};
}

bool says_not_found(const ConceptMatch& match) { return match.rule == "mailbox+not_found"; }

}  // namespace bouncekit::classify
