// nightly::for_each_suppression: the suppression list straight from the history, without a run
// (`bouncekit suppressions`). The same steps as the recipients pass of nightly::run (job.cpp):
// recipients known only from deliveries and auto-replies are skipped, the rest go through the
// policy's decide().
#include <algorithm>
#include <memory>
#include <system_error>

#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"
#include "nightly/list_scope.hpp"
#include "nightly/reported.hpp"
#include "util/strings.hpp"

namespace bouncekit::nightly {

std::uint64_t for_each_suppression(const std::filesystem::path& database, const std::string& since,
                                   analysis::SuppressionPolicy policy,
                                   const std::function<void(const analysis::Suppression&)>& fn,
                                   const std::string& list) {
  std::error_code ec;
  if (!history::is_server(database.string()) && !std::filesystem::is_regular_file(database, ec))
    throw history::DatabaseError("no history database at " + database.string());
  history::Store store(database);
  if (!policy.allowed)
    policy.allowed = std::make_shared<const std::set<std::string>>(history::Overrides(database).allowed());
  std::uint64_t count = 0;
  analysis::RecipientHistory scoped;
  store.for_each_recipient(since, [&](const analysis::RecipientHistory& all_lists) {
    const analysis::RecipientHistory& history = detail::records_in_list(all_lists, list, scoped);
    if (std::none_of(history.records.begin(), history.records.end(),
                     [](const analysis::StoredRecord& r) { return detail::is_reported(r.reason); }))
      return;
    std::optional<analysis::Suppression> s = analysis::decide(history, policy);
    if (!s) return;
    ++count;
    fn(*s);
  });
  return count;
}

std::string list_key(std::string_view list) {
  // As decode reads List-Id (RFC 2919 section 3): a phrase may come first, the id is in <...>.
  std::string_view id = util::trim(list);
  if (const std::size_t lt = id.rfind('<'); lt != std::string_view::npos) {
    const std::size_t gt = id.find('>', lt);
    id = util::trim(id.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1));
  }
  return util::to_lower(id);
}

}  // namespace bouncekit::nightly
