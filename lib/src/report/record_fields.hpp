// The record's columns, in output order, with a pointer to each member: one
// table shared by every writer so JSON and CSV can never disagree.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "bouncekit/record.hpp"

namespace bouncekit::report {

struct RecordField {
  constexpr RecordField(std::string_view n, std::string Record::*m) : name(n), text(m) {}
  constexpr RecordField(std::string_view n, SharedText Record::*m) : name(n), shared(m) {}

  /// The field's value in `r`.
  const std::string& of(const Record& r) const { return text ? r.*text : (r.*shared).str(); }
  /// Sets the field's value in `r`.
  void set(Record& r, std::string value) const {
    if (text)
      r.*text = std::move(value);
    else
      r.*shared = std::move(value);
  }

  std::string_view name;
  std::string Record::*text = nullptr;   // one of these two is set
  SharedText Record::*shared = nullptr;
};

inline constexpr std::array<RecordField, 30> kRecordFields{{
    {"origin", &Record::origin},
    {"timestamp", &Record::timestamp},
    {"recipient", &Record::recipient},
    {"subscriber", &Record::subscriber},
    {"original_recipient", &Record::original_recipient},
    {"recipient_domain", &Record::recipient_domain},
    {"sender", &Record::sender},
    {"action", &Record::action},
    {"status", &Record::status},
    {"reply_code", &Record::reply_code},
    {"diagnostic", &Record::diagnostic},
    {"diagnostic_type", &Record::diagnostic_type},
    {"reason", &Record::reason},
    {"bounce", &Record::bounce},
    {"action_owner", &Record::action_owner},
    {"inferred_status", &Record::inferred_status},
    {"evidence", &Record::evidence},
    {"rule", &Record::rule},
    {"remote_mta", &Record::remote_mta},
    {"reporting_mta", &Record::reporting_mta},
    {"smtp_command", &Record::smtp_command},
    {"decoded_by", &Record::decoded_by},
    {"message_id", &Record::message_id},
    {"subject", &Record::subject},
    {"list_id", &Record::list_id},
    {"list", &Record::list},
    {"original_to", &Record::original_to},
    {"original_date", &Record::original_date},
    {"feedback_type", &Record::feedback_type},
    {"fingerprint", &Record::fingerprint},
}};

}  // namespace bouncekit::report
