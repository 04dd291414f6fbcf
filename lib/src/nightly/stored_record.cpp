#include "nightly/stored_record.hpp"

#include <optional>

#include "bouncekit/nightly.hpp"
#include "bouncekit/vocabulary.hpp"
#include "util/strings.hpp"

namespace bouncekit::nightly::detail {

analysis::StoredRecord essentials(const Record& r, const std::string& now) {
  analysis::StoredRecord s;
  // The decoders already fall back from the report's own time to the bounce's Date header.
  s.date = is_utc_timestamp(r.timestamp) ? r.timestamp.str() : now;
  // Addresses are compared case-insensitively when deciding suppressions. A VERP subscriber is
  // the address the list knows: it is the one suppressed (a forward reports its final mailbox).
  s.recipient = util::to_lower(r.subscriber.empty() ? r.recipient : r.subscriber.str());
  if (const std::string reported = util::to_lower(r.recipient); reported != s.recipient)
    s.reported_recipient = reported;
  s.list = r.list;
  s.sender = r.sender;
  s.recipient_domain = r.recipient_domain;
  s.reason = r.reason;
  s.bounce = r.bounce;
  s.action_owner = r.action_owner;
  s.status = r.status;
  s.reply_code = r.reply_code;
  s.remote_mta = r.remote_mta;
  s.diagnostic = r.diagnostic;
  s.decoded_by = r.decoded_by;
  s.feedback_type = r.feedback_type;
  s.action = r.action;
  s.smtp_command = r.smtp_command;
  s.diagnostic_type = r.diagnostic_type;
  s.reporting_mta = r.reporting_mta;
  if (r.hint) s.hint = std::string(vocabulary::name(*r.hint));
  s.inferred_status = r.inferred_status;
  s.evidence = r.evidence;
  s.rule = r.rule;
  return s;
}

Record finding_of(const analysis::StoredRecord& s) {
  Record r;
  r.origin = s.origin;
  r.timestamp = s.date;
  r.recipient = s.reported_recipient.empty() ? s.recipient : s.reported_recipient;
  if (!s.reported_recipient.empty()) r.subscriber = s.recipient;
  r.list = s.list;
  r.sender = s.sender;
  r.recipient_domain = s.recipient_domain;
  r.action = s.action;
  r.status = s.status;
  r.reply_code = s.reply_code;
  r.diagnostic = s.diagnostic;
  r.diagnostic_type = s.diagnostic_type;
  r.remote_mta = s.remote_mta;
  r.reporting_mta = s.reporting_mta;
  r.smtp_command = s.smtp_command;
  r.decoded_by = s.decoded_by;
  r.feedback_type = s.feedback_type;
  r.hint = vocabulary::reason_named(s.hint);
  // Every record classified since schema version 2 has its evidence (at least "nothing"); one
  // without was stored by version 1, which kept no hint. Only a decoder's format (or a 2.x.x
  // status, which says it again) makes a record an auto-reply, a complaint or a delivery, so
  // such a stored reason stands in for the hint. A bounce reason does not: the text decides again.
  if (!r.hint && stored_by_version1(s)) {
    std::optional<vocabulary::Reason> stored = vocabulary::reason_named(s.reason);
    if (stored && !vocabulary::is_bounce(*stored)) r.hint = stored;
  }
  return r;
}

bool stored_by_version1(const analysis::StoredRecord& s) { return s.evidence.empty(); }

void reclassify(analysis::StoredRecord& s, const classify::Classifier& classifier) {
  Record r = finding_of(s);
  classifier.apply(r);
  // A record stored by version 1 lacks the SMTP command, the action, the diagnostic type, the
  // reporting MTA and the hint, which the built-in steps weigh: decided again without them, the
  // same classifier changed 4% of such records' reasons on the bench mailbox (docs/history.md).
  // The user's rules read the diagnostic only, which version 1 kept whole: they alone decide
  // such a record again; otherwise it keeps its verdict.
  if (stored_by_version1(s) && r.evidence != classify::to_string(classify::Evidence::user_rule)) return;
  s.reason = std::move(r.reason);
  s.bounce = std::move(r.bounce);
  s.action_owner = std::move(r.action_owner);
  s.inferred_status = std::move(r.inferred_status);
  s.evidence = std::move(r.evidence);
  s.rule = std::move(r.rule);
}

}  // namespace bouncekit::nightly::detail
