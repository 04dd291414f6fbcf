// Reading a record for the suppression policy. The classifier already decided reason, bounce
// (hard/soft/none) and action_owner (docs/classifier.md); these tables say which of those the
// recipient's address is to blame for.
#include "analysis/record_kind.hpp"

#include <array>
#include <string_view>

namespace bouncekit::analysis {
namespace {

// Non-bounce reasons that prove the mailbox exists and took the message.
constexpr std::array<std::string_view, 2> kAliveReasons{"delivered", "vacation"};

// Owners whose bounces are not held against the recipient's address: the sender's
// infrastructure (blocked, badreputation, ...) and the message's content (spamdetected, ...).
constexpr std::array<std::string_view, 2> kNotRecipientOwners{"sender", "message"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& table, std::string_view value) {
  for (auto entry : table)
    if (entry == value) return true;
  return false;
}

}  // namespace

bool is_sender_side(const StoredRecord& record) { return record.action_owner == "sender"; }

RecordKind kind_of(const StoredRecord& record) {
  if (record.reason == "feedback" || !record.feedback_type.empty()) return RecordKind::feedback;
  if (in(kAliveReasons, record.reason)) return RecordKind::alive;
  if (is_sender_side(record)) return RecordKind::sender_side;
  if (in(kNotRecipientOwners, record.action_owner)) return RecordKind::not_counted;
  if (record.bounce == "hard") return RecordKind::hard;
  if (record.bounce == "soft") return RecordKind::soft;
  return RecordKind::not_counted;
}

}  // namespace bouncekit::analysis
