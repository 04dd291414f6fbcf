#include "nightly/list_scope.hpp"

#include <algorithm>

namespace bouncekit::nightly::detail {

const analysis::RecipientHistory& records_in_list(const analysis::RecipientHistory& history, std::string_view list,
                                                  analysis::RecipientHistory& out) {
  if (std::all_of(history.records.begin(), history.records.end(),
                  [&](const analysis::StoredRecord& r) { return in_list(list, r.list); }))
    return history;
  out.recipient = history.recipient;
  out.records.clear();
  for (const analysis::StoredRecord& r : history.records)
    if (in_list(list, r.list)) out.records.push_back(r);
  return out;
}

}  // namespace bouncekit::nightly::detail
