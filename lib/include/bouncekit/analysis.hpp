// bouncekit/analysis.hpp — the report stage's arithmetic: per-domain and per-provider
// aggregation, and the suppression policy that decides which addresses to drop.
//
// Everything here works on StoredRecord, the essentials of a record as the history
// database keeps them, so the same code serves one run and a --since window of many
// nights. Nothing here reads mail or touches the database: the nightly job
// (bouncekit/nightly.hpp) streams records in and hands the Summary to the writers
// (bouncekit/report_files.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bouncekit::analysis {

/// One record as the history keeps it.
struct StoredRecord {
  std::string fingerprint;  ///< stable fingerprint of the bounce message it came from
  std::string origin;       ///< where that message was read (source::Origin::to_string())
  /// When the bounce happened, UTC "YYYY-MM-DDTHH:MM:SSZ": the record's timestamp, else the
  /// bounce message's Date, else the time the run first saw the message.
  std::string date;
  std::string recipient, recipient_domain;
  std::string reason, bounce, action_owner;  ///< as classified (docs/classifier.md)
  std::string status, reply_code, remote_mta, diagnostic, decoded_by, feedback_type;
  /// The rest of the finding (history schema 2; "" in records stored by version 1): what a
  /// later classifier needs to decide again (`report --reclassify`). `hint` is the name of the
  /// decoder's hinted reason.
  std::string action, smtp_command, diagnostic_type, reporting_mta, hint;
  /// The rest of the verdict (history schema 2; "" in records stored by version 1).
  std::string inferred_status, evidence, rule;
  /// History schema 3 ("" in records stored before): when a VERP subscriber (Record::subscriber)
  /// differs from the address the report named, `recipient` holds the subscriber (the address
  /// suppression decides about) and `reported_recipient` the report's; "" when they agree.
  std::string reported_recipient;
  std::string list;    ///< Record::list: List-Id's identifier, else the VERP list address
  std::string sender;  ///< Record::sender: the returned message's From, else the VERP list address
  std::string host;    ///< the host whose run counted its message (history, `--host-name`); "" before schema 3
};

/// Every stored record of one recipient in the window, oldest first.
struct RecipientHistory {
  std::string recipient;
  std::vector<StoredRecord> records;
};

/// Mailbox provider that runs a remote MTA ("google", "microsoft", "yahoo", ...), from the
/// host names of the provider table (lib/src/providers, one file per provider); "" when unknown.
std::string_view provider_of_host(std::string_view remote_mta);

/// When a recipient is suppressed (docs/report.md explains each knob).
struct SuppressionPolicy {
  bool hard_suppresses = true;      ///< one hard bounce suppresses at once
  int soft_threshold = 3;           ///< soft bounces needed ...
  int soft_min_days = 7;            ///< ... spread over at least this many days (first to last)
  bool feedback_suppresses = true;  ///< a complaint (ARF feedback) suppresses at once
  /// Reasons whose records never count towards a suppression (`--exclude-reason`): a list that
  /// keeps mailboxes that were full, say, excludes "mailboxfull".
  std::set<std::string> excluded_reasons;
  /// Addresses never suppressed, lower-case (the allowlist, `bouncekit suppressions allow`).
  /// Shared, as the policy is copied into each Aggregator.
  std::shared_ptr<const std::set<std::string>> allowed;
  // Sender-side reasons (owner "sender": blocked, badreputation, authfailure, requireptr, ...)
  // and vacation never suppress; sender-side reasons flag the domain instead.
};

/// Restricts `policy` to the rules named in `only` (`--only`): "hard" (hard bounces), "complaints"
/// (feedback), "soft" (repeated soft bounces), "all" (every rule, the default). Several names
/// add up: {"hard", "complaints"} is the common "only hard bounces and complaints" policy.
/// Returns the first name it does not know (the policy is then unchanged), "" when all are known.
std::string restrict_rules(SuppressionPolicy& policy, const std::vector<std::string>& only);

/// The names restrict_rules() takes, for help texts and checks.
std::vector<std::string> rule_group_names();

/// An address to drop, with the evidence.
struct Suppression {
  std::string recipient;
  std::string reason;        ///< reason of the deciding record
  std::string rule;          ///< "hard", "soft-repeated" or "feedback"
  std::string first_bounce;  ///< date of the first counted record
  std::string last_bounce;   ///< date of the last counted record
  std::uint64_t count = 0;   ///< records counted towards the decision
  std::string evidence;      ///< origin of the deciding record's message
  /// What decided the deciding record's reason, and the phrase, concept or code (its
  /// StoredRecord::evidence and rule: the classifier's, not the policy's).
  std::string reason_evidence, reason_rule;
  /// Not on the list the previous recorded run published (report.html marks it "new").
  bool new_tonight = false;
};

