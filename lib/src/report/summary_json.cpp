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

}  // namespace

void write_summary_json(std::ostream& out, const analysis::Summary& s) {
  // Written piece by piece, one line per group, so a window of a hundred thousand domains never
  // holds the whole document in memory. Stored strings are UTF-8 already; never throw on output
  // if one is not.
  auto dump = [](const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); };
  auto field = [&](std::string_view name, const Json& value, bool last = false) {
    out << "  " << dump(Json(name)) << ": " << dump(value) << (last ? "\n" : ",\n");
  };
  auto group_list = [&](std::string_view name, const std::vector<analysis::GroupStats>& gs, bool last) {
    out << "  " << dump(Json(name)) << ": [";
    for (std::size_t i = 0; i < gs.size(); ++i) out << (i == 0 ? "\n    " : ",\n    ") << dump(group(gs[i]));
    out << (gs.empty() ? "]" : "\n  ]") << (last ? "\n" : ",\n");
  };
  out << "{\n";
  field("generated_at", nullable(s.generated_at));
  field("since", nullable(s.since));
  field("run", Json{{"read", s.run_read},
                    {"new_messages", s.run_new_messages},
                    {"already_counted", s.run_already_counted},
                    {"bounces", s.run_bounces},
                    {"non_bounces", s.run_non_bounces},
                    {"undecodable", s.run_undecodable},
                    {"records", s.run_records},
                    {"pruned_messages", s.run_pruned_messages},
                    {"pruned_records", s.run_pruned_records}});
  field("window", Json{{"messages", s.messages}, {"records", s.records},       {"hard", s.hard},
                       {"soft", s.soft},         {"recipients", s.recipients}, {"suppressed", s.suppressed}});
  field("reasons", counts(s.reasons));
  field("owners", counts(s.owners));
  field("per_day", counts(s.per_day));
  group_list("domains", s.domains, false);
  group_list("providers", s.providers, false);
  group_list("lists", s.lists, true);  // per list (List-Id, else the VERP list address)
  out << "}\n";
}

}  // namespace bouncekit::report
