#include "nightly/run_changes.hpp"

#include <unistd.h>

#include <algorithm>
#include <climits>

namespace bouncekit::nightly::detail {
namespace {

// Address changes kept for summary.json, the text summary and report.html (changes.csv has all).
constexpr std::size_t kHeadChanges = 1000;

std::string host_name() {
  char buffer[HOST_NAME_MAX + 1] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) return {};
  return buffer;
}

// The groups flagged now and not in `then`, and those flagged then and not now.
void compare_flags(const std::vector<analysis::GroupStats>& groups, const char* kind,
                   const std::set<std::pair<std::string, std::string>>& then, bool first_run,
                   std::vector<std::string>& added, std::vector<std::string>& cleared) {
  std::set<std::string> now;
  for (const analysis::GroupStats& g : groups)
    if (g.sender_side_flag) now.insert(g.name);
  if (first_run) return;  // nothing earlier: "newly" would say nothing a first report does not
  for (const std::string& name : now)
    if (!then.count({kind, name})) added.push_back(name);
  for (const auto& [k, name] : then)
    if (k == kind && !now.count(name)) cleared.push_back(name);
}

}  // namespace

RunChanges::RunChanges(const std::filesystem::path& database, const std::string& list,
                       const analysis::SuppressionPolicy& policy, report::ChangesCsvWriter* changes_csv,
                       report::WatchCsvWriter* watch_csv)
    : policy_(policy), list_(list), runs_(database, list), changes_csv_(changes_csv), watch_csv_(watch_csv) {
  previous_ = runs_.previous();
  log_position_ = runs_.log_position();
  ChangeContext context;
  context.first_run = !previous_;
  context.allowed = policy_.allowed;
  if (previous_) {
    context.forgotten = runs_.forgotten_since(previous_->log_position);
    context.policy_changed = previous_->policy != analysis::describe(policy_);
  }
  ChangeTracker::Emit emit;
  if (changes_csv_) emit = [this](const analysis::AddressChange& c) { changes_csv_->write(c); };
  tracker_ = std::make_unique<ChangeTracker>([this] { return runs_.next_previous_suppression(); },
                                             std::move(context), std::move(emit), kHeadChanges);
  runs_.begin();
}

void RunChanges::recipient(const analysis::RecipientHistory& history, analysis::Suppression* now) {
  const bool added = tracker_->recipient(history, now);
  if (now) {
    now->new_tonight = added;
    runs_.add_suppression({now->recipient, now->reason, now->rule, now->first_bounce, now->last_bounce});
    return;
  }
  if (std::optional<analysis::Watch> w = analysis::watch(history, policy_)) {
    ++watched_;
    if (watch_csv_) watch_csv_->write(*w);
  }
}

void RunChanges::finish(analysis::Summary& summary) {
  tracker_->finish();
  analysis::Changes& c = summary.changes;
  c = std::move(tracker_->changes());
  c.computed = true;
  c.list = list_;
  c.watched = watched_;
  std::set<std::pair<std::string, std::string>> then;
  if (previous_) {
    c.previous_run = previous_->started;
    then = runs_.previous_flags();
  }
  compare_flags(summary.domains, "domain", then, c.first_run, c.new_sender_side_domains, c.cleared_sender_side_domains);
  compare_flags(summary.providers, "provider", then, c.first_run, c.new_sender_side_providers,
                c.cleared_sender_side_providers);
  const history::RunRecord empty;
  const history::RunRecord& p = previous_ ? *previous_ : empty;
  c.counts = {{"messages", p.messages, summary.messages},       {"records", p.records, summary.records},
              {"hard", p.hard, summary.hard},                   {"soft", p.soft, summary.soft},
              {"recipients", p.recipients, summary.recipients}, {"suppressed", p.suppressed, summary.suppressed},
              {"watched", p.watched, watched_}};
  for (const analysis::GroupStats& g : summary.domains)
    if (g.sender_side_flag) runs_.add_flag("domain", g.name);
  for (const analysis::GroupStats& g : summary.providers)
    if (g.sender_side_flag) runs_.add_flag("provider", g.name);
}

void RunChanges::record(const Options& o, const std::string& started, const analysis::Summary& s) {
  history::RunRecord r;
  r.started = started;
  r.finished = now_utc();
  r.host = host_name();
  r.inputs = o.paths;  // the mail, then the shipped files, in the order they were read
  r.inputs.insert(r.inputs.end(), o.record_files.begin(), o.record_files.end());
  r.since = o.since;
  r.policy = analysis::describe(policy_);
  r.log_position = log_position_;
  r.read_messages = s.run_read;
  r.new_messages = s.run_new_messages;
  r.run_records = s.run_records;
  r.messages = s.messages;
  r.records = s.records;
  r.hard = s.hard;
  r.soft = s.soft;
  r.recipients = s.recipients;
  r.suppressed = s.suppressed;
  r.watched = watched_;
  runs_.commit(r);
}

}  // namespace bouncekit::nightly::detail
