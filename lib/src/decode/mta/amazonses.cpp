// Amazon SES. Two shapes:
//  - its DSNs (multipart/report from MAILER-DAEMON@...amazonses.com): read by
//    the RFC 3464 decoder, plus the reply code SES's older diagnostics carry
//    only inside the remote server's quoted answer ("5.1.0 - Unknown address
//    error 550-'5.7.1 ...'");
//  - its JSON notifications (bounce, complaint, delivery) mailed by SNS, either
//    bare or inside an SNS envelope whose "Message" field holds the JSON as a
//    string. Complaints are feedback, deliveries are not bounces.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

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

json parse_object(std::string candidate) {
  json parsed = json::parse(candidate, nullptr, false);
  if (!parsed.is_discarded()) return parsed;
  for (std::size_t at = candidate.find(kSendmailLineBreak); at != std::string::npos;
       at = candidate.find(kSendmailLineBreak, at))
    candidate.erase(at, kSendmailLineBreak.size());
  return json::parse(candidate, nullptr, false);
}

// The SES notification in the text: the first JSON object, unwrapped from an SNS envelope.
json notification(std::string_view text) {
  std::size_t begin = text.find('{');
  if (begin == std::string_view::npos) return json();
  std::size_t end = object_end(text, begin);
  if (end == std::string_view::npos) return json();
  json parsed = parse_object(std::string(text.substr(begin, end - begin)));
  if (parsed.is_discarded() || !parsed.is_object()) return json();
  if (!parsed.contains("notificationType")) {
    std::string message = string_field(parsed, "Message");
    if (message.empty()) return json();
    parsed = json::parse(message, nullptr, false);
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

std::optional<Result> from_bounce(const json& mail, const json& bounce) {
  std::vector<Record> records;
  const json& list = object_field(bounce, "bouncedRecipients");
  if (!list.is_array()) return std::nullopt;
  for (const json& entry : list) {
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

std::optional<Result> from_complaint(const json& mail, const json& complaint) {
  Result result;
  result.kind = Kind::feedback;
  const json& list = object_field(complaint, "complainedRecipients");
  if (!list.is_array()) return std::nullopt;
  for (const json& entry : list) {
    Record r = base_record(mail, complaint);
    r.recipient = clean_address(string_field(entry, "emailAddress"));
    r.hint = vocabulary::Reason::feedback;
    r.feedback_type = util::to_lower(string_field(complaint, "complaintFeedbackType"));
    if (!r.recipient.empty()) result.records.push_back(std::move(r));
  }
  if (result.records.empty()) return std::nullopt;
  return result;
}

std::optional<Result> from_delivery(const json& mail, const json& delivery) {
  Result result;
  result.kind = Kind::delivered;
  const json& list = object_field(delivery, "recipients");
  if (!list.is_array()) return std::nullopt;
  std::string response = string_field(delivery, "smtpResponse");
  for (const json& entry : list) {
    if (!entry.is_string()) continue;
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

std::optional<Result> from_json(const Context& ctx) {
  json n = notification(notice_text(ctx));
  if (!n.is_object()) return std::nullopt;
  std::string type = util::to_lower(string_field(n, "notificationType"));
  const json& mail = object_field(n, "mail");
  if (type == "bounce") return from_bounce(mail, object_field(n, "bounce"));
  if (type == "complaint") return from_complaint(mail, object_field(n, "complaint"));
  if (type == "delivery") return from_delivery(mail, object_field(n, "delivery"));
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
  return body_has(ctx, {kNotificationType}) ||
         (from_daemon(ctx) && header_has(ctx, "From", "amazonses.com") && detect_rfc3464(ctx));
}

std::optional<Result> decode_amazonses(const Context& ctx) {
  if (body_has(ctx, {kNotificationType})) return from_json(ctx);
  std::optional<Result> result = decode_rfc3464(ctx);
  if (!result) return result;
  for (Record& r : result->records) {
    if (r.reply_code.empty()) r.reply_code = quoted_reply_code(r.diagnostic);
  }
  return result;
}

}  // namespace bouncekit::decode
