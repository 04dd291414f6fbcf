// The preliminary classifier: enhanced status first, reply code second,
// action last. The full classifier (text rules, provider tables, user rules)
// replaces this ordering with a richer one.
#include "bouncekit/classify.hpp"
#include "classify/status_reasons.hpp"

namespace bouncekit::classify {

std::string bounce_for(std::string_view reason, std::string_view status) {
  if (reason == "delivered" || reason == "feedback" || reason == "vacation") return "none";
  if (reason == "userunknown" || reason == "hostunknown" || reason == "hasmoved") return "hard";
  if (reason == "notaccept") return (!status.empty() && status[0] == '4') ? "soft" : "hard";
  return "soft";
}

Verdict classify(const Record& record) {
  std::string reason;
  if (!record.status.empty() && record.status[0] == '2') reason = "delivered";
  if (reason.empty()) reason = std::string(reason_for_status(record.status));
  if (reason.empty()) reason = std::string(reason_for_reply_code(record.reply_code));
  if (reason.empty() && record.action == "delayed") reason = "expired";
  if (reason.empty()) reason = record.status.empty() && record.reply_code.empty() && record.diagnostic.empty()
                                   ? "undefined"
                                   : "onhold";
  return {reason, bounce_for(reason, record.status)};
}

void apply(Record& record) {
  if (record.reason.empty()) record.reason = classify(record).reason;
  record.bounce = bounce_for(record.reason, record.status);
}

}  // namespace bouncekit::classify
