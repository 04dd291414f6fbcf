// Fuzz target: the mbox/Maildir reader. The input bytes become a file (an mbox,
// a single message, or gzip: the reader recognises them by content) and one
// Maildir message, and every message is pulled out of both.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "bouncekit/source.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh scratch folder per input, removed after it (libFuzzer ends without running atexit
// handlers): <tmp>/bouncekit-fuzz-XXXXXX/{input,md/{cur,new,tmp}}.
class Scratch {
 public:
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "bouncekit-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) std::abort();
    dir_ = pattern;
    for (const char* sub : {"md/cur", "md/new", "md/tmp"}) fs::create_directories(dir_ / sub);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

void write(const fs::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

// Reads every message; a small size limit exercises truncation too.
void drain(const fs::path& path, std::size_t max_message_bytes) {
  bouncekit::source::ReaderOptions options;
  options.max_message_bytes = max_message_bytes;
  bouncekit::source::Reader reader({path.string()}, options);
  bouncekit::source::RawMessage message;
  std::size_t total = 0;
  while (reader.next(message)) {
    if (message.bytes.size() > max_message_bytes) std::abort();  // the limit must hold
    total += message.bytes.size() + message.origin.to_string().size();
  }
  (void)total;
  (void)reader.errors();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Scratch scratch;
  const fs::path& dir = scratch.dir();
  write(dir / "input", data, size);
  write(dir / "md" / "cur" / "1.fuzz:2,S", data, size);
  drain(dir / "input", 64u << 20);
  drain(dir / "input", 512);
  drain(dir / "md", 64u << 20);
  return 0;
}
