// "Who is blocking me": when a domain or provider counts as refusing the sender's mail.
//
// One refusal proves little: a listing that lasted an hour, a greylisting reply read as a
// block, a misclassified bounce. A whole domain is reported as blocking when the refusals are
// a pattern (several separate bounce messages, not one message naming many recipients) and a
// real part of what that domain bounces (not three refusals among a thousand unknown users).
// docs/report.md, "Who is blocking me", gives the numbers and why.
#include "bouncekit/analysis.hpp"

namespace bouncekit::analysis {

bool is_blocking(std::uint64_t sender_side_messages, std::uint64_t sender_side_records, std::uint64_t records,
                 const BlockingThreshold& threshold) {
  if (sender_side_records == 0 || sender_side_messages < threshold.min_messages) return false;
  // share >= min_share_percent, in integers: records are counts, never near overflow when multiplied by 100.
  return sender_side_records * 100 >= threshold.min_share_percent * records;
}

}  // namespace bouncekit::analysis
