// Postfix: its DSNs (the usual case) go through decode_rfc3464; without a
// delivery-status part, the notice itself lists one paragraph per recipient:
//
//   This is the mail system at host relay.example.net.     (older: "the Postfix program")
//   ...
//   <user@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
//       <user@example.org>: Recipient address rejected: User unknown (in reply to
//       RCPT TO command)
//
// and the postmaster's "Postfix SMTP server: errors from ..." notice carries
// the transcript of a session this server failed ("In:" / "Out:" lines).
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decode/address.hpp"
#include "decode/delivery_status.hpp"
#include "decode/mta/unix.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Body markers of Postfix's notices and DSNs.
constexpr std::string_view kGreetings[] = {"This is the mail system at host",
                                           "This is the Postfix program at host"};
constexpr std::string_view kDsnFields[] = {"X-Postfix-Queue-ID:", "X-Postfix-Sender:"};
constexpr std::string_view kTranscriptSubject = "Postfix SMTP server: errors from";
// Where the notice's recipient paragraphs end.
constexpr std::string_view kEndMarkers[] = {
    "--- Delivery report unavailable ---", "--- Undelivered message follows ---",
    "--- Delivery error report follows ---", "Content-Description: Undelivered Message"};

// "<user@example.org>: ..." or "<user@example.org> (expanded from <list@example.org>): ...".
// Returns the address and sets `rest` to the text after the colon; "" if the line is no such start.
std::string paragraph_opening(std::string_view line, std::string_view& rest) {
  if (line.empty() || line.front() != '<') return {};
  std::size_t close = line.find('>');
  if (close == std::string_view::npos) return {};
  std::string address = clean_address(line.substr(0, close + 1));
  if (!looks_like_address(address)) return {};
  std::string_view after = line.substr(close + 1);
  if (util::starts_with_ci(after, " (expanded from")) {
    std::size_t end = after.find(')');
    if (end == std::string_view::npos) return {};
    after = after.substr(end + 1);
  }
  if (after.empty() || after.front() != ':') return {};
  rest = util::trim(after.substr(1));
  return address;
}

// "host mx.example.org[192.0.2.1] said:" -> "mx.example.org".
std::string remote_host(std::string_view diagnostic) {
  std::size_t at = util::find_ci(diagnostic, "host ");
  if (at == std::string_view::npos || (at > 0 && diagnostic[at - 1] != ' ')) return {};
  std::string_view host = diagnostic.substr(at + 5);
  std::size_t end = host.find_first_of("[ ");
  if (end == std::string_view::npos || host[end] != '[') return {};
  return util::to_lower(host.substr(0, end));
}

// A paragraph's wrapped lines are indented; the first line that is not ends it.
constexpr ParagraphFormat kParagraphs{.opening = paragraph_opening,
                                      .continues = ParagraphFormat::Continues::indented};

// At most `max` records are built (the records-per-message limit, docs/limits.md); the paragraphs
// after them are only counted in `left_out`.
std::vector<Record> notice_records(std::string_view notice, std::size_t max, std::size_t& left_out) {
  std::string_view text =
      cut_at_marker(notice, {kEndMarkers[0], kEndMarkers[1], kEndMarkers[2], kEndMarkers[3]});
  std::vector<Record> records;
  // Room for every paragraph at once, counted by the lines that open with '<' (at least one per
  // paragraph): grown record by record, its last doubling held the old and the new array.
  std::size_t openings = text.starts_with('<') ? 1 : 0;
  for (std::size_t at = text.find("\n<"); at != std::string_view::npos && openings < max; at = text.find("\n<", at + 2))
    ++openings;
  records.reserve(std::min(openings, max));
  RecipientParagraphs paragraphs(text, kParagraphs, max, left_out);
  while (std::optional<Paragraph> p = paragraphs.next()) {
    Record r = text_record(p->address, p->diagnostic);
    r.remote_mta = remote_host(r.diagnostic);
    records.push_back(std::move(r));
  }
  return records;
}

