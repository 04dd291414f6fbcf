// Replays files through a fuzz target's entry point without libFuzzer, so the
// regression inputs and seed corpora run as an ordinary test (and under ASan+UBSan
// with the normal compiler). Usage: replay [--max-seconds S] PATH... [--optional PATH...]
// Directories are read recursively in name order; paths after --optional may be missing (a
// target's regression folder exists only once something was found). Fails if no file was found,
// or if one input takes longer than S seconds (default 10: a slow input that was
// fixed, replayed under sanitizers on a loaded machine, stays far below that).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  double max_seconds = 10;
  std::vector<fs::path> files;
  bool optional = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--max-seconds" && i + 1 < argc) {
      max_seconds = std::stod(argv[++i]);
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
    auto start = std::chrono::steady_clock::now();
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > slowest) {
      slowest = seconds;
      slowest_file = file;
    }
  }
  std::cout << "replay: " << files.size() << " inputs, slowest " << slowest << " s (" << slowest_file.string()
            << ")\n";
  if (slowest > max_seconds) {
    std::cerr << "replay: " << slowest_file.string() << " took " << slowest << " s, more than " << max_seconds
              << " s\n";
    return 1;
  }
  return 0;
}
