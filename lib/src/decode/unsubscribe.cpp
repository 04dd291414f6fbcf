#include "decode/unsubscribe.hpp"

#include <array>
#include <string_view>

#include "decode/autoreply.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

struct HeaderMarker {
  std::string_view field;
  std::string_view value;  // lower case; the field's trimmed value must equal it
};

// Header fields mail clients set on the unsubscribe messages they send by themselves.
constexpr std::array<HeaderMarker, 1> kMarkers{{
    {"X-Apple-Unsubscribe", "true"},  // Apple Mail's "Unsubscribe" banner
}};

}  // namespace

bool detect_unsubscribe(const Context& ctx) {
  for (const HeaderMarker& m : kMarkers)
    if (const mime::Field* f = ctx.message.root.field(m.field); f && util::iequals(util::trim(f->value), m.value))
      return true;
  return false;
}

std::optional<Result> decode_unsubscribe(const Context& ctx) {
  Record r = reader_reply_record(ctx.message.root);
  if (r.recipient.empty()) return std::nullopt;  // From names the reader who asks to leave the list
  r.decoded_by = "unsubscribe";
  r.hint = vocabulary::Reason::feedback;
  r.feedback_type = "opt-out";
  Result result;
  result.kind = Kind::feedback;
  result.records.push_back(std::move(r));
  return result;
}

}  // namespace bouncekit::decode
