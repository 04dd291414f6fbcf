// Aggregator: stored records in, a Summary out. Memory is per group (domain or provider), never
// per record or recipient: distinct messages are counted from the order records arrive in (the
// records of one message are adjacent), remote MTAs in a bounded top counter, examples capped.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/blocklists.hpp"
#include "analysis/day.hpp"
#include "analysis/domain_key.hpp"
#include "analysis/record_kind.hpp"
#include "analysis/record_provider.hpp"
#include "analysis/top_counter.hpp"
#include "bouncekit/analysis.hpp"

namespace bouncekit::analysis {
namespace {

constexpr std::size_t kTopRemoteMtas = 5;
constexpr std::size_t kExampleDiagnostics = 3;
constexpr std::size_t kExampleMaxBytes = 300;  // an example is for reading, not the whole transcript
// Name of the group of records whose recipient has no domain (no real domain has parentheses).
constexpr std::string_view kNoDomain = "(none)";
// Key of Summary::sender_side_per_day for records no provider table places.
constexpr std::string_view kNoProvider = "(none)";

// `s` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string clip_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "\xE2\x80\xA6";  // "…"
}

struct Group {
  GroupStats stats;
  std::string last_fingerprint;  ///< of the last record counted here, to count distinct messages
  std::string last_sender_side_fingerprint;  ///< the same, among sender-side records
  bool any_record = false, any_sender_side = false;
  TopCounter remote_mtas;

  // `lists`: the block lists the record's diagnostic names (sender-side records only).
  void add(const StoredRecord& r, const std::vector<std::string_view>& lists) {
    if (!any_record || r.fingerprint != last_fingerprint) ++stats.messages;
    any_record = true;
    last_fingerprint = r.fingerprint;
    ++stats.records;
    if (r.bounce == "hard") ++stats.hard;
    if (r.bounce == "soft") ++stats.soft;
    ++stats.reasons[r.reason];
    ++stats.owners[r.action_owner];
    if (!r.remote_mta.empty()) remote_mtas.add(r.remote_mta);
    if (!r.diagnostic.empty() && stats.example_diagnostics.size() < kExampleDiagnostics) {
      std::string example = clip_utf8(r.diagnostic, kExampleMaxBytes);
      auto& examples = stats.example_diagnostics;
      if (std::find(examples.begin(), examples.end(), example) == examples.end())
        examples.push_back(std::move(example));
    }
    if (day_of(r.date)) {  // a date, not whatever text the field holds
      if (stats.first_seen.empty() || r.date < stats.first_seen) stats.first_seen = r.date;
      if (stats.last_seen.empty() || r.date > stats.last_seen) stats.last_seen = r.date;
    }
    if (is_sender_side(r)) {
      ++stats.sender_side;
      if (!any_sender_side || r.fingerprint != last_sender_side_fingerprint) ++stats.sender_side_messages;
      any_sender_side = true;
      last_sender_side_fingerprint = r.fingerprint;
      for (std::string_view list : lists) ++stats.blocklists[std::string(list)];
    }
  }

  GroupStats finish(const BlockingThreshold& blocking) {
    stats.top_remote_mtas = remote_mtas.top(kTopRemoteMtas);
    stats.sender_side_flag = is_blocking(stats.sender_side_messages, stats.sender_side, stats.records, blocking);
    return std::move(stats);
  }
};

// Groups by name, looked up by string_view without building a string.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Groups = std::unordered_map<std::string, Group, NameHash, std::equal_to<>>;

Group& group_named(Groups& groups, std::string_view name) {
  auto it = groups.find(name);
  if (it == groups.end()) {
    it = groups.emplace(std::string(name), Group{}).first;
    it->second.stats.name = std::string(name);
  }
  return it->second;
}

// Most records first, then by name (so equal counts come out the same on every run).
std::vector<GroupStats> sorted_groups(Groups& groups, const BlockingThreshold& blocking) {
  std::vector<GroupStats> out;
  out.reserve(groups.size());
  for (auto& [name, group] : groups) out.push_back(group.finish(blocking));
  std::sort(out.begin(), out.end(), [](const GroupStats& a, const GroupStats& b) {
    return a.records != b.records ? a.records > b.records : a.name < b.name;
  });
  return out;
}

// The group of a recipient domain: its one form (domain_key.hpp), so 例え.jp and xn--r8jz45g.jp
// are one group, shown as Unicode.
std::string domain_of(std::string_view domain) {
  return domain.empty() ? std::string(kNoDomain) : domain_key(domain);
}

}  // namespace

