// RFC 5965 Abuse Reporting Format: complaints, reported as `feedback` records.
#include <optional>

#include "decode/address.hpp"
#include "decode/arf.hpp"
#include "decode/delivery_status.hpp"
#include "decode/original_message.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {

bool detect_arf(const Context& ctx) {
  const mime::ContentType& ct = ctx.message.root.content_type;
  if (ct.is("multipart/report") && util::contains_ci(ct.param("report-type"), "feedback-report"))
    return true;
  return find_part(ctx.message.root, {"message/feedback-report"}) != nullptr;
}

std::optional<Result> decode_arf(const Context& ctx) {
  const mime::Part* report = find_part(ctx.message.root, {"message/feedback-report"});
  if (!report) return std::nullopt;
  // The report is a block of "Name: value" fields, like one delivery-status group.
  const FieldGroup report_fields{mime::parse_fields(report->body())};
  const std::vector<mime::Field>& fields = report_fields.fields;
  auto get = [&](std::string_view name) { return report_fields.get(name); };

  Record base;
  base.decoded_by = "arf";
  base.hint = vocabulary::Reason::feedback;
  base.feedback_type = util::to_lower(get("Feedback-Type"));
  base.sender = clean_address(get("Original-Mail-From"));
  base.reporting_mta = util::to_lower(std::string(util::trim(get("Reporting-MTA"))));
  if (std::size_t semi = base.reporting_mta.find(';'); semi != std::string::npos)
    base.reporting_mta = std::string(util::trim(base.reporting_mta.substr(semi + 1)));
  std::string_view when = get("Arrival-Date");
  if (when.empty()) when = get("Received-Date");
  base.timestamp = mime::to_iso8601_utc(when);

  Result result;
  result.kind = Kind::feedback;
  for (const auto& f : fields) {
    if (!util::iequals(f.name, "Original-Rcpt-To")) continue;
    Record r = base;
    r.recipient = clean_address(f.value);
    result.records.push_back(std::move(r));
  }
  if (result.records.empty()) {
    // No Original-Rcpt-To: the complaint is about the recipient of the returned message.
    Record r = base;
    std::string to = find_original_message(ctx.message.root, {}).to;
    if (looks_like_address(to)) r.recipient = to;
    result.records.push_back(std::move(r));
  }
  return result;
}

}  // namespace bouncekit::decode
