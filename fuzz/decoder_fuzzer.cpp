// Fuzz target: every MTA decoder's entry point, with its detection bypassed.
//
// If the first byte is smaller than the number of decoders in the registry, it
// picks one decoder, which gets the rest of the input; otherwise (any text
// input, such as the seed messages) every decoder in turn gets the whole input.
// Each decoder's `detect` is called, but `decode` runs whatever it says: a
// decoder must cope with a message that is not its own (it returns nullopt).
#include <cstdint>
#include <string>
#include <string_view>

#include "bouncekit/classify.hpp"
#include "decode/context.hpp"

namespace {

using namespace bouncekit;

// The contract of Context::bytes: LF line ends only (decode() does the same).
std::string lf_only(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\r') {
      out.push_back(in[i]);
    } else {
      out.push_back('\n');
      if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
    }
  }
  return out;
}

void run(const decode::Decoder& decoder, const decode::Context& ctx) {
  (void)decoder.detect(ctx);
  std::optional<decode::Result> result = decoder.decode(ctx);
  if (!result) return;
  for (Record& r : result->records) classify::apply(r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<decode::Decoder>& decoders = decode::registry();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const decode::Decoder* only = nullptr;
  if (!in.empty() && data[0] < decoders.size()) {
    only = &decoders[data[0]];
    in.remove_prefix(1);
  }
  source::RawMessage raw;
  raw.origin.path = "fuzz";
  raw.bytes = lf_only(in);
  mime::Message message = mime::parse(raw.bytes);
  decode::DecodeOptions options;
  decode::Context ctx{raw, raw.bytes, message, options};
  if (only) {
    run(*only, ctx);
  } else {
    for (const decode::Decoder& decoder : decoders) run(decoder, ctx);
  }
  return 0;
}
