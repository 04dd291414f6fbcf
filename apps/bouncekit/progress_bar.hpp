// The progress line of long runs, on stderr: messages read, MiB, rate; with the share done and
// the time left when the size of the input is known beforehand.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bouncekit::app {

class ProgressBar {
 public:
  /// `mode` is "auto" (only when stderr is a terminal), "always" or "never"; `quiet` turns
  /// "auto" off too.
  ProgressBar(const std::string& mode, bool quiet);
  /// Clears the line, if one was drawn.
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  bool enabled() const { return enabled_; }
  /// The size of the input, when known (input_bytes()): the line then shows the share and time left.
  void set_total(std::optional<std::uint64_t> total_bytes) { total_ = total_bytes; }
  /// Redraws the line, at most about ten times a second.
  void update(std::uint64_t messages, std::uint64_t bytes);
  /// Clears the line (before other output goes to stderr).
  void clear();

  /// What the line says: "1200 messages  3.1 MiB of 12.0 MiB (26%)  400 msg/s  1.0 MiB/s  9s left".
  /// The share and the time left only with a total that `bytes` has not passed (compressed
  /// input reads more bytes than its files hold: then they are left out).
  static std::string line(std::uint64_t messages, std::uint64_t bytes, double seconds,
                          std::optional<std::uint64_t> total_bytes);

  /// Size of the files a run over `paths` reads, or nothing when it cannot be known: standard
  /// input, a gzip file (by name; its content is larger), a folder of more than a million
  /// entries, or one that cannot be listed.
  static std::optional<std::uint64_t> input_bytes(const std::vector<std::string>& paths);

 private:
  bool enabled_ = false;
  bool drawn_ = false;
  std::optional<std::uint64_t> total_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace bouncekit::app
