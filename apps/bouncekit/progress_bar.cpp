#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace bouncekit::app {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

ProgressBar::ProgressBar(const std::string& mode, bool quiet)
    : enabled_(mode == "always" || (mode == "auto" && !quiet && ::isatty(STDERR_FILENO))),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::update(std::uint64_t messages, std::uint64_t bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  drawn_ = true;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  double rate = seconds > 0 ? static_cast<double>(messages) / seconds : 0;
  double mb_rate = seconds > 0 ? mb / seconds : 0;
  // \r and erase-to-end-of-line: the line is redrawn in place.
  std::fprintf(stderr, "\r\033[K%llu messages  %.1f MB  %.0f msg/s  %.1f MB/s",
               static_cast<unsigned long long>(messages), mb, rate, mb_rate);
  std::fflush(stderr);
}

void ProgressBar::clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace bouncekit::app
