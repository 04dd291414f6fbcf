// The read-decode-hand-over loop, parallel with oneTBB's parallel_pipeline:
//
//   reader (serial, in order) -> decode (parallel) -> sink (serial, in order)
//
// At most `max_in_flight` messages, and `max_in_flight_bytes` of their bytes (ByteBudget),
// exist at once (read and not yet through the sink), so memory does not grow with the
// input. With one thread it is a plain loop on the calling thread and TBB is not touched
// (no thread is started); one message is in flight at a time then.
#include "bouncekit/pipeline.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pipeline/byte_budget.hpp"
#include "util/strings.hpp"
#include "pipeline/warm_up.hpp"

namespace bouncekit::pipeline {
namespace {

// Messages in flight per decoding thread when Options::max_in_flight is 0: enough to keep
// every thread busy while one slow message holds back the in-order sink.
constexpr std::size_t kInFlightPerThread = 8;

// Largest message buffer an Item keeps for reuse.
constexpr std::size_t kKeptBufferBytes = 1u << 20;

struct Item {
  source::RawMessage message;
  decode::Result result;
  Verdict verdict;
  std::size_t admitted = 0;  // bytes counted in the ByteBudget
};

// The Items of a run, reused so that each keeps its buffers' capacity: the reader and the
// sink run on whichever threads TBB picks (never two at once each, but the reader and the
// sink may run at the same time), hence the lock.
class ItemPool {
 public:
  Item* take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) {
      all_.push_back(std::make_unique<Item>());
      return all_.back().get();
    }
    Item* item = free_.back();
    free_.pop_back();
    return item;
  }
  void give_back(Item* item) {
    item->result = decode::Result{};
    item->verdict.skip = false;
    item->verdict.note.clear();
    item->verdict.after_decode = nullptr;
    // Keep an ordinary message's buffer for the next one, but not a huge one's: a few
    // 64 MB messages must not leave every Item holding 64 MB.
    if (item->message.bytes.capacity() > kKeptBufferBytes) std::string().swap(item->message.bytes);
    std::lock_guard lock(mutex_);
    free_.push_back(item);
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<Item>> all_;
  std::vector<Item*> free_;
};

// What every message goes through: decode with these options, then this classifier.
struct Stages {
  const decode::DecodeOptions& decode;
  const classify::Classifier& classifier;
};

// Asks the prefilter, then decodes and classifies unless it said to skip.
void examine(const source::RawMessage& message, const Stages& stages, const Prefilter& prefilter, Verdict& verdict,
             decode::Result& result) {
  if (prefilter) prefilter(message, verdict);
  if (!verdict.skip) result = decode_and_classify(message, stages.decode, stages.classifier);
  if (verdict.after_decode) verdict.after_decode();
}

void run_sequential(source::Reader& reader, const Stages& stages, const Prefilter& prefilter,
                    const FilteredSink& sink) {
  source::RawMessage message;
  Verdict verdict;
  while (reader.next(message)) {
    verdict.skip = false;
    verdict.note.clear();
    verdict.after_decode = nullptr;
    decode::Result result;
    examine(message, stages, prefilter, verdict, result);
    sink(message, result, verdict);
  }
}

void run_parallel(source::Reader& reader, const Stages& stages, unsigned threads,
                  std::size_t max_in_flight, std::size_t max_in_flight_bytes, const Prefilter& prefilter,
                  const FilteredSink& sink) {
  warm_up_decoding();
  ItemPool pool;
  ByteBudget budget(max_in_flight_bytes);
  // A failing stage cancels the pipeline: a reader waiting for the budget must wake up and
  // stop, as the messages it waits for will never reach the sink.
  auto cancelling = [&](auto&& stage) {
    try {
      stage();
    } catch (...) {
      budget.cancel();
      throw;
    }
  };
  // TBB caps its workers at one per core unless told otherwise; --threads is taken at its word.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, threads);
  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
    tbb::parallel_pipeline(
        max_in_flight,
        tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order,
                                      [&](tbb::flow_control& fc) -> Item* {
                                        Item* item = pool.take();
                                        if (!budget.wait_for_room() || !reader.next(item->message) ||
                                            !budget.admit(item->message.bytes.size())) {
                                          pool.give_back(item);
                                          fc.stop();
                                          return nullptr;
                                        }
                                        item->admitted = item->message.bytes.size();
                                        return item;
                                      }) &
            tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel,
                                           [&](Item* item) {
                                             cancelling([&] {
                                               examine(item->message, stages, prefilter, item->verdict,
                                                       item->result);
                                             });
                                             return item;
                                           }) &
            tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, [&](Item* item) {
              // Given back even when the sink throws: the pool owns every Item anyway.
              struct GiveBack {
                ItemPool& pool;
                ByteBudget& budget;
                Item* item;
                ~GiveBack() {
                  budget.release(item->admitted);
                  pool.give_back(item);
                }
              } give_back{pool, budget, item};
              cancelling([&] { sink(item->message, item->result, item->verdict); });
            }));
  });
}

}  // namespace

