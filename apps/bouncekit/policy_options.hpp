// The suppression-policy options shared by `report` and `suppressions`, so both apply one policy.
#pragma once

#include <string>
#include <vector>

#include "bouncekit/analysis.hpp"

namespace CLI {
class App;
}

namespace bouncekit::app {

struct PolicyOptions {
  int soft_count = 3;
  int soft_days = 7;
  std::vector<std::string> only;            ///< --only hard,complaints,soft,all
  std::vector<std::string> exclude_reasons;  ///< --exclude-reason R (repeatable)
};

/// Adds --policy-soft-count, --policy-soft-days, --only and --exclude-reason to `cmd`.
void add_policy_options(CLI::App& cmd, PolicyOptions& options);

/// The policy the options describe; false (with the error logged) when a name is unknown.
bool make_policy(const PolicyOptions& options, analysis::SuppressionPolicy& policy);

}  // namespace bouncekit::app
