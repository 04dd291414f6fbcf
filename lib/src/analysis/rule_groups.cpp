// The rule groups of `--only` (docs/report.md, "Suppression policy"): which of the policy's
// three rules stay on. A table, so that a new group is one line.
#include <array>
#include <string_view>

#include "bouncekit/analysis.hpp"

namespace bouncekit::analysis {
namespace {

struct RuleGroup {
  std::string_view name;
  bool hard, feedback, soft;
};

constexpr std::array<RuleGroup, 4> kRuleGroups{{
    {"all", true, true, true},
    {"hard", true, false, false},
    {"complaints", false, true, false},
    {"soft", false, false, true},
}};

}  // namespace

std::string restrict_rules(SuppressionPolicy& policy, const std::vector<std::string>& only) {
  if (only.empty()) return {};
  bool hard = false, feedback = false, soft = false;
  for (const std::string& name : only) {
    const RuleGroup* found = nullptr;
    for (const RuleGroup& group : kRuleGroups)
      if (group.name == name) found = &group;
    if (!found) return name.empty() ? std::string("(empty)") : name;
    hard |= found->hard;
    feedback |= found->feedback;
    soft |= found->soft;
  }
  policy.hard_suppresses = policy.hard_suppresses && hard;
  policy.feedback_suppresses = policy.feedback_suppresses && feedback;
  if (!soft) policy.soft_threshold = 0;  // 0 turns the repeated-soft rule off
  return {};
}

std::vector<std::string> rule_group_names() {
  std::vector<std::string> names;
  for (const RuleGroup& group : kRuleGroups) names.emplace_back(group.name);
  return names;
}

}  // namespace bouncekit::analysis
