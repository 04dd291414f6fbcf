#include "decode/forwarded.hpp"

#include "decode/address.hpp"
#include "decode/bounce_markers.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Is this attached message a notice from a mail system: a report (RFC 6522 multipart/report),
// or a message a mail system sent (looks_like_bounce: a daemon or null sender, a failure subject)?
bool is_notice(const mime::Part& message) {
  return message.content_type.is("multipart/report") || looks_like_bounce(message);
}

}  // namespace

// A mail client that forwards "as attachment" sends a multipart/mixed message whose parts are the
// person's own text and the forwarded message as a message/rfc822 part (RFC 2046 sections 5.1.3
// and 5.2.1; Outlook's "Forward as Attachment", Thunderbird's "Forward As > Attachment"), under a
// forward or reply subject ("FW:", "Fwd:", "WG:", ...). A mail system's notice is never sent so:
// its report parts stand at its top level (RFC 6522) and its sender is a daemon or null.
bool detect_forwarded_notice(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  if (!root.content_type.is("multipart/mixed")) return false;
  const std::string from = first_address(root.value("From"));
  if (from.empty() || is_daemon_address(from) || from_null_sender(root)) return false;
  // Notices travel with a null reverse-path (RFC 5321 section 4.5.5), which delivery records in
  // Return-Path (section 4.4): a person's forward has the person's own.
  if (util::trim(root.value_view("Return-Path")) == "<>") return false;
  if (!reply_or_forward(mime::decode_header(root.value("Subject")))) return false;
  bool forwards_a_notice = false;
  for (const mime::Part& part : root.children) {
    // A report part of its own at the top level: the message is a report, whatever its subject.
    if (part.content_type.is("message/delivery-status") || part.content_type.is("message/global-delivery-status"))
      return false;
    if (part.content_type.is("message/rfc822") && !part.children.empty() && is_notice(part.children.front()))
      forwards_a_notice = true;
  }
  return forwards_a_notice;
}

std::optional<Result> decode_forwarded_notice(const Context&) {
  Result result;
  result.kind = Kind::not_bounce;
  return result;
}

}  // namespace bouncekit::decode
