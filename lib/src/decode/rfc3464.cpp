// RFC 3464 delivery status notifications (and RFC 6533 global ones):
// one record per per-recipient block, with the per-message fields applied.
#include <algorithm>
#include <cctype>
#include <optional>

#include "decode/address.hpp"
#include "decode/context.hpp"
#include "decode/delivery_status.hpp"
#include "decode/human_readable.hpp"
#include "decode/original_message.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kStatusTypes[] = {"message/delivery-status", "message/global-delivery-status"};

std::string host_of(std::string_view typed_value) {
  std::string v = split_typed(typed_value).value;
  std::string_view h = util::trim(v);
  // "[192.0.2.1]" -> "192.0.2.1"; "mx.example.jp (192.0.2.1)" keeps the host name.
  if (std::size_t space = h.find_first_of(" \t"); space != std::string_view::npos) h = h.substr(0, space);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  while (!h.empty() && h.back() == '.') h.remove_suffix(1);
  return util::to_lower(h);
}

// "4.0.0 (mx.example.org: host name lookup failure)": some MTAs (old Sendmail) put the cause in a
// comment after the code when they write no Diagnostic-Code. Returns the comment's text, "" if none.
std::string status_comment(std::string_view status) {
  std::size_t open = status.find('(');
  if (open == std::string_view::npos) return {};
  std::size_t close = status.rfind(')');
  if (close == std::string_view::npos || close < open) close = status.size();
  return util::collapse_space(mime::sanitize_utf8(status.substr(open + 1, close - open - 1)));
}

std::string first_word_lower(std::string_view v) {
  v = util::trim(v);
  std::size_t end = v.find_first_of(" \t(;");
  return util::to_lower(v.substr(0, end));
}

// What the per-message fields give every record of a delivery-status part, read once: a record
// holding its own copy took a 60 KB Reporting-MTA 10,000 times (630 MB for a 0.8 MB report).
struct PerMessage {
  explicit PerMessage(const FieldGroup& group) : fields(group) {
    reporting_mta = host_of(group.get("Reporting-MTA"));
    std::string_view from = group.get("X-Postfix-Sender");
    if (from.empty()) from = group.get("X-Original-Sender");
    if (!from.empty()) sender = clean_address(from);
  }
  const FieldGroup& fields;
  SharedText reporting_mta;
  SharedText sender;
  TextReuse timestamps;  // the blocks' times, usually all the same
};

Record record_from_block(PerMessage& per_message, const FieldGroup& block) {
  Record r;
  r.recipient = clean_address(block.get("Final-Recipient"));
  r.original_recipient = clean_address(block.get("Original-Recipient"));
  if (r.recipient.empty()) r.recipient = r.original_recipient;
  r.action = first_word_lower(block.get("Action"));

  Typed diagnostic = split_typed(block.get("Diagnostic-Code"));
  r.diagnostic = util::collapse_space(mime::sanitize_utf8(diagnostic.value));
  r.diagnostic_type = diagnostic.type;
  for (char& c : r.diagnostic_type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

  r.status = find_status(block.get("Status"));
  settle_status(r);

  r.remote_mta = host_of(block.get("Remote-MTA"));
  std::string_view reporting = block.get("Reporting-MTA");
  r.reporting_mta = reporting.empty() ? per_message.reporting_mta : SharedText(host_of(reporting));

  std::string_view when = block.get("Last-Attempt-Date");
  if (when.empty()) when = block.get("Arrival-Date");
  if (when.empty()) when = per_message.fields.get("Arrival-Date");
  r.timestamp = per_message.timestamps(mime::to_iso8601_utc(when));

  r.sender = per_message.sender;
  return r;
}

bool is_success(const Record& r) {
  if (r.action == "delivered" || r.action == "relayed" || r.action == "expanded") return true;
  // Postfix's address-verification report ("sendmail -bv", postfix sendmail(1)) uses the actions
  // "deliverable" and "undeliverable" for a probed address: the first is a success.
  if (r.action == "deliverable") return true;
  return r.action.empty() && !r.status.empty() && r.status[0] == '2';
}

}  // namespace

void settle_status(Record& r) {
  // An "X-Unix; 255" diagnostic carries a program's exit status, not an SMTP reply. LMTP replies
  // are SMTP replies (RFC 2033 section 4.2).
  bool smtp_words = r.diagnostic_type.empty() || r.diagnostic_type == "SMTP" || r.diagnostic_type == "LMTP";
  r.reply_code = smtp_words ? find_reply_code(r.diagnostic) : std::string();
  r.smtp_command = find_smtp_command(r.diagnostic);
  // The remote server's own "550 5.7.1" is more precise than the summary the
  // reporting MTA puts in Status (4.4.7 "gave up", 5.0.0 "failed", ...).
  std::string remote = find_remote_status(r.diagnostic);
  if (!remote.empty()) {
    r.status = remote;
    return;
  }
  // A class-only status ("5.0.0") says less than any code in the diagnostic text.
  std::string in_text = find_status_outside_quotes(r.diagnostic);
  if (!in_text.empty() && (r.status.empty() || (is_generic_status(r.status) && in_text[0] == r.status[0])))
    r.status = in_text;
}

