// RFC 5965 feedback reports (complaints).
#pragma once

#include <optional>

#include "decode/context.hpp"

namespace bouncekit::decode {

bool detect_arf(const Context& ctx);
std::optional<Result> decode_arf(const Context& ctx);

}  // namespace bouncekit::decode
