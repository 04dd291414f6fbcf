// nightly::run: read -> remember what is new -> aggregate the window -> write the report.
#include <algorithm>
#include <array>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"
#include "bouncekit/report.hpp"
#include "bouncekit/report_files.hpp"
#include "nightly/list_scope.hpp"
#include "nightly/quarantine.hpp"
#include "nightly/reported.hpp"
#include "nightly/run_changes.hpp"
#include "nightly/report_files.hpp"
#include "nightly/scratch_database.hpp"
#include "nightly/shipped_reader.hpp"
#include "nightly/stored_record.hpp"
#include "util/strings.hpp"

namespace bouncekit::nightly {
namespace {

// The prefilter's note for a message a crashed run left in the quarantine file (not a kind name).
constexpr const char* kQuarantinedNote = "quarantined";

// Page cache of the second connection that reads the window's records in order (KiB).
constexpr std::int64_t kRecordsPassCacheKib = 1024;

// Rows of the suppression table in report.html; suppressions.csv holds all of them.
constexpr std::size_t kHtmlSuppressionRows = 1000;

using detail::is_reported;
bool is_reported(const Record& record) { return is_reported(record.reason); }

void tally(Counts& c, decode::Kind kind) {
  switch (kind) {
    case decode::Kind::bounce: ++c.bounces; break;
    case decode::Kind::feedback: ++c.feedback; break;
    case decode::Kind::vacation: ++c.vacation; break;
    case decode::Kind::delivered: ++c.delivered; break;
    case decode::Kind::not_bounce: ++c.other; break;
    case decode::Kind::undecodable: ++c.undecodable; break;
  }
}

// The Kind whose name the history stored for a message; a name this version does not know
// (a newer bouncekit wrote it) counts as ordinary mail, so `read` still adds up.
decode::Kind kind_named(std::string_view name) {
  static constexpr std::array kKinds = {decode::Kind::bounce,    decode::Kind::feedback,   decode::Kind::vacation,
                                        decode::Kind::delivered, decode::Kind::not_bounce, decode::Kind::undecodable};
  for (decode::Kind kind : kKinds)
    if (name == decode::to_string(kind)) return kind;
  return decode::Kind::not_bounce;
}

// The first_counted before which messages are pruned: `days` days before `now`.
std::string prune_cutoff(unsigned days, const std::string& now) {
  std::optional<std::string> cutoff = window_start(std::to_string(days) + "d", now);
  if (!cutoff) throw std::invalid_argument("keep_days must be at most 36600: " + std::to_string(days));
  return *cutoff;
}

// Whether the window's two passes run at the same time: when the run may use more than one
// thread (0 = one per core), as the decoding did.
bool concurrent_window(unsigned threads) {
  if (threads == 0) threads = std::thread::hardware_concurrency();
  return threads > 1;
}

void fill_run_counts(analysis::Summary& s, const Counts& c) {
  s.run_read = c.read;
  s.run_new_messages = c.new_messages;
  s.run_already_counted = c.already_counted;
  s.run_bounces = c.bounces;
  s.run_non_bounces = c.non_bounces();
  s.run_undecodable = c.undecodable;
  s.run_records = c.records;
  s.run_pruned_messages = c.pruned_messages;
  s.run_pruned_records = c.pruned_records;
}

}  // namespace

Counts run(const Options& o) {
  const std::string now = o.now.empty() ? now_utc() : o.now;
  if (!is_utc_timestamp(now)) throw std::invalid_argument("not a UTC time (YYYY-MM-DDTHH:MM:SSZ): " + now);
  // Computed first, so that an invalid keep_days fails before anything is read.
  const std::optional<std::string> cutoff =
      o.keep_days ? std::optional<std::string>(prune_cutoff(*o.keep_days, now)) : std::nullopt;

  // The lock is taken before the database is opened and held until the report is written:
  // an overlapping run neither writes the history nor the output folder meanwhile.
  std::optional<ScratchDatabase> scratch;
  std::optional<history::Lock> lock;
  std::filesystem::path database = o.database;
  const bool server = history::is_server(database.string());
  const std::string host = o.host_name.empty() ? history::system_host_name() : o.host_name;
  if (o.feed_only && (o.dry_run || o.reclassify || !o.out_dir.empty() || o.database.empty()))
    throw std::invalid_argument("feed_only stores into a history: not with dry_run, reclassify, out_dir or no database");
  if (server && o.dry_run)
    throw history::DatabaseError("--dry-run works on an SQLite history only, not on a PostgreSQL one");
  std::error_code no_file;
  // A dry run over a history that does not exist yet creates none: it starts from nothing.
  if (database.empty() || (o.dry_run && !std::filesystem::exists(database, no_file))) {
    scratch.emplace();
    database = scratch->path();
  } else {
    lock.emplace(database, o.wait_seconds, host);
    if (lock->found_empty() && !o.init)
      throw history::DatabaseError("the database " + database.string() +
                                   " is an empty file: its history is gone; pass --init to start a new one there");
    if (o.dry_run) {
      // --dry-run: the run works on a copy, made under the lock, and the history is not written.
      scratch.emplace();
      history::copy_database(database, scratch->path());
      database = scratch->path();
    }
  }
  history::Store store(database, o.batch_messages);
  // The allowlist (`bouncekit suppressions allow`) is part of the policy, unless the caller set one.
  analysis::SuppressionPolicy policy = o.policy;
  if (!policy.allowed && !o.feed_only)
    policy.allowed = std::make_shared<const std::set<std::string>>(history::Overrides(database).allowed());
  std::unique_ptr<ReportFiles> files;
  if (!o.out_dir.empty()) files = std::make_unique<ReportFiles>(o.out_dir, o.csv_raw, o.on_report_step);

  Counts c;
  source::Reader reader(o.paths, o.reader);
  std::vector<analysis::StoredRecord> stored;
  auto report_batch = [&](bool committed) {
    if (committed && o.on_batch_committed) o.on_batch_committed(store.batches_committed());
  };
  // A message the history already holds was counted on an earlier night: it is counted as
  // already_counted, under the kind the history stored for it, and adds no record to this run
  // (records.jsonl holds the records this run added to the history; docs/report.md). So it
  // need not be decoded: the prefilter looks its fingerprint up first, on the decoding
  // threads. The Store is not thread-safe and the sink uses it too (the sink may run at the
  // same time as the prefilter), hence the lock. The sink checks every decoded message
  // again (its insert finds a stored copy): one the prefilter did not know may have been
  // stored since (a copy read earlier in this run), and the answer must not depend on the
  // thread timing.
  std::mutex store_mutex;
  pipeline::Prefilter prefilter;
  // Poison messages (nightly/quarantine.hpp): those listed in the history's quarantine table are
  // counted, not decoded; the others are marked as in flight on their decoding thread while they
  // are decoded. What a crashed run's handler left in the local file (beside the lock for a
  // PostgreSQL history) is imported into the table first, in one transaction, then the file is
  // removed. A dry run reads the file and its copy's table, and changes neither.
  const bool quarantine = !o.database.empty() && !o.dry_run;
  std::unordered_set<std::string> quarantined;
  if (!o.database.empty())
    quarantined = detail::take_quarantined(database, detail::quarantine_path(history::local_file(o.database, host)),
                                           !o.dry_run, now, host);
  if (quarantine) detail::arm_quarantine(detail::quarantine_path(history::local_file(database, host)));
  struct Disarm {
    ~Disarm() { detail::arm_quarantine({}); }
  } disarm;
  // An empty history knows nothing yet: no lookups (the sink catches copies within the run).
  const bool lookups = !store.empty();
  if (lookups || quarantine || !quarantined.empty() || o.before_decode) {
    prefilter = [&](const source::RawMessage& message, pipeline::Verdict& verdict) {
      std::string fingerprint = history::fingerprint(message.bytes);
      if (lookups) {
        std::lock_guard guard(store_mutex);
        if (std::optional<std::string> kind = store.kind_of(fingerprint)) {
          verdict.skip = true;
          verdict.note = std::move(*kind);
          return;
        }
      }
      if (quarantined.count(fingerprint)) {
        verdict.skip = true;
        verdict.note = kQuarantinedNote;
        return;
      }
      if (quarantine) {
        detail::decoding_started(fingerprint);
        verdict.after_decode = &detail::decoding_finished;
      }
      if (o.before_decode) o.before_decode(message);
    };
  }
  auto count_known = [&](const std::string& kind) {
    ++c.already_counted;
    tally(c, kind_named(kind));
  };
  // A message read tonight (decoded, or read from a shipped file): stored with its records, and
  // counted as new, or as already counted when the history holds it.
  auto store_message = [&](const history::StoredMessage& m, decode::Kind kind, std::vector<Record>& records,
                           const std::string& problem) {
    // Added first: the insert finds a stored copy by itself, which saves a lookup per new message.
    stored.clear();
    for (const Record& r : records) stored.push_back(detail::essentials(r, now));
    // On PostgreSQL the answer comes when the batch is written (history.hpp, Store::add): the
    // counts and records.jsonl wait for it, in the order the messages came, with what they need.
    // The records are moved there: `stored` holds what the history needs, and the callers (the
    // pipeline's sink, the shipped-file loop) do not read them again.
    std::vector<Record> reported;
    const SharedText fingerprint = m.fingerprint;  // one copy, shared by the records
    for (Record& r : records)
      if (is_reported(r) && detail::in_list(o.list, r.list)) {
        r.fingerprint = fingerprint;
        reported.push_back(std::move(r));
      }
    auto counted = [&, kind, problem, origin = m.origin, reported = std::move(reported)](
                       bool added, const std::string& known_kind) {
      if (!added) {
        count_known(known_kind);
        return;
      }
      ++c.new_messages;
      tally(c, kind);
      if (kind == decode::Kind::undecodable && o.on_undecodable) o.on_undecodable(origin, problem);
      for (const Record& r : reported) {
        ++c.records;
        if (files) report::write_jsonl(files->records(), r);
      }
    };
    bool committed = false;
    {
      std::lock_guard guard(store_mutex);
      committed = store.add(m, stored, std::move(counted));
    }
    report_batch(committed);
  };
  auto sink = [&](const source::RawMessage& message, decode::Result& result, const pipeline::Verdict& verdict) {
    ++c.read;
    c.bytes += message.bytes.size();
    if (!verdict.skip) ++c.decoded;
    const bool quarantined_now = verdict.skip && verdict.note == kQuarantinedNote;
    if (quarantined_now) {
      result = decode::Result{};
      result.kind = decode::Kind::undecodable;
      result.problem = detail::kQuarantinedProblem;
    }
    // The lock is held for the Store calls only; between them, only the sink writes the Store.
    if (verdict.skip && !quarantined_now) {
      count_known(verdict.note);
    } else {
      history::StoredMessage m{history::fingerprint(message.bytes), message.origin.to_string(),
                               decode::to_string(result.kind), now, host};
      store_message(m, result.kind, result.records, result.problem);
    }
    if (o.on_progress) o.on_progress(Progress{c.read, c.bytes});
  };
  pipeline::run(reader, o.decode, o.pipeline, prefilter, sink);
  // The shipped files, after the mail: each message as the host that read it described it (its
  // origin, kind, host and records), stored in the same batches as a decoded one.
  detail::ShippedReaderOptions shipped_options;
  shipped_options.max_records = o.decode.max_records;  // the cap decode applies to the mail
  detail::ShippedReader shipped(o.record_files, shipped_options);
  for (detail::ShippedMessage message; shipped.next(message);) {
    ++c.read;
    c.bytes += message.bytes;
    history::StoredMessage m{message.fingerprint, message.origin, decode::to_string(message.kind), now, message.host};
    store_message(m, message.kind, message.records, {});
    if (o.on_progress) o.on_progress(Progress{c.read, c.bytes});
  }
  std::uint64_t batches = store.batches_committed();
  store.commit();
  detail::arm_quarantine({});
  report_batch(store.batches_committed() != batches);
  c.input_errors = reader.errors();
  c.input_warnings = reader.warnings();
  c.input_errors.insert(c.input_errors.end(), shipped.errors().begin(), shipped.errors().end());
  c.input_warnings.insert(c.input_warnings.end(), shipped.warnings().begin(), shipped.warnings().end());

  // Pruning, in its own transactions once tonight's messages are committed, so the window below
  // reads the history as it is kept (docs/report.md, "Pruning the history").
  if (cutoff) {
    std::function<void(const history::Pruned&)> on_batch;
    if (o.on_prune_batch_committed)
      on_batch = [&o](const history::Pruned& so_far) { o.on_prune_batch_committed(so_far.batches); };
    history::Pruned pruned = history::prune(database, *cutoff, o.batch_messages, on_batch);
    c.pruned_messages = pruned.messages;
    c.pruned_records = pruned.records;
    c.pruned_quarantined = pruned.quarantined;
  }

  // --feed-only: the history is fed; the window, the report and the run's record are the
  // publisher's (a run that reports from the fleet's history, docs/fleet.md).
  if (o.feed_only) return c;

  // --reclassify: the window's stored records decided again from their findings with this run's
  // classifier, before anything reads them (docs/history.md, "Deciding again").
  if (o.reclassify) {
    const classify::Classifier& classifier =
        o.pipeline.classifier ? *o.pipeline.classifier : classify::default_classifier();
    std::function<void(const history::Store::Reclassified&)> on_batch;
    if (o.on_reclassify_batch_committed)
      on_batch = [&o](const history::Store::Reclassified& so_far) { o.on_reclassify_batch_committed(so_far.batches); };
    history::Store::Reclassified done = store.reclassify(
        o.since, [&classifier](analysis::StoredRecord& r) { detail::reclassify(r, classifier); }, o.batch_messages,
        on_batch);
    c.reclassified = done.records;
    c.reclassified_changed = done.changed;
  }

  // The window, from the store: this run's new messages and every earlier night's. Two passes:
  // the records in the order they were stored (the aggregator counts distinct messages and
  // keeps its examples in that order), and the recipients in address order. With more than
  // one thread they run at the same time: the records on a second read connection (WAL lets
  // readers share the file), the recipients into an Aggregator of their own, merged after.
  analysis::Aggregator aggregator(policy, o.blocking);
  auto read_records = [&](history::Store& from) {
    from.for_each_record(o.since, [&](const analysis::StoredRecord& r) {
      if (!is_reported(r.reason) || !detail::in_list(o.list, r.list)) return;
      ++c.window_records;
      aggregator.add_record(r);
    });
  };
  // A future from std::async waits for its thread when destroyed: on every way out of this
  // function (an exception below included) the records pass has ended before its frame goes.
  std::future<void> records_pass;
  // A PostgreSQL history is written by other hosts meanwhile: both passes read one snapshot
  // (docs/fleet.md), the records pass's connection the one this store names.
  const std::string snapshot = server ? store.begin_snapshot() : std::string();
  if (concurrent_window(o.pipeline.threads)) {
    records_pass = std::async(std::launch::async, [&] {
      history::Store records_connection(database);
      if (server) records_connection.join_snapshot(snapshot);
      // It reads the records table in order: a small cache does as well, and RSS stays where
      // one connection left it (an 8 MB cache here measured 8.7 MB more peak RSS).
      records_connection.set_cache_kib(kRecordsPassCacheKib);
      read_records(records_connection);
      if (server) records_connection.end_snapshot();
    });
  } else {
    read_records(store);
  }
  analysis::Aggregator recipients(policy, o.blocking);
  std::optional<report::SuppressionCsvWriter> csv_out;
  if (o.out && o.format == Format::csv) csv_out.emplace(*o.out, o.csv_raw);
  std::vector<analysis::Suppression> html_rows;
  analysis::RecipientHistory reported, scoped;
  // What changed since the previous recorded run, and the watch list (nightly/run_changes.hpp).
  // A run scoped to one list (`--list`) compares with the previous run of that list only.
  detail::RunChanges changes(database, o.list, policy, files ? &files->changes() : nullptr,
                             files ? &files->watch() : nullptr);
  store.for_each_recipient(o.since, [&](const analysis::RecipientHistory& all_lists) {
    const analysis::RecipientHistory& history = detail::records_in_list(all_lists, o.list, scoped);
    // A recipient known only from deliveries and auto-replies has not bounced.
    if (std::none_of(history.records.begin(), history.records.end(),
                     [](const analysis::StoredRecord& r) { return is_reported(r.reason); })) {
      changes.recipient(history, nullptr);
      return;
    }
    std::optional<analysis::Suppression> s = recipients.add_recipient(history);
    changes.recipient(history, s ? &*s : nullptr);
    if (files) {
      // recipients.jsonl lists the bounces and complaints, as the counts do; the deliveries and
      // auto-replies the policy also read are left out (copied without them only when there are some).
      const analysis::RecipientHistory* listed = &history;
      if (!std::all_of(history.records.begin(), history.records.end(),
                       [](const analysis::StoredRecord& r) { return is_reported(r.reason); })) {
        reported.recipient = history.recipient;
        reported.records.clear();
        for (const analysis::StoredRecord& r : history.records)
          if (is_reported(r.reason)) reported.records.push_back(r);
        listed = &reported;
      }
      report::write_recipient_jsonl(files->recipients(), *listed, s ? &*s : nullptr);
    }
    if (!s) return;
    ++c.suppressed;
    if (csv_out) csv_out->write(*s);
    if (files) {
      files->suppressions().write(*s);
      files->suppressions_txt().write(*s);
    }
    if (files && html_rows.size() < kHtmlSuppressionRows) html_rows.push_back(std::move(*s));
  });
  if (records_pass.valid()) records_pass.get();  // rethrows what the records pass threw; the snapshot outlives it
  if (server) store.end_snapshot();
  aggregator.merge_recipients(recipients);
  analysis::Summary summary = aggregator.finish();
  summary.generated_at = now;
  summary.since = o.since;
  fill_run_counts(summary, c);
  changes.finish(summary);

  // The files first: a reader of standard output that goes away (`| head -1`) must not stop them.
  if (files) files->finish(summary, html_rows, c.suppressed);
  if (o.out && o.format == Format::text) report::write_summary_text(*o.out, summary);
  if (o.out && o.format == Format::json) report::write_summary_json(*o.out, summary);
  // The run is recorded once its report is out: a run that failed to publish is not the one the
  // next run compares with. A dry run, and a run without a history, record nothing. A run
  // scoped to one list is recorded in that list's scope (history::Runs).
  if (!o.database.empty() && !o.dry_run) changes.record(o, now, summary);
  if (o.out) {
    o.out->flush();
    if (!*o.out) throw StreamError("writing the report to standard output failed");
  }
  return c;
}

}  // namespace bouncekit::nightly
