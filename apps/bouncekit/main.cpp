// bouncekit — batch analyzer for bounce mail. Wires the library's stages
// together; holds no parsing or classification logic of its own.
#include <CLI/CLI.hpp>

#include "exit_codes.hpp"
#include "explain_command.hpp"
#include "logging.hpp"
#include "parse_command.hpp"

int main(int argc, char** argv) {
  using namespace bouncekit::app;
  CLI::App app{"bouncekit: find every failed recipient in bounce mail and say why"};
  app.require_subcommand(1);
  app.footer("Exit codes: 0 every input read, 1 some input unreadable (the rest was processed), 2 usage error.\n"
             "Run 'bouncekit SUBCOMMAND --help' for a subcommand's options. Documentation: docs/cli.md");
  app.set_version_flag("--version", "bouncekit 0.1.0");
  bool verbose = false, quiet = false;
  app.add_flag("-v,--verbose", verbose, "Log every undecodable message with its origin and why");
  app.add_flag("-q,--quiet", quiet, "Log only warnings and errors (for cron)");

  ParseOptions parse_options;
  CLI::App* parse = add_parse_command(app, parse_options);
  // Global flags are accepted after the subcommand too: `bouncekit parse -v box`.
  parse->fallthrough();
  ExplainOptions explain_options;
  CLI::App* explain = add_explain_command(app, explain_options);
  explain->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  setup_logging(verbose, quiet);
  if (parse->parsed()) return run_parse(parse_options);
  if (explain->parsed()) return run_explain(explain_options);
  return kExitUsage;
}
