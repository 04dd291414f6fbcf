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
};

/// Every stored record of one recipient in the window, oldest first.
struct RecipientHistory {
  std::string recipient;
  std::vector<StoredRecord> records;
};

/// Mailbox provider that runs a remote MTA ("google", "microsoft", "yahoo", ...), from the
/// host-name suffix table in lib/src/analysis/provider_hosts.cpp; "" when unknown.
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
};

/// Applies the policy to one recipient's history; nullopt = keep the address.
std::optional<Suppression> decide(const RecipientHistory& history, const SuppressionPolicy& policy);

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
  bool sender_side_flag = false;  ///< some records say the sender must act (blocked, badreputation, ...)
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
  /// Per list (StoredRecord::list), most records first; records of no known list are not here.
  /// `suppressed` counts the suppressed recipients with a record of the list.
  std::vector<GroupStats> lists;
};

/// Builds a Summary from a stream of records and recipients. Memory grows with the number
/// of domains and providers, not with records or recipients.
class Aggregator {
 public:
  explicit Aggregator(SuppressionPolicy policy = {});
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
