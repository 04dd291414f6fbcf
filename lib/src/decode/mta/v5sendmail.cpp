// Sendmail V5 (and V8 without DSN) plain-text notices: the session
// transcript is the whole report, one line per failed recipient.
//
//      ----- Transcript of session follows -----
//   While talking to mx.example.org:
//   >>> RCPT To:<user@example.org>
//   <<< 550 <user@example.org>... User unknown
//   550 <user@example.org>... User unknown
//   550 other.example (smtp)... 550 Host unknown
//   554 <someone@other.example>... 550 Host unknown (Authoritative answer from name server)
//
//      ----- Unsent message follows -----
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "decode/address.hpp"
#include "decode/mta/unix.hpp"
#include "decode/original_message.hpp"
#include "decode/plain_text.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kTranscript = "----- Transcript of session follows -----";
constexpr std::string_view kUnsent = "----- Unsent message follows -----";
// Where the transcript ends (V5, then V8 wordings).
constexpr std::string_view kEndMarkers[] = {kUnsent, "----- Original message follows -----",
                                            "----- Message header follows -----",
                                            "----- Returned message follows -----"};
constexpr std::string_view kTalkingTo = "while talking to ";

// Sendmail's own summaries after "<address>... " (its mailer exit codes in
// words, not the remote server's text) that always mean one reason.
constexpr Phrase<vocabulary::Reason> kOwnMessages[] = {
    {"Host unknown", vocabulary::Reason::hostunknown},  // "550 Host unknown (Authoritative answer from name server)"
    {"User unknown", vocabulary::Reason::userunknown},  // EX_NOUSER
};

bool is_reply_code(std::string_view s) {
  return s.size() >= 3 && (s[0] == '2' || s[0] == '4' || s[0] == '5') && util::is_digit(s[1]) &&
         util::is_digit(s[2]) && (s.size() == 3 || s[3] == ' ' || s[3] == '-');
}

// "550 5.1.1 <user@example.org>... User unknown": the code(s), the address, the text.
struct ErrorLine {
  std::string code;  // "550" or "550 5.1.1"
  std::string address;
  std::string host;  // for "550 example.org (smtp)... 550 Host unknown"
  std::string_view text;
};

std::optional<ErrorLine> error_line(std::string_view line) {
  line = util::trim(line);
  // V8 also writes "<user@example.org>... Deferred: 421" without a leading code.
  if (!line.empty() && line.front() == '<') {
    std::size_t dots = line.find(">... ");
    if (dots == std::string_view::npos) return std::nullopt;
    ErrorLine e;
    e.address = clean_address(line.substr(0, dots + 1));
    e.text = util::trim(line.substr(dots + 5));
    if (!looks_like_address(e.address)) return std::nullopt;
    return e;
  }
  if (!is_reply_code(line)) return std::nullopt;
  std::size_t dots = line.find("... ");
  if (dots == std::string_view::npos)
    dots = line.size() >= 3 && line.ends_with("...") ? line.size() - 3 : dots;
  if (dots == std::string_view::npos) return std::nullopt;
  ErrorLine e;
  std::string_view head = line.substr(0, dots);
  e.text = dots + 4 <= line.size() ? util::trim(line.substr(dots + 4)) : std::string_view();
  std::size_t space = head.find(' ');
  e.code = std::string(head.substr(0, 3));
  std::string_view who =
      space == std::string_view::npos ? std::string_view() : util::trim(head.substr(space));
  if (std::string status = find_status(who.substr(0, who.find(' '))); !status.empty()) {
    e.code += " " + status;
    who = util::trim(who.substr(who.find(' ') == std::string_view::npos ? who.size() : who.find(' ')));
  }
  std::string address = clean_address(who);
  if (looks_like_address(address)) {
    e.address = std::move(address);
  } else {
    e.host = util::to_lower(who.substr(0, who.find(' ')));
  }
  return e;
}

// `domain` is `host` or a parent of it (a failure at mx.example.org can be example.org's).
bool domain_of_host(std::string_view domain, std::string_view host) {
  if (domain.empty() || host.size() < domain.size()) return false;
  if (!util::iequals(host.substr(host.size() - domain.size()), domain)) return false;
  return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

// When Sendmail could not reach a host at all it names only the host, never the address:
//   421 example.org (smtp)... Deferred: Connection timed out during user open with example.org
// The recipient is then the one address the returned message was sent to, and only if that
// address belongs to the named host's domain: one transcript line about one host, one To/Cc
// address in it. Anything less certain (several recipients, another domain, no returned
// headers) yields nothing.
std::optional<Record> host_failure_record(std::string_view transcript, std::string_view returned) {
  std::optional<ErrorLine> failure;
  std::string failure_line;
  for (std::string_view raw_line : split_lines(transcript)) {
    std::optional<ErrorLine> e = error_line(raw_line);
    if (!e || e->host.empty() || e->code.empty() || (e->code[0] != '4' && e->code[0] != '5')) continue;
    if (failure && failure->host != e->host) return std::nullopt;  // two hosts: which address failed where?
    if (!failure) failure_line = util::collapse_space(raw_line);
    failure = std::move(e);
  }
  if (!failure) return std::nullopt;
  std::optional<InlineHeaders> headers = find_inline_headers(returned);
  if (!headers) return std::nullopt;
  std::vector<std::string> recipients;
  for (const mime::Field& f : headers->fields)
    if (util::iequals(f.name, "To") || util::iequals(f.name, "Cc"))
      for (std::string& a : addresses_in(f.value)) recipients.push_back(std::move(a));
  if (recipients.size() != 1 || !domain_of_host(domain_of(recipients.front()), failure->host)) return std::nullopt;
  Record r = text_record(recipients.front(), failure_line);
  r.remote_mta = failure->host;
  return r;
}

}  // namespace