// The transcript of an SMTP session this server failed: each RCPT TO the
// client sent, refused at once, or accepted and then refused after DATA.
// At most `max` records are built (docs/limits.md); the failed recipients after them are counted
// in `left_out`. Read line by line, without a list of the session's lines.
std::vector<Record> transcript_records(std::string_view notice, std::size_t max, std::size_t& left_out) {
  std::vector<Record> records;
  std::vector<std::string> accepted;  // recipients the server took, waiting for the DATA verdict
  std::size_t accepted_beyond = 0;    // ... and those beyond the limit, only counted
  std::string pending;                // the recipient whose RCPT TO awaits its reply
  bool after_data = false;
  auto add = [&](std::string_view recipient, std::string_view reply, std::string_view command) {
    if (records.size() >= max) {
      ++left_out;
      return;
    }
    Record r = text_record(recipient, reply);
    r.smtp_command = std::string(command);
    records.push_back(std::move(r));
  };
  // One "In:" / "Out:" line with its wrapped lines joined.
  auto take = [&](std::string_view t) {
    if (util::starts_with_ci(t, "In:")) {
      std::string_view command = util::trim(t.substr(3));
      if (util::starts_with_ci(command, "RCPT")) {
        auto found = addresses_in(command.substr(0, command.find(" ORCPT=")));
        pending = found.empty() ? std::string() : found.front();
      } else if (util::starts_with_ci(command, "DATA")) {
        after_data = true;
      }
      return;
    }
    if (!util::starts_with_ci(t, "Out:")) return;
    std::string_view reply = util::trim(t.substr(4));
    bool failure = !reply.empty() && (reply.front() == '4' || reply.front() == '5');
    if (!pending.empty()) {
      if (failure) {
        add(pending, reply, "RCPT");
      } else if (records.size() + accepted.size() < max) {
        accepted.push_back(pending);
      } else {
        ++accepted_beyond;
      }
      pending.clear();
    } else if (after_data && failure) {
      for (const std::string& recipient : accepted) add(recipient, reply, "DATA");
      left_out += accepted_beyond;
      accepted.clear();
      accepted_beyond = 0;
      after_data = false;
    }
  };
  // Join wrapped lines: a continuation is indented deeper than " In:" / " Out:". A blank line ends
  // the session: what follows it is no continuation.
  std::string joined;
  bool started = false;
  for (std::size_t pos = 0; pos < notice.size();) {
    std::size_t eol = std::min(notice.find('\n', pos), notice.size());
    std::string_view line = notice.substr(pos, eol - pos);
    pos = eol + 1;
    std::string_view t = util::trim(line);
    if (util::starts_with_ci(t, "In:") || util::starts_with_ci(t, "Out:")) {
      if (started) take(joined);
      joined = std::string(t);
      started = true;
    } else if (started && !t.empty() && util::is_wsp(line.front())) {
      joined.append(" ").append(t);
    } else if (started && t.empty()) {
      take(joined);
      joined.clear();
    }
  }
  if (started) take(joined);
  return records;
}

// A report whose MIME structure was stripped still carries the delivery-status
// fields as text after the notice: they give each paragraph its Status and Action.
void add_inline_fields(std::vector<Record>& records, std::string_view notice, std::size_t max_blocks) {
  std::size_t at = find_line_starting(notice, {"Reporting-MTA:"});
  if (at == std::string_view::npos) return;
  DeliveryStatus ds = parse_delivery_status(notice.substr(at), max_blocks);
  // The first block of each recipient, by address in lower case: one lookup per record (a scan of
  // every block for every record was quadratic: 32 s for 20,000 recipients).
  std::unordered_map<std::string, const FieldGroup*> blocks;
  for (const FieldGroup& block : ds.recipients)
    blocks.emplace(util::to_lower(clean_address(block.get("Final-Recipient"))), &block);
  for (Record& r : records) {
    auto found = blocks.find(util::to_lower(r.recipient));
    if (found == blocks.end()) continue;
    const FieldGroup& block = *found->second;
    std::string action = util::to_lower(util::trim(block.get("Action")));
    if (action == "failed" || action == "delayed") r.action = action;
    if (r.status.empty()) r.status = find_status(block.get("Status"));
  }
}

}  // namespace

bool detect_postfix(const Context& ctx) {
  if (body_has(ctx, {kGreetings[0], kGreetings[1], kDsnFields[0], kDsnFields[1]})) return true;
  return from_daemon(ctx) && subject_has(ctx, {kTranscriptSubject});
}

std::optional<Result> decode_postfix(const Context& ctx) {
  if (std::optional<Result> dsn = decode_rfc3464(ctx)) {
    for (Record& r : dsn->records) {
      // "X-Postfix; host mx.example.org[192.0.2.1] said: 550 ...": Postfix's own
      // diagnostic type, but what follows "said:" is the remote server's reply.
      if (r.diagnostic_type != "X-POSTFIX") continue;
      if (r.reply_code.empty()) r.reply_code = find_reply_code(r.diagnostic);
      if (r.remote_mta.empty()) r.remote_mta = remote_host(r.diagnostic);
    }
    return dsn;
  }
  std::string notice = notice_text(ctx);
  std::vector<Record> records = notice_records(notice, ctx.options.max_records, ctx.records_left_out);
  add_inline_fields(records, notice, ctx.options.max_records);
  if (records.empty() && subject_has(ctx, {kTranscriptSubject}))
    records = transcript_records(notice, ctx.options.max_records, ctx.records_left_out);
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
