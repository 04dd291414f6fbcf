// The watch list (watch.csv): addresses whose recipient-side soft bounces have not reached the
// suppression policy's repeated-soft rule yet, and what that rule still needs (docs/report.md,
// "The watch list"). The counting is the policy's own (suppression_policy.cpp): a record counts
// when record_kind says it is a soft bounce the recipient's address is to blame for, so a
// refusal of the sender's mail (blocked, badreputation, ...) never brings an address closer to
// suppression; a delivery or an auto-reply starts the count afresh.
#include <algorithm>
#include <optional>
#include <string>

#include "analysis/day.hpp"
#include "analysis/record_kind.hpp"
#include "bouncekit/analysis.hpp"

namespace bouncekit::analysis {

std::optional<Watch> watch(const RecipientHistory& history, const SuppressionPolicy& policy) {
  if (policy.soft_threshold <= 0 || history.recipient.empty()) return std::nullopt;
  if (policy.allowed && policy.allowed->count(history.recipient)) return std::nullopt;
  if (decide(history, policy)) return std::nullopt;
  Watch w;
  std::optional<long> first_day, last_day;
  const StoredRecord* first = nullptr;
  const StoredRecord* last = nullptr;
  for (const StoredRecord& record : history.records) {
    if (!policy.excluded_reasons.empty() && policy.excluded_reasons.count(record.reason)) continue;
    RecordKind kind = kind_of(record);
    if (kind == RecordKind::alive) {
      w.soft = 0;
      first = last = nullptr;
      first_day = last_day = std::nullopt;
    }
    if (kind != RecordKind::soft) continue;
    ++w.soft;
    if (!first) first = &record;
    last = &record;
    if (auto day = day_number(record.date)) {
      if (!first_day || *day < *first_day) first_day = day;
      if (!last_day || *day > *last_day) last_day = day;
    }
  }
  if (w.soft == 0) return std::nullopt;
  w.recipient = history.recipient;
  w.first_bounce = first->date;
  w.last_bounce = last->date;
  w.last_reason = last->reason;
  const auto threshold = static_cast<std::uint64_t>(policy.soft_threshold);
  w.more_bounces = w.soft < threshold ? threshold - w.soft : 0;
  const long span = first_day && last_day ? *last_day - *first_day : 0;
  if (policy.soft_min_days > 0 && span < policy.soft_min_days) {
    // The span runs from the first counted day to the last: a later bounce must land this far out.
    if (first_day) w.not_before = day_string(*first_day + policy.soft_min_days);
    w.more_bounces = std::max<std::uint64_t>(w.more_bounces, 1);
  }
  return w;
}

std::string needs_text(const Watch& w) {
  std::string text = std::to_string(w.more_bounces) + " more soft bounce" + (w.more_bounces == 1 ? "" : "s");
  if (!w.not_before.empty()) text += std::string(w.more_bounces == 1 ? ", on or after " : ", the last on or after ") + w.not_before;
  return text;
}

std::string describe(const SuppressionPolicy& policy) {
  std::string text;
  auto add = [&text](const std::string& part) { text += (text.empty() ? "" : ",") + part; };
  if (policy.hard_suppresses) add("hard");
  if (policy.feedback_suppresses) add("feedback");
  if (policy.soft_threshold > 0)
    add("soft>=" + std::to_string(policy.soft_threshold) + "/" + std::to_string(policy.soft_min_days) + "d");
  for (const std::string& reason : policy.excluded_reasons) add("exclude=" + reason);
  return text.empty() ? std::string("none") : text;
}

}  // namespace bouncekit::analysis
