// NetEase (163.com, 126.com, yeah.net): its refusal codes, documented on its help pages
// (mail.163.com/help/help_spam_16.htm, "企业退信代码"): DT:SPM is content judged to be spam,
// RP:RDN / RP:CEL are a reputation or rate block of the sending IP, MI:NHD a missing HELO name.
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"163.com", "126.com", "yeah.net", "188.com"};  // and below: vip.163.com

constexpr std::string_view kHosts[] = {
    "netease.com",  // 163mx*.mxmail.netease.com
    "163.com",
    "126.com",
    "yeah.net",
    "163.net",
};

constexpr Rule kRules[] = {
    {"spamdetected", "dt:spm", ""},
    {"badreputation", "rp:rdn", ""},
    {"speeding", "rp:cel", ""},
    {"blocked", "mi:nhd", ""},
};

}  // namespace

const Provider netease{"netease", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
