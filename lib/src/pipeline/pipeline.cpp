// The read-decode-hand-over loop, parallel with oneTBB's parallel_pipeline:
//
//   reader (serial, in order) -> decode (parallel) -> sink (serial, in order)
//
// At most `max_in_flight` messages exist at once (read and not yet handed to the
// sink), so memory does not grow with the input. With one thread it is a plain loop
// on the calling thread and TBB is not touched (no thread is started).
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

void run_sequential(source::Reader& reader, const decode::DecodeOptions& decode_options, const Sink& sink) {
  source::RawMessage message;
  while (reader.next(message)) {
    decode::Result result = decode::decode(message, decode_options);
    sink(message, result);
  }
}

void run_parallel(source::Reader& reader, const decode::DecodeOptions& decode_options, unsigned threads,
                  std::size_t max_in_flight, const Sink& sink) {
  warm_up_decoding();
  ItemPool pool;
  // TBB caps its workers at one per core unless told otherwise; --threads is taken at its word.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, threads);
  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
    tbb::parallel_pipeline(
        max_in_flight,
        tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order,
                                      [&](tbb::flow_control& fc) -> Item* {
                                        Item* item = pool.take();
                                        if (!reader.next(item->message)) {
                                          pool.give_back(item);
                                          fc.stop();
                                          return nullptr;
                                        }
                                        return item;
                                      }) &
            tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel,
                                           [&](Item* item) {
                                             item->result = decode::decode(item->message, decode_options);
                                             return item;
                                           }) &
            tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, [&](Item* item) {
              // Given back even when the sink throws: the pool owns every Item anyway.
              struct GiveBack {
                ItemPool& pool;
                Item* item;
                ~GiveBack() { pool.give_back(item); }
              } give_back{pool, item};
              sink(item->message, item->result);
            }));
  });
}

}  // namespace

void run(source::Reader& reader, const decode::DecodeOptions& decode_options, const Options& options,
         const Sink& sink) {
  unsigned threads = options.threads;
  if (threads == 0) threads = static_cast<unsigned>(std::max(1, tbb::info::default_concurrency()));
  if (threads == 1) {
    run_sequential(reader, decode_options, sink);
    return;
  }
  std::size_t max_in_flight = options.max_in_flight ? options.max_in_flight : kInFlightPerThread * threads;
  run_parallel(reader, decode_options, threads, max_in_flight, sink);
}

}  // namespace bouncekit::pipeline
