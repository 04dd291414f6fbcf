// Zoho Mail's notices. A failure lists one recipient per line with the remote
// reply split into "ERROR_CODE :" fields; a delay lists bracketed records:
//
//   someone@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 ... User unknown
//   [Status: Error, Address: <someone@example.org>, ResponseCode 421, , Host not reachable.]
//
// The returned message's headers follow the notice, starting with "Received:".
#include <string>
#include <string_view>

#include "decode/address.hpp"
#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kErrorCode = "ERROR_CODE :";
constexpr std::string_view kStatusRecord = "[Status:";
constexpr std::string_view kAddressField = "Address:";
constexpr std::string_view kResponseCode = "ResponseCode ";
constexpr std::string_view kWarning = "THIS IS A WARNING MESSAGE ONLY";
constexpr std::string_view kReturnedHeaders = "Received:";

// The three digits after `label` in `text`, if they form an SMTP reply code.
std::string reply_code_after(std::string_view text, std::string_view label) {
  std::size_t at = util::find_ci(text, label);
  if (at == std::string_view::npos) return {};
  std::string_view v = util::trim(text.substr(at + label.size()));
  if (v.size() < 3 || (v[0] != '4' && v[0] != '5') || !util::is_digit(v[1]) || !util::is_digit(v[2])) return {};
  if (v.size() > 3 && util::is_digit(v[3])) return {};
  return std::string(v.substr(0, 3));
}

}  // namespace

bool detect_zoho(const Context& ctx) {
  return from_daemon(ctx) && (header_has(ctx, "X-Mailer", "Zoho Mail") || !ctx.message.root.value_view("X-ZohoMail").empty());
}

std::optional<Result> decode_zoho(const Context& ctx) {
  std::string text = notice_text(ctx);
  std::string_view notice = cut_at_marker(text, {kReturnedHeaders});
  bool delayed = util::contains_ci(notice, kWarning);

  std::vector<Record> records;
  std::string diagnostic;  // of the last record, which may continue on the next lines
  auto flush = [&]() {
    if (records.empty() || diagnostic.empty()) return;
    Record& r = records.back();
    r = text_record(r.recipient, diagnostic);
    r.reply_code = reply_code_after(diagnostic, kErrorCode);
    if (r.reply_code.empty()) r.reply_code = reply_code_after(diagnostic, kResponseCode);
    if (delayed) r.action = "delayed";
    diagnostic.clear();
  };
  for (std::string_view raw_line : split_lines(notice)) {
    std::string_view line = util::trim(raw_line);
    if (line.empty()) {
      flush();
      continue;
    }
    if (util::starts_with_ci(line, kStatusRecord)) {
      flush();
      std::size_t at = util::find_ci(line, kAddressField);
      std::vector<std::string> found = at == std::string_view::npos ? std::vector<std::string>{}
                                                                    : addresses_in(line.substr(at));
      if (found.empty()) continue;
      // The records-per-message limit (docs/limits.md): beyond it a recipient is counted, and
      // its lines are not collected (the diagnostic stays empty).
      if (!room_for_record(ctx, records)) continue;
      records.push_back(text_record(found.front(), ""));
      diagnostic = std::string(line);
      continue;
    }
    std::string_view first_word = line.substr(0, line.find(' '));
    if (util::contains_ci(line, kErrorCode) && looks_like_address(first_word)) {
      flush();
      if (!room_for_record(ctx, records)) continue;  // as above
      records.push_back(text_record(first_word, ""));
      diagnostic = std::string(util::trim(line.substr(first_word.size())));
      continue;
    }
    if (!diagnostic.empty()) diagnostic.append(" ").append(line);
  }
  flush();
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