/// Applies the policy to one recipient's history; nullopt = keep the address.
std::optional<Suppression> decide(const RecipientHistory& history, const SuppressionPolicy& policy);

/// A block list a refusal can name (one row of the table in lib/src/analysis/blocklists.cpp).
struct BlockList {
  std::string_view name;        ///< short name used in reports ("spamhaus-zen", "barracuda", ...)
  std::string_view title;       ///< for people ("Spamhaus ZEN")
  std::string_view lookup_url;  ///< the operator's lookup / delisting page; "" when there is none
  std::string_view note;        ///< what else a sender should know; usually ""
};

/// The list named `name`, or nullptr.
const BlockList* block_list(std::string_view name);
/// Every list of the table, in table order.
std::vector<BlockList> block_lists();

/// When a domain or provider counts as blocking the sender (docs/report.md, "Who is blocking
/// me"): at least `min_messages` distinct bounce messages with a sender-side record, and
/// sender-side records at least `min_share_percent` of the group's records in the window.
struct BlockingThreshold {
  std::uint64_t min_messages = 3;
  std::uint64_t min_share_percent = 10;
};

/// Applies the threshold to a group's counts.
bool is_blocking(std::uint64_t sender_side_messages, std::uint64_t sender_side_records, std::uint64_t records,
                 const BlockingThreshold& threshold = {});

/// An address with recipient-side soft bounces that the policy does not suppress yet (watch.csv).
struct Watch {
  std::string recipient;
  std::uint64_t soft = 0;                 ///< soft bounces counted (since the last sign of life)
  std::string first_bounce, last_bounce;  ///< dates of the first and last of them
  std::string last_reason;                ///< reason of the last of them
  std::uint64_t more_bounces = 0;         ///< soft bounces still needed
  /// "YYYY-MM-DD": a bounce on or after this day is still needed to span soft_min_days ("" = none).
  std::string not_before;
};

/// The watch entry of one recipient's history: soft bounces counted as decide() counts them
/// (sender- and message-side refusals, excluded reasons and those before a delivery or an
/// auto-reply do not count), not suppressed, not allowed. nullopt when there is nothing to watch,
/// also whenever the policy's soft rule is off (soft_threshold 0: soft bounces never suppress).
std::optional<Watch> watch(const RecipientHistory& history, const SuppressionPolicy& policy);

/// What `watch` still needs, in words: "2 more soft bounces, the last on or after 2026-11-29".
std::string needs_text(const Watch& watch);

/// The policy in one line ("hard,feedback,soft>=3/7d,exclude=mailboxfull"), recorded with each
/// run so a change of policy can be told from a change of the mail.
std::string describe(const SuppressionPolicy& policy);

/// One address that joined or left the suppression list since the previous recorded run.
struct AddressChange {
  std::string address;
  std::string change;  ///< "added" or "removed"
  std::string reason;  ///< its reason (for a removed address: the one it was suppressed for)
  std::string rule;    ///< its policy rule, as above
  /// added: "new"; removed: "allowed", "forgotten", "recovered", "policy-changed" or "aged-out"
  /// (docs/report.md, "Changes since the previous run").
  std::string why;
  std::string first_bounce, last_bounce;
};

/// A headline count now and at the previous recorded run.
struct CountChange {
  std::string name;
  std::uint64_t previous = 0, current = 0;
};

/// What changed since the previous recorded run (summary.json "changes", changes.csv).
struct Changes {
  /// Set by the nightly job when it compared with the history; a Summary made otherwise has no
  /// changes to show (summary.json "changes": null, no section in the text and the page).
  bool computed = false;
  bool first_run = true;       ///< no earlier run is recorded: everything is new
  std::string previous_run;    ///< when the previous run started (UTC ISO 8601), "" on a first run
  /// The scope compared: the list of a run scoped to one list (`report --list`), whose previous
  /// run is that list's; "" for a run over every list.
  std::string list;
  std::uint64_t added = 0, removed = 0;
  std::map<std::string, std::uint64_t> removed_by_why;
  /// The first address changes in address order (all of them are in changes.csv).
  std::vector<AddressChange> head;
  /// Domains and providers whose sender_side_flag is set now and was not at the previous run.
  std::vector<std::string> new_sender_side_domains, new_sender_side_providers;
  /// ... and those whose flag was set then and is not now.
  std::vector<std::string> cleared_sender_side_domains, cleared_sender_side_providers;
  std::vector<CountChange> counts;  ///< messages, records, hard, soft, recipients, suppressed, watched
  std::uint64_t watched = 0;        ///< addresses on the watch list now
};

