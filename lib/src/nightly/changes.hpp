// What changed since the previous recorded run: the suppression list merged with the one the
// previous run published, both in address order, one address in memory at a time
// (docs/report.md, "Changes since the previous run").
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "bouncekit/analysis.hpp"
#include "bouncekit/history.hpp"

namespace bouncekit::nightly::detail {

/// What tells why an address left the list.
struct ChangeContext {
  bool first_run = true;
  std::shared_ptr<const std::set<std::string>> allowed;  ///< the allowlist now
  std::set<std::string> forgotten;  ///< addresses forgotten since the previous run
  bool policy_changed = false;      ///< the policy differs from the previous run's
};

class ChangeTracker {
 public:
  /// The previous run's list, next address each call (address order), nullopt at its end.
  using Previous = std::function<std::optional<history::PublishedSuppression>()>;
  /// Called for each change, in address order.
  using Emit = std::function<void(const analysis::AddressChange&)>;

  ChangeTracker(Previous previous, ChangeContext context, Emit emit, std::size_t head_limit);
  /// Each recipient of the window, in address order (byte order), with its suppression now
  /// (nullptr: not suppressed). Returns true when the address is newly suppressed.
  bool recipient(const analysis::RecipientHistory& history, const analysis::Suppression* now);
  /// After the last recipient: the previous list's addresses not met since have left it.
  void finish();
  /// The counts and the head of the changes (the rest of analysis::Changes is the caller's).
  analysis::Changes& changes() { return changes_; }

  /// Why `address` left the list; `history` is its history in the window (nullptr: none).
  std::string why_removed(const std::string& address, const analysis::RecipientHistory* history) const;

 private:
  void advance();
  void removed(const history::PublishedSuppression& previous, const analysis::RecipientHistory* history);
  void emit(analysis::AddressChange change);
  Previous previous_;
  ChangeContext context_;
  Emit emit_;
  std::size_t head_limit_;
  std::optional<history::PublishedSuppression> pending_;
  analysis::Changes changes_;
};

}  // namespace bouncekit::nightly::detail
