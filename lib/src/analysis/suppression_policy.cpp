// The suppression policy: which addresses to drop, and the evidence for each (docs/report.md).
//
// Rules, over one recipient's history in the window (oldest first):
// - feedback (a complaint) suppresses at once, when feedback_suppresses;
// - a hard bounce the address is to blame for suppresses at once, when hard_suppresses;
// - soft bounces suppress once there are soft_threshold of them whose UTC calendar dates span at
//   least soft_min_days days (first to last); a delivery or an auto-reply after them shows the
//   mailbox works again and starts the count afresh;
// - sender-side and message-side bounces never count (the domain is flagged by the aggregator);
// - records of an excluded reason (policy.excluded_reasons, --exclude-reason) never count;
// - an allowed address (policy.allowed, `bouncekit suppressions allow`) is never suppressed.
// When several rules apply, feedback wins over hard over soft-repeated: the strongest reason is
// the one a list manager must see. The deciding record is the latest one counted for that rule.
#include <optional>

#include "analysis/day.hpp"
#include "analysis/record_kind.hpp"
#include "bouncekit/analysis.hpp"

namespace bouncekit::analysis {
namespace {

// The records counted for one rule.
struct Counted {
  std::uint64_t count = 0;
  const StoredRecord* first = nullptr;
  const StoredRecord* last = nullptr;
  std::optional<long> first_day, last_day;  ///< calendar-day span of the dated ones

  void add(const StoredRecord& record) {
    ++count;
    if (first == nullptr) first = &record;
    last = &record;
    if (auto day = day_number(record.date)) {
      if (!first_day || *day < *first_day) first_day = day;
      if (!last_day || *day > *last_day) last_day = day;
    }
  }
  long span_days() const { return first_day && last_day ? *last_day - *first_day : 0; }
};

Suppression make(const StoredRecord& deciding, const Counted& counted, std::string rule) {
  Suppression s;
  s.recipient = deciding.recipient;
  s.reason = deciding.reason;
  s.rule = std::move(rule);
  s.first_bounce = counted.first->date;
  s.last_bounce = counted.last->date;
  s.count = counted.count;
  s.evidence = deciding.origin;
  s.reason_evidence = deciding.evidence;
  s.reason_rule = deciding.rule;
  return s;
}

}  // namespace

std::optional<Suppression> decide(const RecipientHistory& history, const SuppressionPolicy& policy) {
  if (policy.allowed && policy.allowed->count(history.recipient)) return std::nullopt;
  Counted feedback, hard, soft;
  for (const auto& record : history.records) {
    if (!policy.excluded_reasons.empty() && policy.excluded_reasons.count(record.reason)) continue;
    switch (kind_of(record)) {
      case RecordKind::feedback: feedback.add(record); break;
      case RecordKind::hard: hard.add(record); break;
      case RecordKind::soft: soft.add(record); break;
      case RecordKind::alive: soft = Counted{}; break;
      case RecordKind::sender_side:
      case RecordKind::not_counted: break;
    }
  }
  std::optional<Suppression> result;
  if (policy.feedback_suppresses && feedback.count > 0) {
    result = make(*feedback.last, feedback, "feedback");
  } else if (policy.hard_suppresses && hard.count > 0) {
    result = make(*hard.last, hard, "hard");
  } else if (policy.soft_threshold > 0 && soft.count >= static_cast<std::uint64_t>(policy.soft_threshold) &&
             soft.span_days() >= policy.soft_min_days) {
    result = make(*soft.last, soft, "soft-repeated");
  }
  // The history's recipient names the address even if a record spells it differently.
  if (result && !history.recipient.empty()) result->recipient = history.recipient;
  // A line without an address would be useless (or harmful) in a list manager's import.
  if (result && result->recipient.empty()) return std::nullopt;
  return result;
}

}  // namespace bouncekit::analysis
