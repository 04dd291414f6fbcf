// Sendmail (V8): usually a DSN, decoded by decode_rfc3464; the notice adds
// what the DSN lacks when a local mailer (a pipe, procmail) failed: the
// Diagnostic-Code then holds an exit status ("X-Unix; 255") and the session
// transcript the real message ("554 5.3.0 unknown mailer error 255").
// Without a DSN (or forwarded by a person, quoted with "> "), the notice:
//
//      ----- The following addresses had permanent fatal errors -----
//   <user@example.org>
//       (reason: 550 5.1.1 <user@example.org>... User unknown)
//
//      ----- Transcript of session follows -----
//   ... while talking to mx.example.org.:
//   >>> RCPT To:<user@example.org>
//   <<< 550 5.1.1 <user@example.org>... User unknown
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decode/address.hpp"
#include "decode/mta/unix.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kPermanent = "----- The following addresses had permanent fatal errors -----";
constexpr std::string_view kTransient = "----- The following addresses had transient non-fatal errors -----";
constexpr std::string_view kTranscript = "----- Transcript of session follows -----";
// Where the notice ends and the returned message, or its header, begins.
constexpr std::string_view kEndMarkers[] = {"----- Original message follows -----",
                                            "----- Message header follows -----",
                                            "----- Returned message follows -----", "Reporting-MTA:"};
constexpr std::string_view kReason = "(reason:";

// The notice with one level of "> " quoting removed, if a person forwarded it quoted.
std::string unquoted(std::string_view text) {
  std::size_t quoted = 0;
  std::size_t lines = 0;
  for (std::string_view line : split_lines(text)) {
    ++lines;
    quoted += !line.empty() && line.front() == '>';
  }
  if (quoted * 2 < lines) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::string_view line : split_lines(text)) {
    if (!line.empty() && line.front() == '>') {
      line.remove_prefix(1);
      if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    }
    out.append(line).push_back('\n');
  }
  return out;
}

// The section after `marker` up to the next "-----" line or the end of the notice.
std::string_view section(std::string_view text, std::string_view marker) {
  std::size_t at = find_line_starting(text, {marker});
  if (at == std::string_view::npos) return {};
  std::size_t body = text.find('\n', at);
  if (body == std::string_view::npos) return {};
  std::string_view rest = text.substr(body + 1);
  std::size_t end = find_line_starting(rest, {"-----"});
  return end == std::string_view::npos ? rest : rest.substr(0, end);
}

// "<user@example.org>" lines, each followed by "(reason: ...)" and "(expanded from: ...)" lines.
// At most `max` records in all (the records-per-message limit, docs/limits.md): the addresses after
// that are counted in `left_out`, not built.
void listed_records(std::string_view list, std::string_view action, const std::vector<Record>& transcript,
                    std::vector<Record>& records, std::size_t max, std::size_t& left_out) {
  // The transcript's last record for each (lower-cased) address: one look-up per listed address
  // instead of a scan of the transcript (quadratic on a long list with a long transcript).
  std::unordered_map<std::string, const Record*> by_address;
  for (const Record& from_transcript : transcript)
    by_address[util::to_lower(from_transcript.recipient)] = &from_transcript;
  Record* current = nullptr;
  for (std::string_view line : split_lines(list)) {
    std::string_view t = util::trim(line);
    if (t.empty()) continue;
    if (util::starts_with_ci(t, kReason)) {
      if (!current) continue;
      std::string_view reason = t.substr(kReason.size());
      if (!reason.empty() && reason.back() == ')') reason.remove_suffix(1);
      if (util::trim(reason).empty()) continue;  // "(reason: )": the transcript's words stand
      std::string recipient = current->recipient;
      *current = text_record(recipient, reason);
      current->action = std::string(action);
      continue;
    }
    if (t.front() == '(') continue;  // (expanded from: ...)
    // Sendmail writes the address alone on its line; others imitating the
    // layout (">>> user@host <user@host>") are not this format.
    if (t.front() != '<' && t.find(' ') != std::string_view::npos) continue;
    std::string address = clean_address(t);
    if (!looks_like_address(address)) continue;
    if (records.size() >= max) {
      ++left_out;
      current = nullptr;
      continue;
    }
    Record r;
    // The transcript's record for the same address, until a "(reason:" line says more.
    if (auto found = by_address.find(util::to_lower(address)); found != by_address.end()) r = *found->second;
    r.recipient = address;
    r.action = std::string(action);
    records.push_back(std::move(r));
    current = &records.back();
  }
}

