// The sequential pipeline: one message at a time on the calling thread. Issue 6 makes it
// parallel behind the same interface.
#include "bouncekit/pipeline.hpp"

namespace bouncekit::pipeline {

void run(source::Reader& reader, const decode::DecodeOptions& decode_options, const Options& /*options*/,
         const Sink& sink) {
  source::RawMessage message;
  while (reader.next(message)) {
    decode::Result result = decode::decode(message, decode_options);
    sink(message, result);
  }
}

}  // namespace bouncekit::pipeline
