#include "policy_options.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "bouncekit/report.hpp"
#include "bouncekit/vocabulary.hpp"

namespace bouncekit::app {

void add_policy_options(CLI::App& cmd, PolicyOptions& o) {
  cmd.add_option("--policy-soft-count", o.soft_count, "Soft bounces that suppress an address ...")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd.add_option("--policy-soft-days", o.soft_days, "... when spread over at least this many days")
      ->check(CLI::Range(0, 36600))
      ->capture_default_str();
  cmd.add_option("--only", o.only,
                 "Rules that suppress: hard, complaints, soft, all (default); several with commas, "
                 "e.g. --only hard,complaints")
      ->delimiter(',');
  cmd.add_option("--exclude-reason", o.exclude_reasons,
                 "A reason whose bounces never count towards suppressing (repeatable; e.g. mailboxfull)");
}

bool make_policy(const PolicyOptions& o, analysis::SuppressionPolicy& policy) {
  policy.soft_threshold = o.soft_count;
  policy.soft_min_days = o.soft_days;
  if (std::string unknown = analysis::restrict_rules(policy, o.only); !unknown.empty()) {
    spdlog::error("--only: '{}' is not one of hard, complaints, soft, all",
                  report::escape_control_characters(unknown));
    return false;
  }
  for (const std::string& reason : o.exclude_reasons) {
    if (!vocabulary::reason_named(reason)) {
      spdlog::error("--exclude-reason: '{}' is not a reason (docs/classifier.md lists them)",
                    report::escape_control_characters(reason));
      return false;
    }
    policy.excluded_reasons.insert(reason);
  }
  return true;
}

}  // namespace bouncekit::app
