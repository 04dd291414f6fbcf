// The mbox splitter: source::Reader over a temporary mbox of made-up reports (in the page cache).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "bench_messages.hpp"
#include "bouncekit/source.hpp"

namespace {

// Writes an mbox of `count` reports (one line in ten of the body starts with "From ", quoted
// mboxrd-style) and removes it when done.
class TempMbox {
 public:
  explicit TempMbox(std::size_t count) {
    char name[] = "/tmp/bouncekit-bench-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) std::abort();
    close(fd);
    path_ = name;
    std::ofstream out(path_, std::ios::binary);
    for (std::size_t n = 0; n < count; ++n) {
      std::string m = bouncekit::bench::report_message(n);
      out << "From MAILER-DAEMON Mon Sep  2 10:00:00 2024\n" << m << ">From the archive\n\n";
      bytes_ += m.size() + 62;
    }
  }
  ~TempMbox() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }
  std::int64_t bytes() const { return static_cast<std::int64_t>(bytes_); }

 private:
  std::string path_;
  std::size_t bytes_ = 0;
};

void BM_MboxSplit(benchmark::State& state) {
  TempMbox mbox(static_cast<std::size_t>(state.range(0)));
  std::int64_t messages = 0;
  for (auto _ : state) {
    bouncekit::source::Reader reader({mbox.path()});
    bouncekit::source::RawMessage m;
    while (reader.next(m)) {
      benchmark::DoNotOptimize(m.bytes.data());
      ++messages;
    }
  }
  state.SetItemsProcessed(messages);
  state.SetBytesProcessed(state.iterations() * mbox.bytes());
}
BENCHMARK(BM_MboxSplit)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