/// Counts for one group (a recipient domain or a provider).
struct GroupStats {
  std::string name;
  std::uint64_t messages = 0;  ///< distinct bounce messages
  std::uint64_t records = 0;
  std::uint64_t hard = 0, soft = 0;
  std::map<std::string, std::uint64_t> reasons;        ///< reason -> records
  std::map<std::string, std::uint64_t> owners;         ///< action_owner -> records ("" = undecided)
  std::vector<std::pair<std::string, std::uint64_t>> top_remote_mtas;  ///< most records first, at most 5
  std::vector<std::string> example_diagnostics;        ///< a few distinct ones, at most 3
  std::string first_seen, last_seen;                   ///< dates
  /// Records whose fix is the sender's (owner "sender": blocked, badreputation, authfailure, ...),
  /// and the distinct bounce messages they came in.
  std::uint64_t sender_side = 0, sender_side_messages = 0;
  /// Block list name (BlockList::name) -> sender-side records whose diagnostic names it.
  std::map<std::string, std::uint64_t> blocklists;
  /// The group blocks the sender: is_blocking() of its counts with the Aggregator's threshold.
  bool sender_side_flag = false;
  std::uint64_t suppressed = 0;   ///< recipients of this domain suppressed (domains only)
};

/// What a report shows. Built by Aggregator; written by bouncekit/report_files.hpp.
struct Summary {
  std::string generated_at;  ///< UTC ISO 8601
  std::string since;         ///< start of the window (UTC ISO 8601), "" = all history
  // This run (the messages read now, new or already counted):
  std::uint64_t run_read = 0, run_new_messages = 0, run_already_counted = 0;
  std::uint64_t run_bounces = 0, run_non_bounces = 0, run_undecodable = 0, run_records = 0;
  /// Messages (with their records) this run pruned from the history (nightly::Options::keep_days).
  std::uint64_t run_pruned_messages = 0, run_pruned_records = 0;
  // The window (history included):
  std::uint64_t messages = 0, records = 0, hard = 0, soft = 0, recipients = 0, suppressed = 0;
  std::map<std::string, std::uint64_t> reasons;  ///< reason -> records
  std::map<std::string, std::uint64_t> owners;   ///< action_owner -> records
  std::map<std::string, std::uint64_t> per_day;  ///< "YYYY-MM-DD" -> records
  std::vector<GroupStats> domains;    ///< most records first
  /// Most records first. A record's provider is that of its remote MTA host, else that of its
  /// recipient domain when it is a well-known mailbox domain (docs/report.md); records with no
  /// known provider are not here.
  std::vector<GroupStats> providers;
  /// Sender-side records per provider and UTC day: provider ("(none)" when no table places the
  /// record) -> "YYYY-MM-DD" -> records. Bounded by the provider table and the window's days.
  std::map<std::string, std::map<std::string, std::uint64_t>> sender_side_per_day;
  /// Since the previous recorded run (filled by the nightly job; first_run when there is none).
  Changes changes;
  /// Per list (StoredRecord::list), most records first; records of no known list are not here.
  /// `suppressed` counts the suppressed recipients with a record of the list.
  std::vector<GroupStats> lists;
  /// Per host that counted the records' messages (a fleet's history, docs/fleet.md), most records
  /// first; records counted before hosts were stored (schema 3) are not here. `suppressed` counts
  /// the suppressed recipients with a record counted by that host.
  std::vector<GroupStats> hosts;
  /// The threshold sender_side_flag was set by (the Aggregator's; `report --blocking-min-*`).
  BlockingThreshold blocking;
};

/// Builds a Summary from a stream of records and recipients. Memory grows with the number
/// of domains and providers, not with records or recipients.
class Aggregator {
 public:
  /// `blocking`: when a domain or provider is flagged as blocking the sender (sender_side_flag).
  explicit Aggregator(SuppressionPolicy policy = {}, BlockingThreshold blocking = {});
  /// Every record in the window, the records of one message next to each other (so distinct
  /// messages are counted without remembering fingerprints).
  void add_record(const StoredRecord& record);
  /// Every recipient in the window; returns the suppression, if any, and counts it.
  std::optional<Suppression> add_recipient(const RecipientHistory& history);
  /// Adds what `other` counted in add_recipient (recipients, suppressions, suppressions per
  /// domain) to this one: the recipients can then be read on another thread, into their own
  /// Aggregator, while this one takes the records. `other`'s add_record counts are not taken.
  void merge_recipients(const Aggregator& other);
  /// Sorts and trims the groups. Run counts and dates are for the caller to fill in.
  Summary finish();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace bouncekit::analysis
