// Gmail's plain-text notices (before Google wrote multipart/report DSNs, see
// googleworkspace.cpp):
//
//   Delivery to the following recipient failed permanently:   (or "has been delayed:")
//        someone@example.org
//   Technical details of permanent failure:
//   Google tried to deliver your message, but it was rejected by the server for the
//   recipient domain example.org by mx.example.org. [192.0.2.1].
//   The error that the other server returned was:
//   550 5.1.1 <someone@example.org>... User unknown
//   ----- Original message -----
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decode/address.hpp"
#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kRecipientsLead = "Delivery to the following recipient";
constexpr std::string_view kDetailsLead = "Technical details of";
constexpr std::string_view kRetryLine = "Message will be retried";
constexpr std::string_view kServerSaid = "The error that the other server returned was:";
constexpr std::string_view kRemoteLead = "for the recipient domain ";


// Gmail ends the remote server's reply with "(state N)", the step of its SMTP
// session: these steps are the recipient and the message data.
constexpr std::array<Phrase<std::string_view>, 3> kStateCommands{{
    {"(state 14)", "RCPT"},
    {"(state 17)", "DATA"},
    {"(state 18)", "DATA"},
}};

// Gmail's own fixed explanations (not a remote server's words).
constexpr std::array<Phrase<vocabulary::Reason>, 4> kOwnMessages{{
    {"Storage quota exceeded", vocabulary::Reason::mailboxfull},
    {"Remote server does not support TLS", vocabulary::Reason::failedstarttls},
    {"Domain name not found", vocabulary::Reason::hostunknown},
    {"did not accept our requests to connect", vocabulary::Reason::expired},
}};

// "rejected by the server for the recipient domain example.org by mx.example.org. [192.0.2.1]."
std::string remote_host(std::string_view details) {
  std::size_t at = util::find_ci(details, kRemoteLead);
  if (at == std::string_view::npos) return {};
  std::size_t by = util::find_ci(details, " by ", at + kRemoteLead.size());
  if (by == std::string_view::npos) return {};
  std::string_view rest = details.substr(by + 4);
  std::string_view host = rest.substr(0, rest.find_first_of(" \t["));
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return util::to_lower(host);
}

// One section of a notice: the lead ("Delivery to the following recipient failed permanently:",
// or "recipients", or "has been delayed:"), the addresses, one per indented line, then the
// technical details. Every lead opens a section of its own, so that a notice listing its failed
// recipients section by section, each with its own details, loses none of them.
struct Section {
  bool delayed = false;
  std::vector<std::string> recipients;
  // The technical details, joined into one line: at most kMaxParagraphBytes, as any decoder's
  // paragraph about a failure (docs/limits.md); Google's run to a few lines.
  std::string details;
};

// The sections of `notice`, which begins with a lead.
std::vector<Section> sections_of(std::string_view notice) {
  std::vector<Section> sections;
  bool in_details = false;
  for (std::string_view line : split_lines(notice)) {
    line = util::trim(line);
    if (util::starts_with_ci(line, kRecipientsLead)) {
      sections.emplace_back().delayed = util::contains_ci(line, "delayed");
      in_details = false;
      continue;
    }
    std::string& details = sections.back().details;
    if (in_details) {
      if (details.size() < kMaxParagraphBytes) details.append(line.substr(0, kMaxParagraphBytes)).push_back(' ');
      continue;
    }
    if (util::starts_with_ci(line, kDetailsLead)) {
      in_details = true;
      details.clear();  // the details replace the retry notice of a delay
      std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) details.append(line.substr(colon + 1)).push_back(' ');
      continue;
    }
    if (util::starts_with_ci(line, kRetryLine) && details.empty()) {
      details.append(line).push_back(' ');
      continue;
    }
    // The recipients are the indented lines below the lead, one address each.
    if (details.empty() && !line.empty() && line.find(' ') == std::string_view::npos)
      for (std::string& a : addresses_in(line)) sections.back().recipients.push_back(std::move(a));
  }
  return sections;
}

}  // namespace

bool detect_gmail(const Context& ctx) {
  return from_daemon(ctx) && (header_has(ctx, "From", "@googlemail.com") || header_has(ctx, "From", "@google.com")) &&
         body_has(ctx, {kRecipientsLead});
}

std::optional<Result> decode_gmail(const Context& ctx) {
  std::string text = notice_text(ctx);
  std::string_view notice = cut_at_marker(text, {"----- Original message -----"});
  std::size_t lead = find_line_starting(notice, {kRecipientsLead});
  if (lead == std::string_view::npos) return std::nullopt;

  std::vector<Section> sections = sections_of(notice.substr(lead));
  std::size_t recipients = 0;
  for (const Section& s : sections) recipients += s.recipients.size();
  if (recipients == 0) {
    for (std::string& a : addresses_in(ctx.message.root.value("X-Failed-Recipients")))
      sections.front().recipients.push_back(std::move(a));
    recipients = sections.front().recipients.size();
  }

  std::vector<Record> records;
  records.reserve(std::min(recipients, ctx.options.max_records));  // (growing it doubled its peak)
  for (const Section& section : sections) {
    // The remote server's own words, when Gmail quotes them, make the diagnostic.
    std::string_view diagnostic = util::trim(section.details);
    if (std::size_t said = util::find_ci(diagnostic, kServerSaid); said != std::string_view::npos)
      diagnostic = util::trim(diagnostic.substr(said + kServerSaid.size()));
    const SharedText remote = remote_host(section.details);
    // What the diagnostic says is the same for every recipient of the section: read once, not once
    // per record (a notice of 10,000 recipients sharing 3 MB of details took 143 s searching it
    // again for each).
    const std::optional<std::string_view> command = first_phrase(diagnostic, kStateCommands);
    const std::optional<vocabulary::Reason> hint = first_phrase(diagnostic, kOwnMessages);
    for (const std::string& recipient : section.recipients) {
      if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
      Record r = text_record(recipient, diagnostic);
      if (section.delayed) r.action = "delayed";
      r.remote_mta = remote;
      if (command && r.smtp_command.empty()) r.smtp_command = std::string(*command);
      r.hint = hint;
      records.push_back(std::move(r));
    }
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