std::vector<const mime::Part*> delivery_status_parts(const Context& ctx, std::vector<mime::Part>& scanned) {
  std::vector<const mime::Part*> parts;
  // A report returned inside the original message (a bounce of a bounce) is
  // not this report: look inside enclosed messages only if nothing is outside.
  for (bool into_messages : {false, true}) {
    for (const mime::Part* p : all_parts(ctx.message.root, into_messages))
      for (std::string_view t : kStatusTypes)
        if (p->content_type.is(t)) parts.push_back(p);
    if (!parts.empty()) break;
  }
  if (parts.empty()) {
    // mimetic lost the part (an unclosed inner multipart swallows what follows): scan for it.
    for (std::string_view t : kStatusTypes)
      for (auto& p : mime::scan_for_parts(ctx.bytes, t)) scanned.push_back(std::move(p));
    for (const mime::Part& p : scanned) parts.push_back(&p);
  }
  return parts;
}

bool detect_rfc3464(const Context& ctx) {
  const mime::ContentType& ct = ctx.message.root.content_type;
  if (ct.is("multipart/report") && util::contains_ci(ct.param("report-type"), "delivery-status"))
    return true;
  if (find_part(ctx.message.root, {kStatusTypes[0], kStatusTypes[1]})) return true;
  // A part the broken tree lost: one scan for the suffix both type names share
  // (decode_rfc3464 then looks for a real Content-Type line, or gives up).
  return util::contains_ci(ctx.bytes, "delivery-status");
}

std::optional<Result> decode_rfc3464(const Context& ctx) {
  std::vector<mime::Part> scanned;
  std::vector<const mime::Part*> parts = delivery_status_parts(ctx, scanned);
  if (parts.empty()) return std::nullopt;
  Result result;
  bool any_failure = false;
  // The human-readable part, converted to UTF-8 only if some record needs it (Part::text caches it).
  static const std::string kNoExplanation;
  const std::string* explanation_cache = nullptr;
  auto explanation_text = [&]() -> const std::string& {
    if (!explanation_cache) {
      const mime::Part* explanation = explanation_part(ctx.message.root);
      explanation_cache = explanation ? &explanation->text() : &kNoExplanation;
    }
    return *explanation_cache;
  };
  // A record without Diagnostic-Code or command has the human-readable part searched for it
  // (diagnostic_for and command_for each read the whole part). A report naming thousands of
  // recipients beside a huge explanation would cost records x part size (10,000 records and a
  // 1 MB part: 8 s), so the searches stop once they have read kExplanationBytes in all; later
  // records keep what their own block says.
  constexpr std::size_t kExplanationBytes = std::size_t{128} << 20;
  std::size_t explanation_read = 0;
  auto may_read_explanation = [&]() {
    if (explanation_read >= kExplanationBytes) return false;
    explanation_read += explanation_text().size() + 1;
    return true;
  };
  const std::size_t max = ctx.options.max_records;
  for (const mime::Part* part : parts) {
    // The records-per-message limit is applied as the blocks are read (the rest is only counted),
    // so a report naming a million recipients never holds more than `max` of them.
    DeliveryStatus ds = parse_delivery_status(part->body(), max - std::min(max, result.records.size()));
    ctx.records_left_out += ds.recipients_left_out;
    PerMessage per_message(ds.per_message);
    result.records.reserve(result.records.size() + ds.recipients.size());  // (growing it doubled its peak)
    for (const FieldGroup& block : ds.recipients) {
      Record r = record_from_block(per_message, block);
      if (r.diagnostic.empty() && may_read_explanation()) {
        // No Diagnostic-Code: the human-readable part may still quote the remote server.
        r.diagnostic = diagnostic_for(explanation_text(), r.recipient);
        if (!r.diagnostic.empty()) settle_status(r);
      }
      if (r.diagnostic.empty()) r.diagnostic = status_comment(block.get("Status"));
      if (r.smtp_command.empty() && may_read_explanation())
        r.smtp_command = command_for(explanation_text(), r.recipient);
      if (r.recipient.empty() && r.status.empty() && r.diagnostic.empty()) continue;
      if (is_success(r)) {
        r.hint = vocabulary::Reason::delivered;
      } else {
        any_failure = true;
      }
      result.records.push_back(std::move(r));
    }
  }
  // One block whose Final-Recipient is no address ("rfc822; @mx.example.org", as some Sendmail
  // versions write it): the explanation may name the recipient, as the returned message's To does.
  if (std::count_if(result.records.begin(), result.records.end(), [](const Record& r) { return r.recipient.empty(); }) == 1) {
    const OriginalMessage& original = returned_message(ctx);
    std::vector<std::string> known{original.from};
    for (const Record& r : result.records)
      if (!r.recipient.empty()) known.push_back(r.recipient);
    for (Record& r : result.records)
      if (r.recipient.empty()) r.recipient = recipient_named(explanation_text(), original.to, known);
  }
  // A delivery-status part without a recipient block: an MTA decoder may
  // still find the recipients in the text (or the message ends undecodable).
  if (result.records.empty()) return std::nullopt;
  result.kind = any_failure ? Kind::bounce : Kind::delivered;
  return result;
}

}  // namespace bouncekit::decode
