// Sun / Oracle Messaging Server (and its ancestor PMDF): a DSN whose
// human-readable part lists one block of fields per recipient. When the DSN
// cannot be read (a multipart/report without its boundaries), those blocks are the report:
//
//   This report relates to a message you sent with the following header fields:
//   ...
//   Your message cannot be delivered to the following recipients:
//
//     Recipient address: user@example.org
//     Reason: Remote SMTP server has rejected address
//     Diagnostic code: smtp;550 5.1.1 <user@example.org>... User unknown
//     Remote system: dns;mx.example.org (TCP|192.0.2.1|25|192.0.2.2|25) (mx.example.org ESMTP)
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decode/address.hpp"
#include "decode/delivery_status.hpp"
#include "decode/mta/unix.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kIntro =
    "This report relates to a message you sent with the following header fields";
constexpr std::string_view kSubjects[] = {"Delivery Notification: Delivery has failed",
                                          "Delivery Notification: Delivery has been delayed"};
// The per-recipient fields of the human-readable part.
constexpr std::string_view kRecipient = "Recipient address:";
constexpr std::string_view kOriginal = "Original address:";
constexpr std::string_view kReason = "Reason:";
constexpr std::string_view kDiagnostic = "Diagnostic code:";
constexpr std::string_view kRemote = "Remote system:";

struct Block {
  std::string recipient, original, reason, diagnostic, remote;
};

std::string_view value_after(std::string_view line, std::string_view field) {
  return util::trim(line.substr(field.size()));
}

std::vector<Block> blocks_in(std::string_view text) {
  std::vector<Block> blocks;
  for (std::string_view line : split_lines(text)) {
    line = util::trim(line);
    if (util::starts_with_ci(line, kRecipient)) {
      blocks.push_back({std::string(value_after(line, kRecipient)), {}, {}, {}, {}});
      continue;
    }
    if (blocks.empty()) continue;
    Block& b = blocks.back();
    if (util::starts_with_ci(line, kOriginal)) b.original = std::string(value_after(line, kOriginal));
    if (util::starts_with_ci(line, kReason)) b.reason = std::string(value_after(line, kReason));
    if (util::starts_with_ci(line, kDiagnostic)) b.diagnostic = std::string(value_after(line, kDiagnostic));
    if (util::starts_with_ci(line, kRemote)) b.remote = std::string(value_after(line, kRemote));
  }
  return blocks;
}

// "@relay.example:user@host": a source route, not the address the sender used.
bool is_route(std::string_view address) {
  return !address.empty() && (address.front() == '@' || address.find(':') != std::string_view::npos);
}

Record block_record(const Block& b) {
  std::string recipient = clean_address(b.recipient);
  if (!b.original.empty() && (!looks_like_address(recipient) || is_route(b.recipient)))
    recipient = clean_address(b.original);
  Typed diagnostic = split_typed(b.diagnostic);
  Record r = text_record(recipient, diagnostic.value.empty() ? b.reason : diagnostic.value);
  std::string remote = split_typed(b.remote).value;
  r.remote_mta = util::to_lower(util::trim(remote).substr(0, util::trim(remote).find_first_of(" \t(")));
  return r;
}

}  // namespace

bool detect_messagingserver(const Context& ctx) {
  if (body_has(ctx, {kIntro})) return true;
  return subject_has(ctx, {kSubjects[0], kSubjects[1]}) && body_has(ctx, {kRecipient});
}

std::optional<Result> decode_messagingserver(const Context& ctx) {
  if (std::optional<Result> dsn = decode_rfc3464(ctx)) {
    // Messaging Server reports its internal route ("@lmtp.example:user@store") as
    // Final-Recipient; the Original-Recipient is the address the sender used.
    for (Record& r : dsn->records)
      if (is_route(r.recipient) && looks_like_address(r.original_recipient) &&
          !is_route(r.original_recipient))
        r.recipient = r.original_recipient;
    return dsn;
  }
  std::string notice = notice_text(ctx);
  std::string_view text = notice;
  if (!util::contains_ci(text, kRecipient)) text = raw_body(ctx);
  // The blocks end where the machine-readable fields or the returned message begin.
  text = cut_at_marker(text, {"Original-envelope-id:", "Reporting-MTA:", "Return-path:"});
  std::vector<Record> records;
  for (const Block& b : blocks_in(text)) {
    if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
    Record r = block_record(b);
    if (looks_like_address(r.recipient)) records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
