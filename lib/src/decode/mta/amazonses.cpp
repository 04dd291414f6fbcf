// Amazon SES. Two shapes:
//  - its DSNs (multipart/report from MAILER-DAEMON@...amazonses.com): read by
//    the RFC 3464 decoder, plus the reply code SES's older diagnostics carry
//    only inside the remote server's quoted answer ("5.1.0 - Unknown address
//    error 550-'5.7.1 ...'");
//  - its JSON notifications (bounce, complaint, delivery) mailed by SNS, either
//    bare or inside an SNS envelope whose "Message" field holds the JSON as a
//    string. Complaints are feedback, deliveries are not bounces.
// The notification's fields: Amazon SES Developer Guide, "Contents of notifications for Amazon
// SES" (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decode/address.hpp"
#include "decode/delivery_status.hpp"
#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

using nlohmann::json;

// (Unquoted: inside an SNS envelope the notification is an escaped string.)
constexpr std::string_view kNotificationType = "notificationType";
// Sendmail splits lines longer than its limit with "!" + newline + blank;
// notifications relayed through it carry these breaks inside JSON strings.
constexpr std::string_view kSendmailLineBreak = "!\n ";

std::string string_field(const json& object, const char* name) {
  if (!object.is_object()) return {};
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& object_field(const json& object, const char* name) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(name);
  return it != object.end() ? *it : kNull;
}

// The end (one past the closing brace) of the JSON object starting at `begin`; npos if it never closes.
std::size_t object_end(std::string_view text, std::size_t begin) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = begin; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The fields this decoder reads, at any depth: the SNS envelope's "Message", the notification's
// type, mail.source, the event object and its entries' fields. The parser builds no other
// member: a notification also copies every destination address and the original headers
// ("destination", "headers", "commonHeaders"), which nothing here reads.
constexpr std::array<std::string_view, 16> kReadFields{
    "Message",      "notificationType", "mail",         "source",       "bounce",
    "complaint",    "delivery",         "timestamp",    "reportingMTA", "remoteMtaIp",
    "smtpResponse", "complaintFeedbackType", "emailAddress", "diagnosticCode", "status",
    "action",
};
// The recipient lists: arrays of which at most DecodeOptions::max_records entries are built
// ("recipients": the delivery event's list of addresses).
constexpr std::array<std::string_view, 3> kRecipientLists{"bouncedRecipients", "complainedRecipients",
                                                          "recipients"};
// Nothing deeper than this is read (the fields above are at most five levels down), nor built.
constexpr std::size_t kKeptDepth = 16;

// Builds, from the parser's events (nlohmann::json's SAX interface), the JSON values this decoder
// reads and nothing else: members named in kReadFields or kRecipientLists, and of each recipient
// list its first `max` entries; the entries past those are counted in `left_out`, never built (the
// records-per-message limit, docs/limits.md). Its own builder rather than the parser's callback
// filter: that one searches its parent container for a dropped value after every object it reads,
// which over a list kept at 10,000 entries costs 10,000 steps per entry past them.
class KeptValues {
 public:
  KeptValues(std::size_t max, std::size_t& left_out) : max_(max), left_out_(left_out) {}

  json result;  ///< the top-level value, as far as it is kept

