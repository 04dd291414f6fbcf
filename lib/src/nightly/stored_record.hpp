// Between a Record and the history's StoredRecord: what a run stores of each record, and the
// Record a stored one stands for when `report --reclassify` decides its verdict again.
#pragma once

#include <string>

#include "bouncekit/analysis.hpp"
#include "bouncekit/classify.hpp"
#include "bouncekit/record.hpp"

namespace bouncekit::nightly::detail {

/// The record as the history keeps it: its finding and its verdict. `now` dates a record
/// without a valid UTC timestamp.
analysis::StoredRecord essentials(const Record& record, const std::string& now);

/// The finding of a stored record as a Record with an empty verdict (docs/history.md says what a
/// record stored by history schema version 1 lacks, and what stands in for it).
Record finding_of(const analysis::StoredRecord& stored);

/// Whether the record was stored by history schema version 1 (it has no evidence: every record
/// classified since version 2 has one).
bool stored_by_version1(const analysis::StoredRecord& stored);

/// Classifies the stored finding again with `classifier` and writes the verdict back. A record
/// stored by version 1 takes the new verdict only when the user's rules decide it.
void reclassify(analysis::StoredRecord& stored, const classify::Classifier& classifier);

}  // namespace bouncekit::nightly::detail
