// bouncekit/pipeline.hpp — read, decode and hand over every message, in input order.
//
// The one loop that both `parse` and `report` run: messages come from a source::Reader,
// are decoded (and classified) on Options::threads threads, and reach the caller's sink
// one by one in the order they were read. The sink is never called twice at once and each
// call happens-after the previous one, so it needs no locking; with one thread it runs on
// the calling thread, with more it may run on a pool thread (oneTBB's serial in-order filter).
#pragma once

#include <cstddef>
#include <functional>

#include "bouncekit/decode.hpp"
#include "bouncekit/source.hpp"

namespace bouncekit::pipeline {

struct Options {
  /// Decoding threads; 0 = one per core.
  unsigned threads = 0;
  /// Messages read but not yet handed to the sink, at most (bounds memory); 0 = a default.
  std::size_t max_in_flight = 0;
};

/// Called once per message, in input order, one call at a time; `result` may be moved from.
using Sink = std::function<void(const source::RawMessage& message, decode::Result& result)>;

/// Runs until the reader is exhausted. Exceptions thrown by the sink propagate to the caller
/// (no further sink call follows). `threads == 1` starts no thread.
void run(source::Reader& reader, const decode::DecodeOptions& decode_options, const Options& options,
         const Sink& sink);

}  // namespace bouncekit::pipeline
