// Google: Gmail and Google Workspace. Rules from Google's own reply texts, as listed in the
// Google Workspace Admin Help page "SMTP error reference" (each reply there gives its code and
// its words: "The email account that you tried to reach does not exist", "... is over quota",
// "Our system has detected an unusual rate of unsolicited mail", "... PTR records", the
// RFC 5322 conformance and SPF/DKIM authentication refusals with 5.7.26).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"gmail.com", "googlemail.com"};

constexpr std::string_view kHosts[] = {
    "google.com",      // gmail-smtp-in.l.google.com, aspmx.l.google.com
    "googlemail.com",  // gmr-smtp-in.l.googlemail.com
};

constexpr Rule kRules[] = {
    {"userunknown", "account that you tried to reach does not exist", ""},
    {"suspend", "account that you tried to reach is disabled", ""},
    {"suspend", "account that you tried to reach is inactive", ""},
    {"mailboxfull", "inbox is out of storage", ""},
    {"mailboxfull", "account that you tried to reach is over quota", ""},
    {"speeding", "receiving mail at a rate", ""},
    {"speeding", "daily user sending limit", ""},
    {"blocked", "unusual rate of unsolicited mail", ""},
    {"spamdetected", "likely unsolicited mail", ""},
    {"requireptr", "sending guidelines regarding ptr records", ""},
    {"notcompliantrfc", "rfc 5322", ""},
    {"authfailure", "spf", "5.7.26"},
    {"authfailure", "dkim", "5.7.26"},
};

}  // namespace

const Provider google{"google", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
