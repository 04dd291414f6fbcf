// bouncekit/vocabulary.hpp — the words every stage shares: reasons, bounce
// verdicts, who must act.
//
// One table row per reason (vocabulary.cpp) says everything the rest of the
// code asks about it: its name, who must act, whether it is a hard or soft
// bounce when the failure is permanent and when it is temporary, whether it is
// a bounce at all, the placeholder status a record gets when its bounce stated
// none, what it means and what to do. Hard/soft, "is it a bounce" and "is it
// reported" are lookups here, nowhere else. Decoders can only hint at a reason
// the compiler knows (Record::hint).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace bouncekit::vocabulary {

/// Why delivery failed (or what the message was instead), in Sisimai's
/// vocabulary (DESIGN.md).
enum class Reason : std::uint8_t {
  userunknown,
  hostunknown,
  hasmoved,
  notaccept,
  mailboxfull,
  suspend,
  expired,
  networkerror,
  toomanyconn,
  speeding,
  blocked,
  spamdetected,
  policyviolation,
  authfailure,
  badreputation,
  requireptr,
  notcompliantrfc,
  rejected,
  norelaying,
  securityerror,
  virusdetected,
  contenterror,
  mesgtoobig,
  exceedlimit,
  filtered,
  systemerror,
  systemfull,
  mailererror,
  syntaxerror,
  failedstarttls,
  suppressed,
  onhold,
  undefined,
  delivered,
  feedback,
  vacation,
};

/// The verdict on an address: drop it now (hard), count it (soft), or not a
/// bounce at all (none).
enum class Bounce : std::uint8_t { hard, soft, none };

/// Who must act: the recipient's address, the sender's infrastructure, the
/// message, the remote system or network; none for non-bounces and for reasons
/// too vague to name anyone.
enum class Owner : std::uint8_t { recipient, sender, message, remote, none };

/// What kind of report a reason stands for.
enum class Kind : std::uint8_t {
  bounce,     ///< a failed or delayed delivery
  complaint,  ///< a recipient's complaint (ARF feedback): not a bounce, but it
              ///< suppresses
  alive,      ///< proof the mailbox took the message (delivered, auto-reply): never
              ///< reported as failed
};

struct ReasonRow {
  Reason reason;
  std::string_view name;  ///< "userunknown", ...
  Owner owner;
  Bounce when_permanent;  ///< hard/soft when the failure is permanent (5.x.x,
                          ///< 5xx, failed)
  Bounce when_temporary;  ///< hard/soft when it is temporary (4.x.x, 4xx, delayed)
  Kind kind;
  int inferred_detail;       ///< NNN of the X.0.NNN placeholder status; 0 = never
                             ///< inferred
  std::string_view meaning;  ///< one sentence
  std::string_view advice;   ///< what the sender should do
};

/// Every row, in the order DESIGN.md lists the reasons (the enum's order).
std::span<const ReasonRow> reasons();

/// The row of a reason.
const ReasonRow& row(Reason reason);

/// The reason with this name; nullopt if the name is not in the vocabulary.
std::optional<Reason> reason_named(std::string_view name);

std::string_view name(Reason reason);
std::string_view name(Bounce bounce);  ///< "hard", "soft", "none"
std::string_view name(Owner owner);    ///< "recipient", ..., "" for none

/// Hard or soft (or none) for a reason, given whether the failure was
/// temporary.
inline Bounce bounce_of(Reason reason, bool temporary) {
  const ReasonRow& r = row(reason);
  return temporary ? r.when_temporary : r.when_permanent;
}

/// True for reasons that are failed or delayed deliveries.
inline bool is_bounce(Reason reason) { return row(reason).kind == Kind::bounce; }

/// True for records a report lists (bounces and complaints; not proofs of
/// life).
inline bool is_reported(Reason reason) { return row(reason).kind != Kind::alive; }

}  // namespace bouncekit::vocabulary
