// RFC 3834 automatic responses (vacation notices, out-of-office replies).
#pragma once

#include <optional>

#include "decode/context.hpp"

namespace bouncekit::decode {

bool detect_autoreply(const Context& ctx);
std::optional<Result> decode_autoreply(const Context& ctx);

}  // namespace bouncekit::decode