std::vector<Record> notice_records(std::string_view notice, std::size_t max, std::size_t& left_out) {
  std::string text = unquoted(notice);
  std::string_view body =
      cut_at_marker(text, {kEndMarkers[0], kEndMarkers[1], kEndMarkers[2], kEndMarkers[3]});
  // The transcript only lends its words to the listed addresses: what it leaves out is not counted.
  std::size_t not_read = 0;
  std::vector<Record> transcript = sendmail_transcript_records(section(body, kTranscript), max, not_read);
  std::vector<Record> records;
  listed_records(section(body, kPermanent), "failed", transcript, records, max, left_out);
  listed_records(section(body, kTransient), "delayed", transcript, records, max, left_out);
  return records;
}

// The last line of the transcript that starts with a reply code: sendmail's
// own verdict on a local delivery ("554 5.3.0 unknown mailer error 255").
std::string_view verdict_line(std::string_view transcript) {
  std::string_view verdict;
  for (std::string_view line : split_lines(transcript)) {
    line = util::trim(line);
    if (line.size() >= 4 && (line[0] == '4' || line[0] == '5') && util::is_digit(line[1]) &&
        util::is_digit(line[2]) && line[3] == ' ')
      verdict = line;
  }
  return verdict;
}

// DSN blocks without a diagnostic (an empty "SMTP;" one included) get the
// notice's words about the same address; a Final-Recipient that is no address
// ("@mx.example.org") is replaced by the one address the notice lists.
void complete_from_notice(Result& dsn, std::string_view notice, std::size_t max) {
  std::size_t not_listed = 0;  // the DSN's own blocks are what the limit counts
  std::vector<Record> listed = notice_records(notice, max, not_listed);
  // The first listed record with words for each (lower-cased) address: one look-up per DSN record
  // instead of a scan of the list.
  std::unordered_map<std::string, const Record*> with_words;
  for (const Record& l : listed)
    if (!l.diagnostic.empty()) with_words.emplace(util::to_lower(l.recipient), &l);
  for (Record& r : dsn.records) {
    if (!looks_like_address(r.recipient) && dsn.records.size() == 1 && listed.size() == 1)
      r.recipient = listed.front().recipient;
    if (!r.diagnostic.empty()) continue;
    auto found = with_words.find(util::to_lower(r.recipient));
    if (found == with_words.end()) continue;
    const Record& l = *found->second;
    r.diagnostic = l.diagnostic;
    settle_status(r);
    if (r.remote_mta.empty()) r.remote_mta = l.remote_mta;
  }
}

// A DSN whose only recipient failed in a local mailer: take the transcript's words.
void add_mailer_verdict(Result& dsn, std::string_view notice) {
  if (dsn.records.size() != 1) return;  // with several, the transcript cannot be matched to one
  Record& r = dsn.records.front();
  if (r.diagnostic_type.empty() || r.diagnostic_type == "SMTP" || !r.reply_code.empty()) return;
  std::string_view transcript = util::trim(section(notice, kTranscript));
  if (verdict_line(transcript).empty()) return;
  std::string dsn_status = r.status;
  r.diagnostic = util::collapse_space(transcript);
  r.diagnostic_type.clear();  // no longer the Diagnostic-Code's value
  settle_status(r);
  r.reply_code = find_reply_code(verdict_line(transcript));
  // The DSN's status stands unless it is the class default and the verdict says more.
  std::string verdict_status = find_status(verdict_line(transcript));
  r.status = dsn_status;
  if (!verdict_status.empty() &&
      (dsn_status.empty() || (is_generic_status(dsn_status) && verdict_status[0] == dsn_status[0])))
    r.status = verdict_status;
}

}  // namespace

bool detect_sendmail(const Context& ctx) {
  if (body_has(ctx, {kPermanent, kTransient})) return true;
  // A delay warning lists no addresses, only the transcript, next to its DSN.
  return ctx.message.root.content_type.is("multipart/report") && body_has(ctx, {kTranscript});
}

std::optional<Result> decode_sendmail(const Context& ctx) {
  std::string notice = notice_text(ctx);
  if (std::optional<Result> dsn = decode_rfc3464(ctx)) {
    complete_from_notice(*dsn, notice, ctx.options.max_records);
    add_mailer_verdict(*dsn, notice);
    return dsn;
  }
  return bounce_result(notice_records(notice, ctx.options.max_records, ctx.records_left_out));
}

}  // namespace bouncekit::decode
