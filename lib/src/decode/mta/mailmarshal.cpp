// MailMarshal (Trustwave/Marshal SMTP gateway): plain text, one reason for a
// list of recipients, then a block of fields about the attempt:
//
//   Your message: (From/Subject of the original)
//   Could not be delivered because of
//   550 5.1.1 User unknown
//   The following recipients were affected:
//       user@example.net
//   Additional Information
//   ======================
//   Remote-MTA:     <192.0.2.1>
//   Reporting-MTA:  <gw.example.org>
#include <array>
#include <string_view>

#include "decode/address.hpp"
#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kSubject = "Undeliverable Mail:";
// Its notifications come from the gateway's own sender: "Received: from MailMarshal.Sender ...".
constexpr std::string_view kReceivedMark = "MailMarshal";
constexpr std::string_view kReasonLine = "Could not be delivered because of";
constexpr std::string_view kRecipientsLine = "The following recipients were affected";
constexpr std::string_view kInformationLine = "Additional Information";

enum class Field { sender, remote_mta, reporting_mta };
struct InformationField {
  std::string_view name;
  Field field;
};
constexpr std::array<InformationField, 3> kInformationFields{{
    {"Original Sender:", Field::sender},
    {"Remote-MTA:", Field::remote_mta},
    {"Reporting-MTA:", Field::reporting_mta},
}};

// "<192.0.2.1>" -> "192.0.2.1"
std::string_view bracketed_value(std::string_view v) {
  v = util::trim(v);
  if (!v.empty() && v.front() == '<') v.remove_prefix(1);
  if (!v.empty() && v.back() == '>') v.remove_suffix(1);
  return util::trim(v);
}

}  // namespace

bool detect_mailmarshal(const Context& ctx) {
  if (!subject_has(ctx, {kSubject})) return false;
  return header_has(ctx, "Received", kReceivedMark) || body_has(ctx, {kRecipientsLine});
}

std::optional<Result> decode_mailmarshal(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::vector<Record> records;
  std::string reason;
  std::string sender;
  std::string remote_mta;
  std::string reporting_mta;
  enum class In { preamble, cause, recipients, information } in = In::preamble;
  bool listed_any = false;  // in this recipient list
  for (std::string_view raw_line : split_lines(notice)) {
    std::string_view line = util::trim(raw_line);
    if (util::starts_with_ci(line, kReasonLine)) {
      in = In::cause;
      reason.clear();
    } else if (util::starts_with_ci(line, kRecipientsLine)) {
      in = In::recipients;
      listed_any = false;
    } else if (util::starts_with_ci(line, kInformationLine)) {
      in = In::information;
    } else if (in == In::cause && !line.empty()) {
      if (!reason.empty()) reason.push_back(' ');
      reason.append(line);
    } else if (in == In::recipients) {
      if (line.empty()) {
        if (listed_any) in = In::preamble;
        continue;
      }
      for (const std::string& address : addresses_in(line)) {
        listed_any = true;
        // The records-per-message limit (docs/limits.md): recipients beyond it are counted, not built.
        if (room_for_record(ctx, records)) records.push_back(text_record(address, reason));
      }
    } else if (in == In::information) {
      for (const auto& f : kInformationFields) {
        if (!util::starts_with_ci(line, f.name)) continue;
        std::string_view value = bracketed_value(line.substr(f.name.size()));
        switch (f.field) {
          case Field::sender: sender = clean_address(value); break;
          case Field::remote_mta: remote_mta = util::to_lower(value); break;
          case Field::reporting_mta: reporting_mta = util::to_lower(value); break;
        }
      }
    }
  }
  for (Record& r : records) {
    r.sender = sender;
    r.remote_mta = remote_mta;
    r.reporting_mta = reporting_mta;
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
