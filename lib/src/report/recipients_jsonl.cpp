// recipients.jsonl: one line per recipient of the window, with every bounce it had (docs/report.md).
#include <map>
#include <nlohmann/json.hpp>

#include "bouncekit/report_files.hpp"

namespace bouncekit::report {
namespace {

using Json = nlohmann::ordered_json;

Json nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

void write_recipient_jsonl(std::ostream& out, const analysis::RecipientHistory& history,
                           const analysis::Suppression* suppression) {
  std::uint64_t hard = 0, soft = 0;
  std::map<std::string, std::uint64_t> reasons;
  Json bounces = Json::array();
  for (const analysis::StoredRecord& r : history.records) {
    if (r.bounce == "hard") ++hard;
    if (r.bounce == "soft") ++soft;
    ++reasons[r.reason];
    bounces.push_back(Json{{"date", nullable(r.date)},
                           {"reason", nullable(r.reason)},
                           {"bounce", nullable(r.bounce)},
                           {"status", nullable(r.status)},
                           {"reply_code", nullable(r.reply_code)},
                           {"remote_mta", nullable(r.remote_mta)},
                           {"origin", nullable(r.origin)}});
  }
  Json line{{"recipient", history.recipient},
            {"recipient_domain", history.records.empty() ? Json(nullptr) : nullable(history.records.front().recipient_domain)},
            {"records", history.records.size()},
            {"hard", hard},
            {"soft", soft},
            {"reasons", reasons},
            {"first_bounce", history.records.empty() ? Json(nullptr) : nullable(history.records.front().date)},
            {"last_bounce", history.records.empty() ? Json(nullptr) : nullable(history.records.back().date)},
            {"suppressed", suppression ? Json(suppression->rule) : Json(nullptr)},
            {"bounces", std::move(bounces)}};
  // Invalid UTF-8 (which the decoders never let through) is replaced rather than thrown on.
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace bouncekit::report
