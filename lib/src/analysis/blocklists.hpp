// Which block lists a refusal names: the table of lists (blocklists.cpp) and one automaton over it.
#pragma once

#include <string_view>
#include <vector>

#include "bouncekit/analysis.hpp"

namespace bouncekit::analysis {

/// Names (BlockList::name) of the block lists `text` names, in table order, each once. A list
/// whose row is marked generic ("spamhaus") is left out when a more specific list of the same
/// operator ("spamhaus-zen") is named too. Case-insensitive for ASCII; one pass over `text`.
std::vector<std::string_view> block_lists_named(std::string_view text);

}  // namespace bouncekit::analysis
