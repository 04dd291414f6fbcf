// Google's RFC 3464 reports (Gmail and Google Workspace since about 2016):
// multipart/report from mailer-daemon@googlemail.com whose text part opens
// with a "** Address not found **"-style heading. Their delivery-status part
// often lacks a Diagnostic-Code; Google's explanation then stands in for it.
#include <string>
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kDaemonDomain = "@googlemail.com";
constexpr std::string_view kOriginal = "----- Original message -----";

}  // namespace

bool detect_googleworkspace(const Context& ctx) {
  return from_daemon(ctx) && header_has(ctx, "From", kDaemonDomain) && detect_rfc3464(ctx);
}

std::optional<Result> decode_googleworkspace(const Context& ctx) {
  std::optional<Result> result = decode_rfc3464(ctx);
  if (!result) return result;
  std::optional<std::string> explanation;
  for (Record& r : result->records) {
    // A Diagnostic-Code field sets its type; without one, the generic reading of the human-readable
    // part gave at most one sentence, and Google's whole explanation (its heading too) says more.
    if (!r.diagnostic.empty() && !r.diagnostic_type.empty()) continue;
    if (!explanation) explanation = util::collapse_space(cut_at_marker(notice_text(ctx), {kOriginal}));
    r.diagnostic = *explanation;
  }
  return result;
}

}  // namespace bouncekit::decode
