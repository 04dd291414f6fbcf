// summary.json's "changes" object (docs/report.md, "Changes since the previous run").
#pragma once

#include <nlohmann/json.hpp>

#include "bouncekit/analysis.hpp"

namespace bouncekit::report {

/// first_run, previous_run, added, removed, removed_by_why, address head, flagged groups, counts.
nlohmann::ordered_json changes_json(const analysis::Changes& changes);

}  // namespace bouncekit::report
