// Fuzz target: the reader of shipped record files (`parse --ship` output read by `report`,
// nightly/shipped_reader.hpp). The input bytes become a file (plain or gzip: recognised by
// content), read with the default limits and with small ones; every message it yields must keep
// the limits and hold only records of its own fingerprint.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "nightly/shipped_reader.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::nightly::detail::ShippedMessage;
using bouncekit::nightly::detail::ShippedReader;
using bouncekit::nightly::detail::ShippedReaderOptions;

void drain(const std::string& path, const ShippedReaderOptions& options) {
  ShippedReader reader({path}, options);
  for (ShippedMessage m; reader.next(m);) {
    if (m.fingerprint.size() != 32 || m.origin.empty() || m.host.empty()) std::abort();
    if (m.records.size() > options.max_records) std::abort();  // the cap must hold
    for (const auto& r : m.records)
      if (r.fingerprint != m.fingerprint || r.origin != m.origin || r.reason.empty()) std::abort();
  }
  for (const auto& e : reader.errors())
    if (e.path != path || e.what.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string pattern = (fs::temp_directory_path() / "bouncekit-fuzz-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) std::abort();
  const fs::path file = fs::path(pattern) / "input.jsonl";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  drain(file.string(), ShippedReaderOptions{});
  ShippedReaderOptions small;
  small.max_line_bytes = 256;
  small.max_records = 2;
  drain(file.string(), small);
  std::error_code ec;
  fs::remove_all(pattern, ec);
  return 0;
}