std::vector<Record> sendmail_transcript_records(std::string_view transcript, std::size_t max,
                                                std::size_t& left_out) {
  std::vector<Record> records;
  std::string host;          // "While talking to <host>:"
  std::string remote_reply;  // the last "<<<" reply from that host
  std::string command;       // the last ">>>" command sent to it
  bool in_reply = false;     // the previous line was a "<<<" reply (a wrapped one continues indented)
  std::string rcpt;          // the address of the last ">>> RCPT To:<...>"
  // RCPT refusals seen in the dialogue: a record for each whose summary line is missing (truncated).
  struct Refusal {
    std::string address, reply, host;
  };
  std::vector<Refusal> refusals;
  // Lower-cased recipients of `records`: one record per address, found without a scan per line
  // (a scan made a 50,000-line transcript quadratic).
  std::unordered_set<std::string> seen;
  bool refusal_open = false;  // the last "<<<" reply was such a refusal, still open to continuation lines
  for (std::string_view raw_line : split_lines(transcript)) {
    std::string_view line = util::trim(raw_line);
    bool continues = in_reply && !raw_line.empty() && util::is_wsp(raw_line.front()) && !line.empty();
    in_reply = false;
    if (continues) {
      remote_reply.append(" ").append(line);
      if (refusal_open) refusals.back().reply = remote_reply;
      in_reply = true;
      continue;
    }
    refusal_open = false;
    if (util::starts_with_ci(line, "...")) line = util::trim(line.substr(3));  // V8: "... while talking to"
    if (util::starts_with_ci(line, kTalkingTo)) {
      std::string_view h = util::trim(line.substr(kTalkingTo.size()));
      while (!h.empty() && (h.back() == ':' || h.back() == '.')) h.remove_suffix(1);
      host = util::to_lower(h);
      remote_reply.clear();
      command.clear();
      continue;
    }
    if (line.starts_with(">>>")) {
      command = find_smtp_command(line);
      auto found = command == "RCPT" ? addresses_in(line, 1) : std::vector<std::string>();
      rcpt = found.empty() ? std::string() : found.front();
      remote_reply.clear();
      continue;
    }
    if (line.starts_with("<<<")) {
      remote_reply = std::string(util::trim(line.substr(3)));
      in_reply = true;
      if (!rcpt.empty() && !remote_reply.empty() && (remote_reply[0] == '4' || remote_reply[0] == '5') &&
          refusals.size() < max) {
        refusals.push_back({rcpt, remote_reply, host});
        refusal_open = true;
      }
      continue;
    }
    std::optional<ErrorLine> e = error_line(line);
    if (!e) continue;
    if (e->address.empty()) {
      // A line about another host ends the previous conversation's context.
      if (!e->host.empty() && e->host != host) {
        host = e->host;
        remote_reply.clear();
        command.clear();
      }
      continue;
    }
    if (!seen.insert(util::to_lower(e->address)).second) continue;
    if (records.size() >= max) {  // the records-per-message limit (docs/limits.md)
      ++left_out;
      continue;
    }
    // The remote server's own words first; sendmail's summary after them.
    std::string diagnostic;
    if (is_reply_code(e->text)) {
      diagnostic = std::string(e->text);
    } else if (!remote_reply.empty()) {
      diagnostic = remote_reply + " (" + std::string(e->text) + ")";
    } else {
      diagnostic = e->code.empty() ? std::string(e->text) : e->code + " " + std::string(e->text);
    }
    Record r = text_record(e->address, diagnostic);
    if (!remote_reply.empty() && !host.empty()) r.remote_mta = host;
    if (r.smtp_command.empty() && !remote_reply.empty()) r.smtp_command = command;
    std::string_view own = is_reply_code(e->text) ? util::trim(e->text.substr(3)) : e->text;
    for (const auto& p : kOwnMessages)
      if (util::starts_with_ci(own, p.text)) {
        r.hint = p.meaning;
        break;
      }
    records.push_back(std::move(r));
  }
  for (const Refusal& refusal : refusals) {
    if (!seen.insert(util::to_lower(refusal.address)).second) continue;
    if (records.size() >= max) {
      ++left_out;
      continue;
    }
    Record r = text_record(refusal.address, refusal.reply);
    r.smtp_command = "RCPT";
    r.remote_mta = refusal.host;
    records.push_back(std::move(r));
  }
  return records;
}

bool detect_v5sendmail(const Context& ctx) {
  // A truncated notice may have lost the "Unsent message" line: then the subject still says it.
  return body_has(ctx, {kTranscript}) && (body_has(ctx, {kUnsent}) || subject_has(ctx, {"Returned mail:"}));
}

std::optional<Result> decode_v5sendmail(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::size_t at = find_line_starting(notice, {kTranscript});
  if (at == std::string::npos) return std::nullopt;
  std::string_view transcript = std::string_view(notice).substr(at);
  std::string_view whole = transcript;
  transcript = cut_at_marker(transcript, {kEndMarkers[0], kEndMarkers[1], kEndMarkers[2], kEndMarkers[3]});
  std::vector<Record> records = sendmail_transcript_records(transcript, ctx.options.max_records, ctx.records_left_out);
  if (records.empty())
    if (std::optional<Record> r = host_failure_record(transcript, whole.substr(transcript.size())))
      records.push_back(std::move(*r));
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
