// Invariants the fuzz targets check on every decode result: what leaves the
// library is valid UTF-8 without NUL, classified, and of bounded size.
#pragma once

#include <cstdlib>
#include <initializer_list>
#include <string_view>

#include "bouncekit/decode.hpp"
#include "utf8_validity.hpp"

namespace bouncekit::fuzz {

inline void check_record(const Record& r) {
  for (std::string_view field : std::initializer_list<std::string_view>{
           r.recipient, r.original_recipient, r.sender, r.action, r.diagnostic, r.diagnostic_type, r.remote_mta,
           r.reporting_mta, r.message_id, r.subject, r.list_id, r.original_to, r.feedback_type, r.reason,
           r.subscriber, r.list}) {
    if (!test::valid_utf8_without_nul(field)) std::abort();
    if (field.size() > 64 * 1024) std::abort();
  }
  if (r.reason.empty() || r.bounce.empty()) std::abort();
}

inline void check_result(const decode::Result& result) {
  for (const Record& r : result.records) check_record(r);
}

}  // namespace bouncekit::fuzz
