// bouncekit — batch analyzer for bounce mail. Wires the library's stages
// together; holds no parsing or classification logic of its own.
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <csignal>
#include <cstdio>
#include <string_view>
#ifdef BOUNCEKIT_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include "bouncekit/report.hpp"
#include "exit_codes.hpp"
#include "explain_command.hpp"
#include "logging.hpp"
#include "parse_command.hpp"
#include "report_command.hpp"
#include "suppressions_command.hpp"

namespace {

constexpr std::string_view kSubcommands[] = {"parse", "report", "explain", "suppressions"};

// The first word that is not a global option, if it names no subcommand: CLI11 would only say
// "A subcommand is required". Global options before the subcommand: -v, -q, --log-file FILE.
const char* unknown_subcommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--log-file") {
      ++i;
      continue;
    }
    if (a.starts_with("-")) continue;
    for (std::string_view known : kSubcommands)
      if (a == known) return nullptr;
    return argv[i];
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace bouncekit::app;
  // A reader of standard output that goes away (`| head -1`) makes write(2) fail with EPIPE
  // instead of killing the process: the report files and the history are finished, and the
  // exit code says standard output failed (docs/cli.md).
  std::signal(SIGPIPE, SIG_IGN);
  // The pipeline's byte budget bounds the memory in use (docs/limits.md); the allocator must
  // also give freed memory back, or each decoding thread keeps its own peak after a large
  // message.
#ifdef BOUNCEKIT_WITH_MIMALLOC
  // mimalloc (linked in, it serves every malloc and new): return freed pages to the system at
  // once rather than after its default delay; without this, six 20 MB messages on two threads
  // peaked at 119 MB instead of 53 MB, for no measurable gain in speed.
  mi_option_set(mi_option_decommit_delay, 0);
#else
  // glibc: blocks of 1 MB and more are mapped and unmapped on their own. By default glibc
  // raises this threshold after freeing such a block.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
  CLI::App app{"bouncekit: find every failed recipient in bounce mail and say why"};
  app.require_subcommand(1);
  app.footer("Exit codes: 0 every input read, 1 some input unreadable (the rest was processed), 2 usage error;\n"
             "report only: 3 another run holds the database lock, 4 database error, 5 output not written;\n"
             "6 standard output could not be written.\n"
             "Run 'bouncekit SUBCOMMAND --help' for a subcommand's options. Documentation: docs/cli.md");
  app.set_version_flag("--version", "bouncekit 0.1.0");
  bool verbose = false, quiet = false;
  auto* verbose_flag = app.add_flag("-v,--verbose", verbose, "Log every undecodable message with its origin and why");
  app.add_flag("-q,--quiet", quiet, "Log only warnings and errors (for cron)")->excludes(verbose_flag);
  std::string log_file;
  app.add_option("--log-file", log_file,
                 "Also log to this file, with times, rotated at 10 MB (5 files kept); its folder must exist");

  ParseOptions parse_options;
  CLI::App* parse = add_parse_command(app, parse_options);
  // Global flags are accepted after the subcommand too: `bouncekit parse -v box`.
  parse->fallthrough();
  ExplainOptions explain_options;
  CLI::App* explain = add_explain_command(app, explain_options);
  explain->fallthrough();
  ReportOptions report_options;
  CLI::App* report = add_report_command(app, report_options);
  report->fallthrough();
  SuppressionsOptions suppressions_options;
  CLI::App* suppressions = add_suppressions_command(app, suppressions_options);
  suppressions->fallthrough();

  if (const char* name = unknown_subcommand(argc, argv)) {
    std::fprintf(stderr, "bouncekit: error: unknown subcommand '%s' (parse, report, explain or suppressions; see --help)\n",
                 bouncekit::report::escape_control_characters(name).c_str());
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (!setup_logging(verbose, quiet, log_file)) return kExitUsage;
  if (parse->parsed()) return run_parse(parse_options);
  if (explain->parsed()) return run_explain(explain_options);
  if (suppressions->parsed()) return run_suppressions(suppressions_options);
  if (report->parsed()) {
    report_options.quiet = quiet;
    return run_report(report_options);
  }
  return kExitUsage;
}
