#include "explain_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "bouncekit/classify.hpp"
#include "exit_codes.hpp"
#include "rules_option.hpp"

namespace bouncekit::app {

CLI::App* add_explain_command(CLI::App& app, ExplainOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "explain", "Explain a reply code, a status code or a diagnostic line: reason, hard/soft, what to do");
  cmd->add_option("text", o.args,
                  "A reply code (550), a status code (5.1.1), a diagnostic line, or several of them; "
                  "the words are joined into one line")
      ->required();
  cmd->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--rules", o.rules, "Also use the rules of this file (format: docs/classifier.md)");
  cmd->footer("Example: bouncekit explain '550 5.7.1 Service unavailable; client host blocked using Spamhaus'\n"
              "Exit codes: 0 ok, 2 usage error or malformed rules file.");
  return cmd;
}

int run_explain(const ExplainOptions& o) {
  classify::Classifier classifier;
  if (!load_user_rules(classifier, o.rules)) return kExitUsage;
  std::string text;
  for (const std::string& a : o.args) text += (text.empty() ? "" : " ") + a;
  classify::Explanation e = classify::explain(text, classifier);
  std::cout << (o.format == "json" ? classify::to_json(e) + "\n" : classify::to_text(e));
  std::cout.flush();
  return std::cout ? kExitOk : kExitUnreadable;
}

}  // namespace bouncekit::app
