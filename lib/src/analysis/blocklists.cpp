// The block lists a refusal can name, and the one-pass matcher over them.
//
// One row per list: its short name (shown in reports and summary.json), its title, the words or
// DNS zone names that identify it in a refusal (lower case, matched anywhere in the diagnostic),
// and the page where a sender looks an address up and asks for removal. Zones and pages are those
// each operator documents (the page cited above the row); the words are how receiving servers
// name a list in their replies: a DNSBL's zone ("blocked using zen.spamhaus.org"), its lookup
// URL, or a provider's own code (Microsoft's S3140).
//
// A word must name the list and nothing else: "sorbs" alone is inside "absorbs", so the row
// holds "sorbs.net". Only refusals whose fix is the sender's are matched (aggregator.cpp).
// To add a list: one row, and a positive and a negative case in tests/analysis/blocklists_test.cpp.
#include "analysis/blocklists.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace bouncekit::analysis {
namespace {

struct Row {
  BlockList list;
  std::string_view family;  ///< operator; a generic row is dropped when a specific one of it matched
  bool generic;
  std::array<std::string_view, 4> words;  ///< "" = unused
};

// clang-format off
constexpr std::array kRows = std::to_array<Row>({
    // Spamhaus: zones and lookup per https://www.spamhaus.org/blocklists/ and the lookup and
    // removal centre https://check.spamhaus.org/ (SBL, XBL, PBL, DBL; ZEN combines SBL, XBL and
    // PBL; the CBL's data is part of the XBL). Data Query Service zones end in .dq.spamhaus.net.
    {{"spamhaus-zen", "Spamhaus ZEN", "https://check.spamhaus.org/", ""},
     "spamhaus", false, {"zen.spamhaus", "zen.dq.spamhaus", "", ""}},
    {{"spamhaus-sbl", "Spamhaus SBL", "https://check.spamhaus.org/", ""},
     "spamhaus", false, {"sbl.spamhaus", "sbl.dq.spamhaus", "spamhaus.org/sbl/", ""}},
    {{"spamhaus-xbl", "Spamhaus XBL (with the CBL)", "https://check.spamhaus.org/", ""},
     "spamhaus", false, {"xbl.spamhaus", "xbl.dq.spamhaus", "cbl.abuseat.org", "spamhaus.org/xbl/"}},
    {{"spamhaus-pbl", "Spamhaus PBL", "https://check.spamhaus.org/", ""},
     "spamhaus", false, {"pbl.spamhaus", "pbl.dq.spamhaus", "spamhaus.org/pbl/", ""}},
    {{"spamhaus-dbl", "Spamhaus DBL (domains)", "https://check.spamhaus.org/", ""},
     "spamhaus", false, {"dbl.spamhaus", "dbl.dq.spamhaus", "spamhaus.org/dbl/", ""}},
    {{"spamhaus", "Spamhaus (list not named)", "https://check.spamhaus.org/", ""},
     "spamhaus", true, {"spamhaus", "", "", ""}},
    // Barracuda Reputation Block List: zone b.barracudacentral.org, lookup and removal request
    // per https://www.barracudacentral.org/rbl and https://www.barracudacentral.org/lookups.
    {{"barracuda", "Barracuda Reputation Block List", "https://www.barracudacentral.org/lookups", ""},
     "barracuda", false, {"barracudacentral", "barracuda reputation", "barracudanetworks.com/reputation", ""}},
    // SpamCop Blocking List: zone bl.spamcop.net, lookup per https://www.spamcop.net/bl.shtml.
    {{"spamcop", "SpamCop Blocking List", "https://www.spamcop.net/bl.shtml", ""},
     "spamcop", false, {"spamcop", "", "", ""}},
    // Outlook.com (consumer mailboxes): the block-list replies carry code S3140 or S3150 and
    // point to mail.live.com's troubleshooting page; delisting through the form at
    // https://olcsupport.office.com/ (Microsoft's postmaster pages, https://sendersupport.olc.protection.outlook.com/pm/).
    {{"microsoft-outlook", "Outlook.com block list", "https://olcsupport.office.com/", ""},
     "microsoft", false, {"s3140", "s3150", "mail.live.com/mail/troubleshooting", "olcsupport.office.com"}},
    // Microsoft 365 / Exchange Online Protection: 5.7.606-649 "banned sending IP" and 5.7.511
    // "banned sender" (Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange
    // Online"); removal through the delist portal https://sender.office.com/.
    {{"microsoft-365", "Microsoft 365 blocked senders", "https://sender.office.com/", ""},
     "microsoft", false, {"banned sending ip", "banned sender", "sender.office.com", ""}},
    // Proofpoint Dynamic Reputation: refusals link to https://ipcheck.proofpoint.com/ (lookup and
    // removal request there), older ones to the lookup script under support.proofpoint.com/dnsbl.
    {{"proofpoint", "Proofpoint Dynamic Reputation", "https://ipcheck.proofpoint.com/", ""},
     "proofpoint", false, {"ipcheck.proofpoint", "proofpoint.com/dnsbl", "proofpoint dynamic reputation", ""}},
    // Cloudmark Sender Intelligence (CSI): lookup and reset request at https://csi.cloudmark.com/en/reset/.
    {{"cloudmark", "Cloudmark Sender Intelligence", "https://csi.cloudmark.com/en/reset/", ""},
     "cloudmark", false, {"cloudmark", "", "", ""}},
    // SORBS: zones under dnsbl.sorbs.net; the service was shut down by its owner, Proofpoint, in
    // 2024, so a refusal naming it comes from a server still querying a dead list.
    {{"sorbs", "SORBS", "", "closed in 2024: the receiving server still queries it; tell its postmaster"},
     "sorbs", false, {"sorbs.net", "", "", ""}},
    // UCEPROTECT: zones dnsbl-1/-2/-3.uceprotect.net, lookup per https://www.uceprotect.net/en/rblcheck.php.
    {{"uceprotect", "UCEPROTECT", "https://www.uceprotect.net/en/rblcheck.php", ""},
     "uceprotect", false, {"uceprotect", "", "", ""}},
    // Mailspike: zones bl.mailspike.net, z.mailspike.net, rep.mailspike.net; lookup and removal
    // per https://mailspike.org/.
    {{"mailspike", "Mailspike", "https://mailspike.org/", ""},
     "mailspike", false, {"mailspike", "", "", ""}},
    // Passive Spam Block List: zone psbl.surriel.com, lookup and removal per https://psbl.org/.
    {{"psbl", "Passive Spam Block List", "https://psbl.org/", ""},
     "psbl", false, {"psbl.surriel.com", "psbl.org", "", ""}},
    // SpamRATS: zones dyna., noptr., spam., all.spamrats.com; lookup per https://www.spamrats.com/lookup.php.
    {{"spamrats", "SpamRATS", "https://www.spamrats.com/lookup.php", ""},
     "spamrats", false, {"spamrats", "", "", ""}},
    // Abusix Mail Intelligence: zones under mail.abusix.zone; lookup and delisting per https://lookup.abusix.com/.
    {{"abusix", "Abusix Mail Intelligence", "https://lookup.abusix.com/", ""},
     "abusix", false, {"abusix", "", "", ""}},
    // Invaluement: ivmSIP, ivmSIP/24 and ivmURI lists; lookup and removal per https://www.invaluement.com/lookup/.
    {{"invaluement", "Invaluement", "https://www.invaluement.com/lookup/", ""},
     "invaluement", false, {"invaluement", "ivmsip", "ivmuri", ""}},
    // SURBL (domains in message bodies): zone multi.surbl.org, lookup per https://www.surbl.org/surbl-analysis.
    {{"surbl", "SURBL", "https://www.surbl.org/surbl-analysis", ""},
     "surbl", false, {"surbl.org", "", "", ""}},
    // URIBL (domains in message bodies): zone multi.uribl.com, lookup per https://admin.uribl.com/.
    {{"uribl", "URIBL", "https://admin.uribl.com/", ""},
     "uribl", false, {"uribl.com", "", "", ""}},
});
// clang-format on
static_assert(kRows.size() <= 64, "the matcher keeps the lists found in a 64-bit set");

// Aho-Corasick over the words of every row, each state holding the set of rows whose word ends
// there or at one of its suffixes. Transitions are dense over byte classes (the distinct
// lower-case bytes of the words; every other byte is class 0), so a walk is one table read per byte.
class Matcher {
 public:
  Matcher() {
    class_of_.fill(0);
    for (const Row& row : kRows)
      for (std::string_view word : row.words)
        for (char c : word) {
          auto& k = class_of_[static_cast<unsigned char>(c)];
          if (k == 0) k = static_cast<std::uint8_t>(classes_++);
        }
    for (int c = 'A'; c <= 'Z'; ++c) class_of_[static_cast<std::size_t>(c)] = class_of_[static_cast<std::size_t>(c + 32)];

    next_.assign(classes_, kNone);
    rows_.assign(1, 0);
    for (std::size_t r = 0; r < kRows.size(); ++r)
      for (std::string_view word : kRows[r].words) {
        if (word.empty()) continue;
        std::uint32_t s = 0;
        for (char c : word) {
          const std::size_t at = s * classes_ + class_of_[static_cast<unsigned char>(c)];
          if (next_[at] == kNone) {
            next_[at] = static_cast<std::uint32_t>(rows_.size());
            rows_.push_back(0);
            next_.resize(rows_.size() * classes_, kNone);
          }
          s = next_[s * classes_ + class_of_[static_cast<unsigned char>(c)]];
        }
        rows_[s] |= std::uint64_t{1} << r;
      }
    // Breadth first: fail links, inherited row sets, and the missing transitions filled in.
    std::vector<std::uint32_t> fail(rows_.size(), 0), queue;
    for (std::size_t k = 0; k < classes_; ++k) {
      std::uint32_t& t = next_[k];
      if (t == kNone) {
        t = 0;
      } else {
        queue.push_back(t);
      }
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const std::uint32_t s = queue[head];
      rows_[s] |= rows_[fail[s]];
      for (std::size_t k = 0; k < classes_; ++k) {
        std::uint32_t& t = next_[s * classes_ + k];
        const std::uint32_t via_fail = next_[fail[s] * classes_ + k];
        if (t == kNone) {
          t = via_fail;
        } else {
          fail[t] = via_fail;
          queue.push_back(t);
        }
      }
    }
  }

