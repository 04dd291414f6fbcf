// The MIME adapter (mime::parse: mimetic's tree, converted, bodies transfer-decoded) and the
// quoted-printable decoder on its own.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench_messages.hpp"
#include "bouncekit/mime.hpp"
#include "mime/transfer_decoding.hpp"

namespace {

void BM_MimeParse(benchmark::State& state) {
  std::vector<std::string> messages = bouncekit::bench::report_messages(1000);
  std::int64_t bytes = 0;
  for (const auto& m : messages) bytes += static_cast<std::int64_t>(m.size());
  for (auto _ : state)
    for (const auto& m : messages) benchmark::DoNotOptimize(bouncekit::mime::parse(m));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(messages.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_MimeParse)->Unit(benchmark::kMillisecond);

void BM_QuotedPrintable(benchmark::State& state) {
  std::string body;
  while (body.size() < (64u << 10))
    body += "Votre message n'a pas pu =C3=AAtre remis =C3=A0 un ou plusieurs destinataires. =\n"
            "Adresse inconnue du syst=C3=A8me de messagerie.\n";
  for (auto _ : state) benchmark::DoNotOptimize(bouncekit::mime::transfer_decode(body, "quoted-printable"));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}
BENCHMARK(BM_QuotedPrintable);

}  // namespace

BENCHMARK_MAIN();
