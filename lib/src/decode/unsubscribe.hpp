// Unsubscribe requests a mail client sends on the reader's behalf to a list's List-Unsubscribe
// mailto: address, which is often the bounce address. Reported as `feedback` (type "opt-out").
#pragma once

#include <optional>

#include "decode/context.hpp"

namespace bouncekit::decode {

bool detect_unsubscribe(const Context& ctx);
std::optional<Result> decode_unsubscribe(const Context& ctx);

}  // namespace bouncekit::decode