  std::uint64_t rows_in(std::string_view text) const {
    std::uint64_t found = 0;
    std::uint32_t s = 0;
    for (char c : text) {
      s = next_[s * classes_ + class_of_[static_cast<unsigned char>(c)]];
      found |= rows_[s];
    }
    return found;
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::array<std::uint8_t, 256> class_of_{};
  std::size_t classes_ = 1;
  std::vector<std::uint32_t> next_;  // states x classes
  std::vector<std::uint64_t> rows_;  // per state: the rows whose word ends here or at a suffix
};

const Matcher& matcher() {
  static const Matcher m;
  return m;
}

}  // namespace

std::vector<std::string_view> block_lists_named(std::string_view text) {
  const std::uint64_t found = matcher().rows_in(text);
  std::vector<std::string_view> names;
  if (found == 0) return names;
  for (std::size_t r = 0; r < kRows.size(); ++r) {
    if ((found >> r & 1) == 0) continue;
    if (kRows[r].generic) {
      bool specific = false;
      for (std::size_t o = 0; o < kRows.size(); ++o)
        specific |= o != r && (found >> o & 1) && kRows[o].family == kRows[r].family && !kRows[o].generic;
      if (specific) continue;
    }
    names.push_back(kRows[r].list.name);
  }
  return names;
}

const BlockList* block_list(std::string_view name) {
  for (const Row& row : kRows)
    if (row.list.name == name) return &row.list;
  return nullptr;
}

std::vector<BlockList> block_lists() {
  std::vector<BlockList> lists;
  for (const Row& row : kRows) lists.push_back(row.list);
  return lists;
}

}  // namespace bouncekit::analysis
