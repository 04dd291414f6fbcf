// SurfControl E-mail Filter: a delivery-status report whose text names the
// host that refused each recipient, which the DSN part leaves out:
//
//   Addressed To: user@example.net
//   Failed to send to identified host,
//   user@example.net: [192.0.2.1], 554 Service currently unavailable
//   --- Message non-deliverable.
//
// Without a delivery-status part, the text alone gives the records.
#include <string_view>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kMailer = "SurfControl";

struct Attempt {
  std::string recipient;
  std::string host;
  std::string reply;
};

// "user@example.net: [192.0.2.1], 554 ..." -> {user@example.net, 192.0.2.1, "554 ..."}
std::optional<Attempt> attempt_line(std::string_view line) {
  std::size_t colon = line.find(": [");
  if (colon == std::string_view::npos) return std::nullopt;
  auto found = addresses_in(line.substr(0, colon));
  std::size_t close = line.find(']', colon);
  if (found.size() != 1 || close == std::string_view::npos) return std::nullopt;
  Attempt a{found.front(), util::to_lower(line.substr(colon + 3, close - colon - 3)), {}};
  std::string_view reply = line.substr(close + 1);
  while (!reply.empty() && (reply.front() == ',' || util::is_wsp(reply.front()))) reply.remove_prefix(1);
  a.reply = std::string(reply);
  return a;
}

std::vector<Attempt> attempts_in(std::string_view notice) {
  std::vector<Attempt> attempts;
  for (std::string_view line : split_lines(notice))
    if (auto a = attempt_line(util::trim(line))) attempts.push_back(std::move(*a));
  return attempts;
}

}  // namespace

bool detect_surfcontrol(const Context& ctx) { return header_has(ctx, "X-Mailer", kMailer); }

std::optional<Result> decode_surfcontrol(const Context& ctx) {
  std::vector<Attempt> attempts = attempts_in(notice_text(ctx));
  std::optional<Result> result = decode_rfc3464(ctx);
  if (!result) {
    std::vector<Record> records;
    for (const Attempt& a : attempts) {
      if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
      Record r = text_record(a.recipient, a.reply);
      r.remote_mta = a.host;
      records.push_back(std::move(r));
    }
    return bounce_result(std::move(records));
  }
  for (Record& r : result->records) {
    for (const Attempt& a : attempts) {
      if (!util::iequals(a.recipient, r.recipient)) continue;
      if (r.remote_mta.empty()) r.remote_mta = a.host;
      // No Diagnostic-Code (its type is unset): the generic guess from the
      // text ("[192.0.2.1], 550 ...") is less exact than this line's reply.
      if (r.diagnostic_type.empty() && !a.reply.empty()) {
        r.diagnostic = util::collapse_space(a.reply);
        settle_status(r);
      }
    }
  }
  return result;
}

}  // namespace bouncekit::decode
