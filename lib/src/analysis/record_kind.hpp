// What one stored record means for its recipient: the policy's and the aggregator's shared reading.
#pragma once

#include "bouncekit/analysis.hpp"

namespace bouncekit::analysis {

enum class RecordKind {
  hard,         ///< a hard bounce the recipient's address is to blame for
  soft,         ///< a soft bounce that counts towards repeated-soft suppression
  feedback,     ///< a complaint (ARF feedback report)
  sender_side,  ///< the sender's infrastructure must act: never held against the recipient
  not_counted,  ///< a bounce about the message itself, or one nobody can act on yet
  alive,        ///< proof the mailbox took mail (delivered, vacation auto-reply)
};

/// How the suppression policy reads `record` (docs/report.md, "Suppression policy").
RecordKind kind_of(const StoredRecord& record);

/// True when the record says the sender must act (action_owner "sender": blocked, badreputation, ...).
bool is_sender_side(const StoredRecord& record);

}  // namespace bouncekit::analysis
