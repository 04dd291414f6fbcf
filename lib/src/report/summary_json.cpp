// summary.json: the whole Summary as one JSON document (schema in docs/report.md).
#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bouncekit/report_files.hpp"
#include "report/changes_json.hpp"

namespace bouncekit::report {
namespace {

using Json = nlohmann::ordered_json;

Json nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json counts(const std::map<std::string, std::uint64_t>& m) {
  Json j = Json::object();
  for (const auto& [name, count] : m) j[name] = count;
  return j;
}

// Share of `part` in `whole`, a fraction rounded to 4 decimals (0 when whole is 0).
double share(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return 0.0;
  return static_cast<double>(part * 10000 / whole) / 10000.0;
}

// "Who is blocking me" for the whole window: every block list named, with its page, most
// records first (ties in table order); a domain group holds each record once, so their sum is the window's.
Json named_block_lists(const std::vector<analysis::GroupStats>& domains) {
  std::map<std::string, std::uint64_t> records;
  for (const auto& g : domains)
    for (const auto& [name, count] : g.blocklists) records[name] += count;
  std::vector<std::pair<analysis::BlockList, std::uint64_t>> named;
  for (const auto& list : analysis::block_lists())
    if (auto it = records.find(std::string(list.name)); it != records.end()) named.emplace_back(list, it->second);
  std::stable_sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  Json out = Json::array();
  for (const auto& [list, count] : named)
    out.push_back(Json{{"name", list.name},
                       {"title", list.title},
                       {"records", count},
                       {"lookup_url", list.lookup_url.empty() ? Json(nullptr) : Json(list.lookup_url)},
                       {"note", list.note.empty() ? Json(nullptr) : Json(list.note)}});
  return out;
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
              {"sender_side", g.sender_side},
              {"sender_side_messages", g.sender_side_messages},
              {"sender_side_share", share(g.sender_side, g.records)},
              {"blocklists", counts(g.blocklists)},
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
  Json sender_side_per_day = Json::object();
  for (const auto& [provider, days] : s.sender_side_per_day) sender_side_per_day[provider] = counts(days);
  field("sender_side_per_day", sender_side_per_day);
  field("blocklists", named_block_lists(s.domains));
  field("blocking_threshold",
        Json{{"min_messages", s.blocking.min_messages}, {"min_share_percent", s.blocking.min_share_percent}});
  field("changes", changes_json(s.changes));  // report/changes_json.cpp
  group_list("domains", s.domains, false);
  group_list("providers", s.providers, false);
  group_list("lists", s.lists, false);  // per list (List-Id, else the VERP list address)
  group_list("hosts", s.hosts, true);  // per host that counted the messages (docs/fleet.md)
  out << "}\n";
}

}  // namespace bouncekit::report
