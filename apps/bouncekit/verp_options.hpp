// The VERP options that parse and report share (docs/verp.md).
#pragma once

#include <string>
#include <vector>

#include "bouncekit/decode.hpp"

namespace CLI {
class App;
}

namespace bouncekit::app {

struct VerpOptions {
  std::vector<std::string> patterns;  ///< --verp PATTERN (repeatable)
  bool no_defaults = false;           ///< --no-verp-defaults
};

/// Adds --verp (each pattern checked with decode::verp_pattern_problem: an invalid one is a usage
/// error) and --no-verp-defaults to `cmd`.
void add_verp_options(CLI::App& cmd, VerpOptions& options);

/// Puts the options into `decode`.
void apply_verp_options(const VerpOptions& options, decode::DecodeOptions& decode);

}  // namespace bouncekit::app
