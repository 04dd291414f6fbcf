// Preparing a diagnostic for phrase matching.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::classify {

/// The text without the reply-code prefixes of continuation lines that unfolding left inside it
/// ("... multiple 550-5.7.1 addresses ..." -> "... multiple addresses ..."), so a phrase that a server
/// wrapped over two reply lines still matches. Returns `text` itself (no copy) when there is none;
/// otherwise the cleaned text, kept in `storage`.
std::string_view without_continuations(std::string_view text, std::string& storage);

}  // namespace bouncekit::classify
