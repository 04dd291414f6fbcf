// The progress line of long runs, on stderr: messages read, megabytes, rate.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

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
  /// Redraws the line, at most about ten times a second.
  void update(std::uint64_t messages, std::uint64_t bytes);
  /// Clears the line (before other output goes to stderr).
  void clear();

 private:
  bool enabled_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace bouncekit::app