  bool null() { return value(nullptr); }
  bool boolean(bool b) { return value(b); }
  bool number_integer(json::number_integer_t n) { return value(n); }
  bool number_unsigned(json::number_unsigned_t n) { return value(n); }
  bool number_float(json::number_float_t n, const std::string&) { return value(n); }
  bool string(std::string& text) { return value(std::move(text)); }
  bool binary(json::binary_t&) { return value(nullptr); }  // (not in JSON text)
  bool start_object(std::size_t) { return open(true); }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(false); }
  bool end_array() { return close(); }
  bool key(std::string& name) {
    if (dropped_depth_ > 0) return true;
    Container& c = open_.back();
    c.list_key = is_one_of(name, kRecipientLists);
    c.key_kept = c.list_key || is_one_of(name, kReadFields);
    if (c.key_kept) c.key = std::move(name);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  // A container being read whose values are kept.
  struct Container {
    json* value;
    bool object;
    std::string key;        // its member being read (objects)
    bool key_kept = false;  // ... is one this decoder reads
    bool list_key = false;  // ... and a recipient list
    bool list = false;      // it is a recipient list (arrays)
    std::size_t entries = 0;
  };

  template <std::size_t N>
  static bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  // Where the next value goes; nullptr if it is not kept. Only the innermost container grows, so
  // the pointers to the open containers stay valid.
  json* next_slot() {
    if (dropped_depth_ > 0) return nullptr;
    if (open_.empty()) {
      if (rooted_) return nullptr;
      rooted_ = true;
      return &result;
    }
    Container& c = open_.back();
    if (c.object) return c.key_kept ? &(*c.value)[c.key] : nullptr;
    if (c.list && ++c.entries > max_) {
      ++left_out_;
      return nullptr;
    }
    c.value->push_back(nullptr);
    return &c.value->back();
  }

  template <class V>
  bool value(V&& v) {
    if (json* slot = next_slot()) *slot = json(std::forward<V>(v));
    return true;
  }

  bool open(bool object) {
    if (dropped_depth_ > 0) {
      ++dropped_depth_;
      return true;
    }
    const bool list = !object && !open_.empty() && open_.back().object && open_.back().list_key;
    json* slot = next_slot();
    if (!slot || open_.size() >= kKeptDepth) {
      dropped_depth_ = 1;  // its contents are only counted as levels
      return true;
    }
    *slot = object ? json::object() : json::array();
    open_.push_back(Container{slot, object, {}, false, false, list, 0});
    return true;
  }

  bool close() {
    if (dropped_depth_ > 0) {
      --dropped_depth_;
    } else if (!open_.empty()) {
      open_.pop_back();
    }
    return true;
  }

  std::size_t max_;
  std::size_t& left_out_;
  std::vector<Container> open_;    // at most kKeptDepth
  std::size_t dropped_depth_ = 0;  // levels open inside a value that is not kept
  bool rooted_ = false;
};

// The kept values of a JSON text (discarded if it does not parse); recipients past `max` are
// added to `left_out` once it parses.
json parse_kept(std::string_view text, std::size_t max, std::size_t& left_out) {
  std::size_t counted = 0;
  KeptValues kept(max, counted);
  if (!json::sax_parse(text, &kept)) return json(json::value_t::discarded);
  left_out += counted;
  return std::move(kept.result);
}

// Sendmail's line breaks taken out, in one pass.
std::string without_sendmail_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (std::size_t at = text.find(kSendmailLineBreak); at != std::string_view::npos;
       at = text.find(kSendmailLineBreak, from)) {
    out.append(text.substr(from, at - from));
    from = at + kSendmailLineBreak.size();
  }
  out.append(text.substr(from));
  return out;
}

// The first JSON object in the text; discarded if there is none or it does not parse.
json first_object(std::string_view text, std::size_t max, std::size_t& left_out) {
  std::size_t begin = text.find('{');
  if (begin == std::string_view::npos) return json(json::value_t::discarded);
  std::size_t end = object_end(text, begin);
  if (end == std::string_view::npos) return json(json::value_t::discarded);
  return parse_kept(text.substr(begin, end - begin), max, left_out);
}

// The SES notification in the text: the first JSON object, unwrapped from an SNS envelope.
// Recipients past `max` are counted in `left_out`. Sendmail's breaks are taken out of a text
// that does not parse as it is (before the object's end is looked for: a break may fall inside an
// escape sequence).
json notification(std::string_view text, std::size_t max, std::size_t& left_out) {
  json parsed = first_object(text, max, left_out);
  if (parsed.is_discarded() && text.find(kSendmailLineBreak) != std::string_view::npos)
    parsed = first_object(without_sendmail_breaks(text), max, left_out);
  if (parsed.is_discarded() || !parsed.is_object()) return json();
  if (!parsed.contains("notificationType")) {
    auto message = parsed.find("Message");
    if (message == parsed.end() || !message->is_string()) return json();
    json inner = parse_kept(message->get_ref<const std::string&>(), max, left_out);
    parsed = std::move(inner);
    if (parsed.is_discarded() || !parsed.is_object()) return json();
  }
  return parsed;
}

