// summary.json's "changes" object: the fields docs/report.md lists under "Changes since the previous run".
#include "report/changes_json.hpp"

namespace bouncekit::report {

nlohmann::ordered_json changes_json(const analysis::Changes& c) {
  using Json = nlohmann::ordered_json;
  if (!c.computed) return Json(nullptr);
  Json removed_by_why = Json::object();
  for (const auto& [why, count] : c.removed_by_why) removed_by_why[why] = count;
  Json addresses = Json::array();
  for (const analysis::AddressChange& a : c.head)
    addresses.push_back(Json{{"address", a.address},
                             {"change", a.change},
                             {"reason", a.reason},
                             {"rule", a.rule},
                             {"why", a.why},
                             {"first_bounce", a.first_bounce},
                             {"last_bounce", a.last_bounce}});
  Json counts = Json::object();
  for (const analysis::CountChange& count : c.counts) {
    Json entry{{"previous", c.first_run ? Json(nullptr) : Json(count.previous)}, {"current", count.current}};
    entry["change"] = c.first_run ? Json(nullptr)
                                  : Json(static_cast<std::int64_t>(count.current) - static_cast<std::int64_t>(count.previous));
    counts[count.name] = std::move(entry);
  }
  return Json{{"first_run", c.first_run},
              {"previous_run", c.previous_run.empty() ? Json(nullptr) : Json(c.previous_run)},
              {"list", c.list.empty() ? Json(nullptr) : Json(c.list)},
              {"added", c.added},
              {"removed", c.removed},
              {"removed_by_why", std::move(removed_by_why)},
              {"watched", c.watched},
              {"new_sender_side_domains", c.new_sender_side_domains},
              {"new_sender_side_providers", c.new_sender_side_providers},
              {"cleared_sender_side_domains", c.cleared_sender_side_domains},
              {"cleared_sender_side_providers", c.cleared_sender_side_providers},
              {"counts", std::move(counts)},
              {"addresses", std::move(addresses)},
              {"addresses_complete", c.head.size() == c.added + c.removed}};
}

}  // namespace bouncekit::report
