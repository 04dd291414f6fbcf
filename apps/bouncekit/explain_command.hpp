// `bouncekit explain`: what a reply code, status code or diagnostic line means and what to do.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace bouncekit::app {

struct ExplainOptions {
  std::vector<std::string> args;
  std::string format = "text";
  std::string rules;
};

/// Adds the `explain` subcommand and its options to `app`, filling `options`.
CLI::App* add_explain_command(CLI::App& app, ExplainOptions& options);

/// Runs `explain`; returns the exit code.
int run_explain(const ExplainOptions& options);

}  // namespace bouncekit::app
