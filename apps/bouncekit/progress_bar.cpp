#include "progress_bar.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace bouncekit::app {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr std::uint64_t kMaxEntries = 1'000'000;  // sizing a larger tree costs more than it tells
constexpr double kMiB = 1024.0 * 1024.0;

bool gzip_name(const std::filesystem::path& p) { return p.extension() == ".gz"; }

std::string duration_text(double seconds) {
  auto s = static_cast<std::uint64_t>(std::llround(seconds));
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lluh%02llum", static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s % 3600 / 60));
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%llum%02llus", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%llus", static_cast<unsigned long long>(s));
  return buf;
}

}  // namespace

ProgressBar::ProgressBar(const std::string& mode, bool quiet)
    : enabled_(mode == "always" || (mode == "auto" && !quiet && ::isatty(STDERR_FILENO))),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { clear(); }

std::string ProgressBar::line(std::uint64_t messages, std::uint64_t bytes, double seconds,
                              std::optional<std::uint64_t> total_bytes) {
  double mib = static_cast<double>(bytes) / kMiB;
  double rate = seconds > 0 ? static_cast<double>(messages) / seconds : 0;
  double mib_rate = seconds > 0 ? mib / seconds : 0;
  char buf[160];
  std::string text;
  std::snprintf(buf, sizeof buf, "%llu messages  %.1f MiB", static_cast<unsigned long long>(messages), mib);
  text += buf;
  bool share = total_bytes && *total_bytes > 0 && bytes <= *total_bytes;
  if (share) {
    double done = static_cast<double>(bytes) / static_cast<double>(*total_bytes);
    std::snprintf(buf, sizeof buf, " of %.1f MiB (%.0f%%)", static_cast<double>(*total_bytes) / kMiB,
                  std::floor(done * 100));
    text += buf;
  }
  std::snprintf(buf, sizeof buf, "  %.0f msg/s  %.1f MiB/s", rate, mib_rate);
  text += buf;
  if (share && bytes > 0 && seconds > 0)
    text += "  " + duration_text(seconds * static_cast<double>(*total_bytes - bytes) / static_cast<double>(bytes)) +
            " left";
  return text;
}

std::optional<std::uint64_t> ProgressBar::input_bytes(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::uint64_t total = 0, entries = 0;
  for (const auto& given : paths) {
    if (given == "-") return std::nullopt;
    std::error_code ec;
    fs::path path(given);
    auto status = fs::status(path, ec);
    if (ec) continue;  // an input that cannot be read adds nothing (it is an error of its own)
    if (fs::is_regular_file(status)) {
      if (gzip_name(path)) return std::nullopt;
      total += fs::file_size(path, ec);
      continue;
    }
    if (!fs::is_directory(status)) continue;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (++entries > kMaxEntries) return std::nullopt;
      std::error_code entry_ec;
      if (!it->is_regular_file(entry_ec) || it->path().filename().string().starts_with('.')) continue;
      if (gzip_name(it->path())) return std::nullopt;
      total += it->file_size(entry_ec);
    }
    if (ec) return std::nullopt;
  }
  return total;
}

void ProgressBar::update(std::uint64_t messages, std::uint64_t bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  drawn_ = true;
  double seconds = std::chrono::duration<double>(now - start_).count();
  // \r and erase-to-end-of-line: the line is redrawn in place.
  std::fprintf(stderr, "\r\033[K%s", line(messages, bytes, seconds, total_).c_str());
  std::fflush(stderr);
}

void ProgressBar::clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace bouncekit::app
