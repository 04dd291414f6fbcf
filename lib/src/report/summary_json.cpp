// summary.json: the whole Summary as one JSON document (schema in docs/report.md).
#include <nlohmann/json.hpp>

#include "bouncekit/report_files.hpp"

namespace bouncekit::report {
namespace {

using Json = nlohmann::ordered_json;

Json nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json counts(const std::map<std::string, std::uint64_t>& m) {
  Json j = Json::object();
  for (const auto& [name, count] : m) j[name] = count;
  return j;
}

Json group(const analysis::GroupStats& g) {
  Json mtas = Json::array();
  for (const auto& [host, count] : g.top_remote_mtas) mtas.push_back(Json{{"host", host}, {"records", count}});
  return Json{{"name", g.name},
              {"messages", g.messages},
              {"records", g.records},
              {"hard", g.hard},
              {"soft", g.soft},
              {"suppressed", g.suppressed},
              {"sender_side_flag", g.sender_side_flag},
              {"reasons", counts(g.reasons)},
              {"owners", counts(g.owners)},
              {"top_remote_mtas", std::move(mtas)},
              {"example_diagnostics", g.example_diagnostics},
              {"first_seen", nullable(g.first_seen)},
              {"last_seen", nullable(g.last_seen)}};
}

Json groups(const std::vector<analysis::GroupStats>& gs) {
  Json j = Json::array();
  for (const auto& g : gs) j.push_back(group(g));
  return j;
}

}  // namespace

void write_summary_json(std::ostream& out, const analysis::Summary& s) {
  Json j;
  j["generated_at"] = nullable(s.generated_at);
  j["since"] = nullable(s.since);
  j["run"] = Json{{"read", s.run_read},
                  {"new_messages", s.run_new_messages},
                  {"already_counted", s.run_already_counted},
                  {"bounces", s.run_bounces},
                  {"non_bounces", s.run_non_bounces},
                  {"undecodable", s.run_undecodable},
                  {"records", s.run_records}};
  j["window"] = Json{{"messages", s.messages}, {"records", s.records},       {"hard", s.hard},
                     {"soft", s.soft},         {"recipients", s.recipients}, {"suppressed", s.suppressed}};
  j["reasons"] = counts(s.reasons);
  j["owners"] = counts(s.owners);
  j["per_day"] = counts(s.per_day);
  j["domains"] = groups(s.domains);
  j["providers"] = groups(s.providers);
  // Stored strings are UTF-8 already; never throw on output if one is not.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace bouncekit::report
