#include "classify/status_reasons.hpp"

#include <array>

namespace bouncekit::classify {
namespace {

struct Entry {
  std::string_view code;
  std::string_view reason;
};

// subject.detail of RFC 3463 and the IANA registry -> the reason it most often means.
// "" entries are listed to document that the code alone is too vague to decide.
constexpr std::array<Entry, 45> kStatusDetail{{
    {"1.0", ""},              {"1.1", "userunknown"},   {"1.2", "hostunknown"},
    {"1.3", "userunknown"},   {"1.4", "userunknown"},   {"1.5", "userunknown"},
    {"1.6", "hasmoved"},      {"1.7", "rejected"},      {"1.8", "rejected"},
    {"1.9", "systemerror"},   {"1.10", "notaccept"},    {"2.0", ""},
    {"2.1", "suspend"},       {"2.2", "mailboxfull"},   {"2.3", "exceedlimit"},
    {"2.4", "systemerror"},   {"3.0", "systemerror"},   {"3.1", "systemfull"},
    {"3.2", "notaccept"},     {"3.3", "systemerror"},   {"3.4", "mesgtoobig"},
    {"3.5", "systemerror"},   {"4.0", "networkerror"},  {"4.1", "networkerror"},
    {"4.2", "networkerror"},  {"4.3", "systemerror"},   {"4.4", "hostunknown"},
    {"4.5", "networkerror"},  {"4.6", "networkerror"},  {"4.7", "expired"},
    {"5.0", "syntaxerror"},   {"5.1", "syntaxerror"},   {"5.2", "syntaxerror"},
    {"5.3", "syntaxerror"},   {"5.4", "syntaxerror"},   {"5.5", "syntaxerror"},
    {"6.0", "contenterror"},  {"6.1", "contenterror"},  {"6.2", "contenterror"},
    {"6.3", "contenterror"},  {"7.0", "securityerror"}, {"7.1", "rejected"},
    {"7.2", "securityerror"}, {"7.7", "securityerror"}, {"7.9", "securityerror"},
}};

constexpr std::array<Entry, 8> kReplyCode{{
    {"421", "systemerror"}, {"450", "mailboxfull"}, {"452", "mailboxfull"}, {"550", "userunknown"},
    {"551", "hasmoved"},    {"552", "mailboxfull"}, {"553", "userunknown"}, {"554", "rejected"},
}};

}  // namespace

std::string_view reason_for_status(std::string_view status) {
  if (status.size() < 5 || status[1] != '.') return {};
  std::string_view detail = status.substr(2);
  for (const auto& e : kStatusDetail)
    if (e.code == detail) return e.reason;
  return {};
}

std::string_view reason_for_reply_code(std::string_view reply_code) {
  for (const auto& e : kReplyCode)
    if (e.code == reply_code) return e.reason;
  return {};
}

}  // namespace bouncekit::classify
