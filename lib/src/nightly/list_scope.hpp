// One list's share of the history (`report --list`, `suppressions --list`): the records whose
// list (StoredRecord::list: List-Id's identifier, else the VERP list address) is the one asked for.
#pragma once

#include <string>
#include <string_view>

#include "bouncekit/analysis.hpp"

namespace bouncekit::nightly::detail {

/// Whether `list` ("" = every list) takes a record of list `record_list`.
inline bool in_list(std::string_view list, std::string_view record_list) {
  return list.empty() || list == record_list;
}

/// The records of `history` in `list`, into `out` (its recipient too); returns `history` itself
/// when every record is (no copy), else `out`.
const analysis::RecipientHistory& records_in_list(const analysis::RecipientHistory& history, std::string_view list,
                                                  analysis::RecipientHistory& out);

}  // namespace bouncekit::nightly::detail
