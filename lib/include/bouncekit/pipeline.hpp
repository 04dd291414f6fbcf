// bouncekit/pipeline.hpp — read, decode and hand over every message, in input order.
//
// The one loop that both `parse` and `report` run: messages come from a source::Reader,
// are decoded, then classified (decode says what a bounce said, classify what we conclude:
// this is the one place the two meet) on Options::threads threads, and reach the caller's sink
// one by one in the order they were read. The sink is never called twice at once and each
// call happens-after the previous one, so it needs no locking; with one thread it runs on
// the calling thread, with more it may run on a pool thread (oneTBB's serial in-order filter).
//
// Memory is bounded twice: at most Options::max_in_flight messages, and at most
// Options::max_in_flight_bytes of their raw bytes, are read and not yet through the sink.
//
// A Prefilter may spare messages their decoding (`report` skips the messages its history
// already holds): it sees each message before decoding, and the sink is told what it said.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "bouncekit/classify.hpp"
#include "bouncekit/decode.hpp"
#include "bouncekit/source.hpp"

namespace bouncekit::pipeline {

/// Default of Options::max_in_flight_bytes: far above what ordinary bounces hold together
/// (a few KB each), low enough that messages of 20 MB are decoded one at a time, as with
/// one thread (docs/limits.md).
inline constexpr std::size_t kDefaultMaxInFlightBytes = 16u << 20;

struct Options {
  /// Classifier for the records (user rules); nullptr = classify::default_classifier().
  const classify::Classifier* classifier = nullptr;
  /// Decoding threads; 0 = one per core.
  unsigned threads = 0;
  /// Messages read but not yet handed to the sink, at most (bounds memory); 0 = a default.
  std::size_t max_in_flight = 0;
  /// Raw bytes of the messages read but not yet through the sink, at most; 0 =
  /// kDefaultMaxInFlightBytes. The reader waits (without holding a thread) until the
  /// messages ahead of it leave the sink: it reads no message while those hold the whole
  /// budget, and sends one on only when it fits, so the reader may hold one message more.
  /// A message larger than this still goes through, alone: when nothing else is in flight
  /// any one message is let in. (With one thread one message is in flight at a time.)
  std::size_t max_in_flight_bytes = 0;
};

/// Decodes one message and classifies each of its records: what run() does to every message.
decode::Result decode_and_classify(const source::RawMessage& message, const decode::DecodeOptions& decode_options = {},
                                   const classify::Classifier& classifier = classify::default_classifier());

/// Called once per message, in input order, one call at a time; `result` may be moved from.
using Sink = std::function<void(const source::RawMessage& message, decode::Result& result)>;

/// What a Prefilter says about one message.
struct Verdict {
  /// true: the message is not decoded; the sink gets it with an empty decode::Result.
  bool skip = false;
  /// Anything the prefilter wants the sink to know about the message (e.g. what it found).
  std::string note;
  /// When set, called on the decoding thread right after the message was decoded.
  void (*after_decode)() = nullptr;
};

/// Asked about each message before it is decoded, with a cleared Verdict. With more than one
/// thread it runs on the decoding threads: several calls at once, in any order, and at the
/// same time as the sink. It must be thread-safe and share nothing with the sink unlocked.
using Prefilter = std::function<void(const source::RawMessage& message, Verdict& verdict)>;

/// Sink of a run with a Prefilter: also gets the message's Verdict.
using FilteredSink =
    std::function<void(const source::RawMessage& message, decode::Result& result, const Verdict& verdict)>;

/// Runs until the reader is exhausted. Exceptions thrown by the sink propagate to the caller
/// (no further sink call follows). `threads == 1` starts no thread.
void run(source::Reader& reader, const decode::DecodeOptions& decode_options, const Options& options,
         const Sink& sink);

/// The same, with a prefilter (which may be empty: every message is then decoded).
/// Exceptions from the prefilter propagate like the sink's.
void run(source::Reader& reader, const decode::DecodeOptions& decode_options, const Options& options,
         const Prefilter& prefilter, const FilteredSink& sink);

}  // namespace bouncekit::pipeline
