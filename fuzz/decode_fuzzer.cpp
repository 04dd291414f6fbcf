// Fuzz target: decode::decode() then classify (pipeline::decode_and_classify), the whole path from raw message to classified
// records (MIME adapter, decoder registry in order, original message, classifier).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bouncekit::source::RawMessage raw;
  raw.origin.path = "fuzz";
  raw.bytes.assign(reinterpret_cast<const char*>(data), size);
  bouncekit::decode::Result result = bouncekit::pipeline::decode_and_classify(raw);
  bouncekit::fuzz::check_result(result);
  return 0;
}