// "2016-10-21T00:06:40.502Z" -> "2016-10-21T00:06:40Z" (SES times are UTC).
std::string utc_time(std::string_view iso) {
  if (iso.size() < 19 || iso[10] != 'T') return {};
  return std::string(iso.substr(0, 19)) + "Z";
}

std::string host_of(std::string_view typed) {
  std::string value = split_typed(typed).value;
  std::string_view h = util::trim(value);
  return util::to_lower(h.substr(0, h.find_first_of(" \t")));
}

Record base_record(const json& mail, const json& event) {
  Record r;
  r.sender = clean_address(string_field(mail, "source"));
  r.timestamp = utc_time(string_field(event, "timestamp"));
  r.reporting_mta = host_of(string_field(event, "reportingMTA"));
  return r;
}

std::optional<Result> from_bounce(const Context& ctx, const json& mail, const json& bounce) {
  std::vector<Record> records;
  const json& list = object_field(bounce, "bouncedRecipients");
  if (!list.is_array()) return std::nullopt;
  for (const json& entry : list) {
    if (!room_for_record(ctx, records)) continue;
    Record r = base_record(mail, bounce);
    Typed diagnostic = split_typed(string_field(entry, "diagnosticCode"));
    Record parsed = text_record(string_field(entry, "emailAddress"), diagnostic.value);
    r.recipient = parsed.recipient;
    r.diagnostic = parsed.diagnostic;
    r.diagnostic_type = util::to_lower(diagnostic.type) == "smtp" ? "SMTP" : std::string();
    r.status = find_status(string_field(entry, "status"));
    settle_status(r);
    std::string action = util::to_lower(string_field(entry, "action"));
    r.action = action.empty() ? "failed" : action;
    r.remote_mta = string_field(bounce, "remoteMtaIp");
    if (!r.recipient.empty()) records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

std::optional<Result> from_complaint(const Context& ctx, const json& mail, const json& complaint) {
  Result result;
  result.kind = Kind::feedback;
  const json& list = object_field(complaint, "complainedRecipients");
  if (!list.is_array()) return std::nullopt;
  for (const json& entry : list) {
    if (!room_for_record(ctx, result.records)) continue;
    Record r = base_record(mail, complaint);
    r.recipient = clean_address(string_field(entry, "emailAddress"));
    r.hint = vocabulary::Reason::feedback;
    r.feedback_type = util::to_lower(string_field(complaint, "complaintFeedbackType"));
    if (!r.recipient.empty()) result.records.push_back(std::move(r));
  }
  if (result.records.empty()) return std::nullopt;
  return result;
}

std::optional<Result> from_delivery(const Context& ctx, const json& mail, const json& delivery) {
  Result result;
  result.kind = Kind::delivered;
  const json& list = object_field(delivery, "recipients");
  if (!list.is_array()) return std::nullopt;
  std::string response = string_field(delivery, "smtpResponse");
  for (const json& entry : list) {
    if (!entry.is_string() || !room_for_record(ctx, result.records)) continue;
    Record r = text_record(entry.get<std::string>(), response);
    Record base = base_record(mail, delivery);
    r.sender = base.sender;
    r.timestamp = base.timestamp;
    r.reporting_mta = util::to_lower(string_field(delivery, "reportingMTA"));
    r.remote_mta = util::to_lower(string_field(delivery, "remoteMtaIp"));
    r.action = "delivered";
    r.hint = vocabulary::Reason::delivered;
    if (!r.recipient.empty()) result.records.push_back(std::move(r));
  }
  if (result.records.empty()) return std::nullopt;
  return result;
}

// The part the notification is read from: the body of a single-part message (SNS mails it so),
// or the first text/plain part outside the returned message (notice_text's choice, plain_text.hpp);
// nullptr if there is none.
const mime::Part* notice_part(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  if (root.children.empty()) return &root;
  for (const mime::Part* p : all_parts(root, false))
    if (p->children.empty() && p->content_type.is("text/plain")) return p;
  return nullptr;
}

// Whether the message holds a JSON notification: its marker in the first bytes of the body as it
// stands, or, when a gateway transfer-encoded the notice (base64 hides the marker, a
// quoted-printable soft line break may split it), in the first bytes of the notice part decoded
// (Part::body() keeps the decoded body for the decoding that follows).
bool has_notification(const Context& ctx) {
  if (body_has(ctx, {kNotificationType})) return true;
  const mime::Part* part = notice_part(ctx);
  if (!part || (part->transfer_encoding != "base64" && part->transfer_encoding != "quoted-printable")) return false;
  return util::contains_ci(std::string_view(part->body()).substr(0, kDetectWindow), kNotificationType);
}

// The text the notification is read from. SNS mails it often on one line, and the MIME layer cuts
// lines longer than its budget for every reader (mime::Limits::max_line_bytes, docs/limits.md: a
// one-line notice of some 2,000 recipients), so this decoder asks for the notice part's body
// whole (mime::uncut_body), transfer-decoded, up to the size of the message (which the reader
// already bounds by --max-message-size); whether it is the whole body, a part of a multipart, or
// base64 or quoted-printable. A notice part that was not cut is read as Part::text() holds it (not
// a copy: notice_text's answer for a text/plain part).
std::string_view notification_text(const Context& ctx, std::string& storage) {
  if (const mime::Part* part = notice_part(ctx)) {
    if (std::optional<mime::UncutBody> whole =
            mime::uncut_body(ctx.bytes, ctx.message, *part, ctx.bytes.size(), ctx.options.limits))
      return storage = mime::to_utf8(whole->bytes(), part->content_type.param("charset"));
    if (part->content_type.is("text/plain")) return part->text();
  }
  return storage = notice_text(ctx);
}

std::optional<Result> from_json(const Context& ctx) {
  json n;
  {
    std::string storage;  // freed before the records are built: it may hold the whole notice
    n = notification(notification_text(ctx, storage), ctx.options.max_records, ctx.records_left_out);
  }
  if (!n.is_object()) return std::nullopt;
  std::string type = util::to_lower(string_field(n, "notificationType"));
  const json& mail = object_field(n, "mail");
  if (type == "bounce") return from_bounce(ctx, mail, object_field(n, "bounce"));
  if (type == "complaint") return from_complaint(ctx, mail, object_field(n, "complaint"));
  if (type == "delivery") return from_delivery(ctx, mail, object_field(n, "delivery"));
  return std::nullopt;
}

// SES's older diagnostics quote the remote server's answer as "550-'...'"
// after SES's own status and summary: the reply code of that quote.
std::string quoted_reply_code(std::string_view text) {
  for (std::size_t at = text.find("-'"); at != std::string_view::npos; at = text.find("-'", at + 2)) {
    if (at < 3 || (at > 3 && !util::is_wsp(text[at - 4]))) continue;
    std::string code = find_reply_code(text.substr(at - 3));
    if (!code.empty()) return code;
  }
  return {};
}

}  // namespace

bool detect_amazonses(const Context& ctx) {
  bool from_ses = header_has(ctx, "From", "amazonses.com") || header_has(ctx, "From", "sns.amazonaws.com") ||
                  !ctx.message.root.value_view("X-SES-Outgoing").empty() ||
                  !ctx.message.root.value_view("X-AWS-Outgoing").empty() ||
                  !ctx.message.root.value_view("x-amz-sns-message-id").empty();
  if (!from_ses || header_has(ctx, "X-Mailer", "Amazon WorkMail")) return false;
  // A DSN only if SES wrote it: its own mailer daemon (SES also relays other MTAs' reports).
  return has_notification(ctx) ||
         (from_daemon(ctx) && header_has(ctx, "From", "amazonses.com") && detect_rfc3464(ctx));
}

std::optional<Result> decode_amazonses(const Context& ctx) {
  if (has_notification(ctx)) return from_json(ctx);
  std::optional<Result> result = decode_rfc3464(ctx);
  if (!result) return result;
  for (Record& r : result->records) {
    if (r.reply_code.empty()) r.reply_code = quoted_reply_code(r.diagnostic);
  }
  return result;
}

}  // namespace bouncekit::decode