namespace {

// Whether two records of one message give the classifier the same input. It reads the fields
// below, and the recipient only where the diagnostic names it (a reply that begins "<a@b>..."
// answers RCPT TO): a diagnostic that names neither recipient decides the same for both.
bool same_classifier_input(const Record& a, const Record& b) {
  if (a.diagnostic != b.diagnostic || a.status != b.status || a.reply_code != b.reply_code ||
      a.smtp_command != b.smtp_command || a.remote_mta != b.remote_mta || a.reporting_mta != b.reporting_mta ||
      a.recipient_domain != b.recipient_domain || a.action != b.action || a.diagnostic_type != b.diagnostic_type ||
      a.hint != b.hint)
    return false;
  if (a.recipient == b.recipient) return true;
  return util::find_ci(a.diagnostic, a.recipient) == std::string_view::npos &&
         util::find_ci(a.diagnostic, b.recipient) == std::string_view::npos;
}

}  // namespace

decode::Result decode_and_classify(const source::RawMessage& message, const decode::DecodeOptions& decode_options,
                                   const classify::Classifier& classifier) {
  decode::Result result = decode::decode(message, decode_options);
  // Records of one notice often share their whole finding (one text for every recipient of a
  // list): such a record takes the verdict of the one before it instead of classifying the same
  // text again. A 3 MB notice naming 10,000 recipients with one shared 16 KB diagnostic is
  // classified once, not 10,000 times (docs/limits.md).
  const Record* previous = nullptr;
  for (Record& r : result.records) {
    if (previous && same_classifier_input(*previous, r)) {
      r.reason = previous->reason;
      r.bounce = previous->bounce;
      r.action_owner = previous->action_owner;
      r.evidence = previous->evidence;
      r.rule = previous->rule;
      r.inferred_status = previous->inferred_status;
    } else {
      classifier.apply(r);
    }
    previous = &r;
  }
  return result;
}

void run(source::Reader& reader, const decode::DecodeOptions& decode_options, const Options& options,
         const Prefilter& prefilter, const FilteredSink& sink) {
  const Stages stages{decode_options, options.classifier ? *options.classifier : classify::default_classifier()};
  unsigned threads = options.threads;
  if (threads == 0) threads = static_cast<unsigned>(std::max(1, tbb::info::default_concurrency()));
  if (threads == 1) {
    run_sequential(reader, stages, prefilter, sink);
    return;
  }
  std::size_t max_in_flight = options.max_in_flight ? options.max_in_flight : kInFlightPerThread * threads;
  std::size_t max_bytes = options.max_in_flight_bytes ? options.max_in_flight_bytes : kDefaultMaxInFlightBytes;
  run_parallel(reader, stages, threads, max_in_flight, max_bytes, prefilter, sink);
}

void run(source::Reader& reader, const decode::DecodeOptions& decode_options, const Options& options,
         const Sink& sink) {
  run(reader, decode_options, options, Prefilter{},
      [&](const source::RawMessage& message, decode::Result& result, const Verdict&) { sink(message, result); });
}

}  // namespace bouncekit::pipeline
