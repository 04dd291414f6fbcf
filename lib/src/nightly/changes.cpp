// ChangeTracker: the suppression list now against the one the previous recorded run published.
// Both come in address order, so a merge finds the changes without holding either list. Why an
// address left the list, first reason that applies:
//   allowed         it is on the allowlist now (`bouncekit suppressions allow`)
//   forgotten       `bouncekit suppressions forget` was run for it since the previous run
//   recovered       a delivery or an auto-reply came after its last counted bounce
//   policy-changed  the policy (--only, --exclude-reason, thresholds) differs from the previous run's
//   aged-out        the rest: the records that suppressed it left the window or were pruned
#include "nightly/changes.hpp"

#include "analysis/record_kind.hpp"

namespace bouncekit::nightly::detail {
namespace {

// Whether the mailbox showed life after its last bounce that the policy counts.
bool recovered(const analysis::RecipientHistory& history) {
  std::size_t last_alive = 0, last_counted = 0;
  bool alive = false;
  for (std::size_t i = 0; i < history.records.size(); ++i) {
    switch (analysis::kind_of(history.records[i])) {
      case analysis::RecordKind::alive: last_alive = i; alive = true; break;
      case analysis::RecordKind::hard:
      case analysis::RecordKind::soft:
      case analysis::RecordKind::feedback: last_counted = i; break;
      default: break;
    }
  }
  return alive && last_alive >= last_counted;
}

}  // namespace

ChangeTracker::ChangeTracker(Previous previous, ChangeContext context, Emit emit, std::size_t head_limit)
    : previous_(std::move(previous)), context_(std::move(context)), emit_(std::move(emit)), head_limit_(head_limit) {
  changes_.first_run = context_.first_run;
  advance();
}

void ChangeTracker::advance() { pending_ = previous_ ? previous_() : std::nullopt; }

std::string ChangeTracker::why_removed(const std::string& address, const analysis::RecipientHistory* history) const {
  if (context_.allowed && context_.allowed->count(address)) return "allowed";
  if (context_.forgotten.count(address)) return "forgotten";
  if (history && recovered(*history)) return "recovered";
  if (context_.policy_changed) return "policy-changed";
  return "aged-out";
}

void ChangeTracker::emit(analysis::AddressChange change) {
  if (emit_) emit_(change);
  if (changes_.head.size() < head_limit_) changes_.head.push_back(std::move(change));
}

void ChangeTracker::removed(const history::PublishedSuppression& p, const analysis::RecipientHistory* history) {
  analysis::AddressChange c{p.address, "removed", p.reason, p.rule, why_removed(p.address, history),
                            p.first_bounce, p.last_bounce};
  ++changes_.removed;
  ++changes_.removed_by_why[c.why];
  emit(std::move(c));
}

bool ChangeTracker::recipient(const analysis::RecipientHistory& history, const analysis::Suppression* now) {
  const std::string& address = history.recipient;
  // Addresses of the previous list before this one have no history in the window any more.
  while (pending_ && pending_->address < address) {
    removed(*pending_, nullptr);
    advance();
  }
  std::optional<history::PublishedSuppression> was;
  if (pending_ && pending_->address == address) {
    was = std::move(pending_);
    advance();
  }
  if (now && !was) {
    ++changes_.added;
    emit(analysis::AddressChange{now->recipient, "added", now->reason, now->rule, "new", now->first_bounce,
                                 now->last_bounce});
    return true;
  }
  if (!now && was) removed(*was, &history);
  return false;
}

void ChangeTracker::finish() {
  while (pending_) {
    removed(*pending_, nullptr);
    advance();
  }
}

}  // namespace bouncekit::nightly::detail
