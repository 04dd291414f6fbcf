// Which stored records the report counts (shared by the nightly job and the suppression list).
#pragma once

#include <optional>
#include <string_view>

#include "bouncekit/vocabulary.hpp"

namespace bouncekit::nightly::detail {

// Records the report counts: failed and delayed recipients and complaints (feedback
// suppresses). Deliveries and auto-replies say nothing against an address and are left out of
// the counts and records.jsonl, as `parse` leaves them out without --include-delivered/
// --include-vacation. The history keeps them all the same: the suppression policy reads a
// delivery or an auto-reply after soft bounces as proof that the mailbox works again.
inline bool is_reported(std::string_view reason) {
  std::optional<vocabulary::Reason> r = vocabulary::reason_named(reason);
  return !r || vocabulary::is_reported(*r);
}

}  // namespace bouncekit::nightly::detail
