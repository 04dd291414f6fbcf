#include "verp_options.hpp"

#include <CLI/CLI.hpp>

#include "bouncekit/report.hpp"

namespace bouncekit::app {

void add_verp_options(CLI::App& cmd, VerpOptions& o) {
  cmd.add_option("--verp", o.patterns,
                 "VERP pattern of your bounce address, e.g. 'news-{local}={domain}@example.org' "
                 "(repeatable; placeholders {list} {local} {domain} {host} {number}; docs/verp.md)")
      ->check(
          [](const std::string& pattern) -> std::string {
            std::string problem = decode::verp_pattern_problem(pattern);
            return problem.empty() ? problem : "--verp '" + report::escape_control_characters(pattern) + "': " + problem;
          },
          "PATTERN");
  cmd.add_flag("--no-verp-defaults", o.no_defaults,
               "Only the --verp patterns: not the built-in {list}+{local}={domain}@{host} and "
               "{list}-return-{number}-{local}={domain}@{host}");
}

void apply_verp_options(const VerpOptions& o, decode::DecodeOptions& decode) {
  decode.verp_patterns = o.patterns;
  decode.verp_defaults = !o.no_defaults;
}

}  // namespace bouncekit::app
