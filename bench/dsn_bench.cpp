// The delivery-status field parser (RFC 3464 / RFC 6533 field groups) and a whole decode of
// an RFC 3464 report (MIME, decoder, original message, classification).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench_messages.hpp"
#include "bouncekit/decode.hpp"
#include "decode/delivery_status.hpp"

namespace {

void BM_DeliveryStatusFields(benchmark::State& state) {
  std::vector<std::string> bodies;
  for (std::size_t n = 0; n < 1000; ++n)
    bodies.push_back(bouncekit::bench::delivery_status(n, static_cast<std::size_t>(state.range(0))));
  for (auto _ : state)
    for (const auto& b : bodies) benchmark::DoNotOptimize(bouncekit::decode::parse_delivery_status(b));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(bodies.size()));
}
BENCHMARK(BM_DeliveryStatusFields)->Arg(1)->Arg(10)->Unit(benchmark::kMicrosecond);

void BM_DecodeReport(benchmark::State& state) {
  std::vector<bouncekit::source::RawMessage> messages;
  for (std::size_t n = 0; n < 1000; ++n) {
    bouncekit::source::RawMessage m;
    m.origin.path = "bench.mbox";
    m.origin.index = n + 1;
    m.bytes = bouncekit::bench::report_message(n);
    messages.push_back(std::move(m));
  }
  for (auto _ : state)
    for (const auto& m : messages) benchmark::DoNotOptimize(bouncekit::decode::decode(m));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(messages.size()));
}
BENCHMARK(BM_DecodeReport)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
