// Replays files through a fuzz target's entry point without libFuzzer, so the
// regression inputs and seed corpora run as an ordinary test (and under ASan+UBSan
// with the normal compiler). Usage: replay [--max-seconds S] [--each] PATH... [--optional PATH...]
// Directories are read recursively in name order; paths after --optional may be missing (a
// target's regression folder exists only once something was found). Fails if no file was found,
// or if one input takes longer than S seconds of CPU time (default 10: a slow input that was
// fixed, replayed under sanitizers, stays far below that). CPU time, not wall time: on a shared
// machine a process waits for a core most of the time (measured: 1.0 s wall for 0.12 s of CPU at
// load average 7 on 2 cores), which would hide a slow input among fast ones. --each prints every
// input's CPU seconds and name, one per line, to find the slow ones of a fuzzer's corpus.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

// The calling thread's CPU time (the targets decode on the calling thread).
double thread_cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  double max_seconds = 10;
  std::vector<fs::path> files;
  bool optional = false;
  bool each = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--max-seconds" && i + 1 < argc) {
      max_seconds = std::stod(argv[++i]);
      continue;
    }
    if (arg == "--each") {
      each = true;
      continue;
    }
    if (arg == "--optional") {
      optional = true;
      continue;
    }
    if (fs::is_directory(arg)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(arg))
        if (entry.is_regular_file()) found.push_back(entry.path());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(arg)) {
      files.emplace_back(arg);
    } else if (!optional) {
      std::cerr << "replay: no such file or directory: " << arg << "\n";
      return 2;
    }
  }
  if (files.empty()) {
    std::cerr << "replay: no input files\n";
    return 2;
  }
  double slowest = 0;
  fs::path slowest_file;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const double start = thread_cpu_seconds();
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    const double seconds = thread_cpu_seconds() - start;
    if (each) std::cout << seconds << " " << file.string() << "\n";
    if (seconds > slowest) {
      slowest = seconds;
      slowest_file = file;
    }
  }
  std::cout << "replay: " << files.size() << " inputs, slowest " << slowest << " s of CPU (" << slowest_file.string()
            << ")\n";
  if (slowest > max_seconds) {
    std::cerr << "replay: " << slowest_file.string() << " took " << slowest << " s of CPU, more than " << max_seconds
              << " s\n";
    return 1;
  }
  return 0;
}
