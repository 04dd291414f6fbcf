// Microsoft Exchange 2007 and later (and Office 365, which writes the same
// notices): a multipart/report whose text part ends with a section for
// administrators, or, when the report part is missing, only that text:
//
//   Diagnostic information for administrators:
//   Generating server: mail.example.org
//   someone@example.org
//   Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
//   Original message headers:
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "decode/address.hpp"
#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kAdminSection = "Diagnostic information for administrators";
constexpr std::string_view kGeneratingServer = "Generating server:";
constexpr std::string_view kOriginalHeaders = "Original message headers:";
// "Remote Server returned '...'" or "... - Remote Server at host (192.0.2.1) returned '...'".
constexpr std::string_view kReturned = "returned '";
constexpr std::string_view kNdrHeader = "X-MS-Exchange-Message-Is-Ndr";

std::string after_colon(std::string_view line) {
  std::size_t colon = line.find(':');
  return colon == std::string_view::npos ? std::string() : util::to_lower(util::trim(line.substr(colon + 1)));
}

// The administrators' section of a notice without a delivery-status part.
std::optional<Result> from_text(const Context& ctx) {
  std::string text = notice_text(ctx);
  std::size_t section = find_line_starting(text, {kAdminSection});
  if (section == std::string::npos) return std::nullopt;
  std::string_view rest = cut_at_marker(std::string_view(text).substr(section), {kOriginalHeaders});

  std::string reporting;
  std::vector<Record> records;
  std::string diagnostic;
  bool beyond = false;  // the last recipient was beyond the limit: not built
  auto flush = [&]() {
    if (records.empty() || beyond) return;
    Record& r = records.back();
    r = text_record(r.recipient, diagnostic);
    r.reporting_mta = reporting;
    diagnostic.clear();
  };
  for (std::string_view raw_line : split_lines(rest)) {
    std::string_view line = util::trim(raw_line);
    if (util::starts_with_ci(line, kGeneratingServer)) {
      reporting = after_colon(line);
    } else if (looks_like_address(line) && line.find(' ') == std::string_view::npos) {
      flush();
      // The records-per-message limit (docs/limits.md): a recipient beyond it is counted, and
      // the lines after it, until the next recipient, are no one's.
      if (!room_for_record(ctx, records)) {
        beyond = true;
        continue;
      }
      beyond = false;
      records.push_back(text_record(line, ""));
    } else if (!beyond && !records.empty() && !line.empty()) {
      // The remote server's reply, quoted: keep what is inside the quotes.
      std::size_t at = util::find_ci(line, kReturned);
      if (at != std::string_view::npos) {
        std::string_view reply = line.substr(at + kReturned.size());
        if (!reply.empty() && reply.back() == '\'') reply.remove_suffix(1);
        if (diagnostic.empty()) diagnostic = std::string(reply);
      }
    }
  }
  flush();
  return bounce_result(std::move(records));
}

}  // namespace

bool detect_exchange2007(const Context& ctx) {
  std::optional<bool>& known = ctx.cache.exchange2007;
  if (!known)
    known = !ctx.message.root.value_view(kNdrHeader).empty() || body_has(ctx, {kAdminSection, "Remote Server returned '"});
  return *known;
}

std::optional<Result> decode_exchange2007(const Context& ctx) {
  if (std::optional<Result> dsn = decode_rfc3464(ctx)) return dsn;
  return from_text(ctx);
}

}  // namespace bouncekit::decode