struct Aggregator::State {
  SuppressionPolicy policy;
  BlockingThreshold blocking;
  Summary summary;
  std::string last_fingerprint;
  bool any_record = false;
  Groups domains, providers, lists, hosts;
  // The records of a night come together: the last day's counter saves a string per record.
  std::string last_day;
  std::uint64_t* last_day_count = nullptr;
};

Aggregator::Aggregator(SuppressionPolicy policy, BlockingThreshold blocking) : state_(std::make_shared<State>()) {
  state_->policy = policy;
  state_->blocking = blocking;
}

void Aggregator::add_record(const StoredRecord& record) {
  State& s = *state_;
  Summary& sum = s.summary;
  if (!s.any_record || record.fingerprint != s.last_fingerprint) ++sum.messages;
  s.any_record = true;
  s.last_fingerprint = record.fingerprint;
  ++sum.records;
  if (record.bounce == "hard") ++sum.hard;
  if (record.bounce == "soft") ++sum.soft;
  ++sum.reasons[record.reason];
  ++sum.owners[record.action_owner];
  if (auto day = day_of(record.date)) {
    if (s.last_day_count == nullptr || *day != s.last_day) {
      s.last_day.assign(*day);
      s.last_day_count = &sum.per_day[s.last_day];  // map nodes do not move
    }
    ++*s.last_day_count;
  }

  // Block lists are looked for in refusals whose fix is the sender's only: a list named in a
  // bounce about the recipient's mailbox is not what refused the mail.
  const bool sender_side = is_sender_side(record);
  const std::vector<std::string_view> lists =
      sender_side ? block_lists_named(record.diagnostic) : std::vector<std::string_view>{};
  const std::string_view provider = provider_of_record(record.remote_mta, record.recipient_domain);
  group_named(s.domains, domain_of(record.recipient_domain)).add(record, lists);
  if (!provider.empty()) group_named(s.providers, provider).add(record, lists);
  if (sender_side)
    if (auto day = day_of(record.date))
      ++sum.sender_side_per_day[provider.empty() ? std::string(kNoProvider) : std::string(provider)][std::string(*day)];
  if (!record.list.empty()) group_named(s.lists, record.list).add(record, lists);
  if (!record.host.empty()) group_named(s.hosts, record.host).add(record, lists);
}

std::optional<Suppression> Aggregator::add_recipient(const RecipientHistory& history) {
  State& s = *state_;
  ++s.summary.recipients;
  auto suppression = decide(history, s.policy);
  if (suppression) {
    ++s.summary.suppressed;
    std::string_view domain;
    if (!history.records.empty()) domain = history.records.front().recipient_domain;
    if (domain.empty()) {
      auto at = history.recipient.rfind('@');
      if (at != std::string::npos) domain = std::string_view(history.recipient).substr(at + 1);
    }
    ++group_named(s.domains, domain_of(domain)).stats.suppressed;
    // Each list the recipient bounced from, once.
    std::set<std::string_view> lists;
    for (const StoredRecord& r : history.records)
      if (!r.list.empty() && lists.insert(r.list).second) ++group_named(s.lists, r.list).stats.suppressed;
    // Each host that counted one of its records, once.
    std::set<std::string_view> hosts;
    for (const StoredRecord& r : history.records)
      if (!r.host.empty() && hosts.insert(r.host).second) ++group_named(s.hosts, r.host).stats.suppressed;
  }
  return suppression;
}

void Aggregator::merge_recipients(const Aggregator& other) {
  State& s = *state_;
  const State& o = *other.state_;
  s.summary.recipients += o.summary.recipients;
  s.summary.suppressed += o.summary.suppressed;
  // add_recipient creates a domain group only to count a suppression in it.
  for (const auto& [name, group] : o.domains)
    if (group.stats.suppressed) group_named(s.domains, name).stats.suppressed += group.stats.suppressed;
  for (const auto& [name, group] : o.lists)
    if (group.stats.suppressed) group_named(s.lists, name).stats.suppressed += group.stats.suppressed;
  for (const auto& [name, group] : o.hosts)
    if (group.stats.suppressed) group_named(s.hosts, name).stats.suppressed += group.stats.suppressed;
}

Summary Aggregator::finish() {
  State& s = *state_;
  Summary out = std::move(s.summary);
  out.domains = sorted_groups(s.domains, s.blocking);
  out.providers = sorted_groups(s.providers, s.blocking);
  out.lists = sorted_groups(s.lists, s.blocking);
  out.hosts = sorted_groups(s.hosts, s.blocking);
  out.blocking = s.blocking;
  SuppressionPolicy policy = s.policy;
  BlockingThreshold blocking = s.blocking;
  *state_ = State{};  // ready for another window with the same policy and threshold
  state_->policy = policy;
  state_->blocking = blocking;
  return out;
}

}  // namespace bouncekit::analysis
