// PowerMTA: RFC 3464 reports whose delivery-status part carries PowerMTA's
// own fields (X-PowerMTA-VirtualMTA, X-PowerMTA-BounceCategory).
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"

namespace bouncekit::decode {

bool detect_powermta(const Context& ctx) {
  return body_has(ctx, {"X-PowerMTA-BounceCategory:", "X-PowerMTA-VirtualMTA:"}) && detect_rfc3464(ctx);
}

std::optional<Result> decode_powermta(const Context& ctx) { return decode_rfc3464(ctx); }

}  // namespace bouncekit::decode
