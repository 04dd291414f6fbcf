#include "nightly/quarantine.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "bouncekit/nightly.hpp"
#include "history/quarantine_table.hpp"

namespace bouncekit::nightly {
namespace detail {
namespace {

// A fingerprint is 32 hex digits (history::fingerprint); the buffer is written as one line.
constexpr std::size_t kFingerprintChars = 32;
constexpr std::size_t kMaxQuarantined = 10000;

// Set while a run is decoding; read by the signal handler (a plain array: no allocation and no
// lock there). The path is written before the decoding threads start and cleared after they end.
char g_path[4096] = {};

struct InFlight {
  bool decoding = false;
  char line[kFingerprintChars + 1] = {};
};
thread_local InFlight t_in_flight;

bool is_fingerprint(const std::string& s) {
  if (s.size() != kFingerprintChars) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::filesystem::path quarantine_path(const std::filesystem::path& database) {
  return std::filesystem::path(database.string() + "-quarantine");
}

std::unordered_set<std::string> read_quarantine(const std::filesystem::path& path) {
  std::unordered_set<std::string> out;
  // O_NOFOLLOW: a link planted in the database's folder is not read through.
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return out;
  std::string text;
  char buffer[4096];
  ssize_t n;
  while (text.size() < kMaxQuarantined * (kFingerprintChars + 1) && (n = ::read(fd, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  std::size_t pos = 0;
  while (pos < text.size() && out.size() < kMaxQuarantined) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    if (is_fingerprint(line)) out.insert(line);
    pos = end + 1;
  }
  return out;
}

std::unordered_set<std::string> take_quarantined(const std::filesystem::path& database,
                                                 const std::filesystem::path& file, bool import,
                                                 const std::string& now, const std::string& host) {
  std::unordered_set<std::string> crashed = read_quarantine(file);
  history::QuarantineTable table(database);
  if (!import) {
    crashed.merge(table.fingerprints());
    return crashed;
  }
  if (!crashed.empty()) {
    table.add(crashed, now, host);
    // Committed: the file has done its job. A run killed before this line imports it again,
    // which adds nothing.
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
  }
  return table.fingerprints();
}

void arm_quarantine(const std::filesystem::path& path) {
  std::string p = path.string();
  if (p.size() >= sizeof g_path) p.clear();  // too long to keep: no quarantine
  std::memcpy(g_path, p.c_str(), p.size() + 1);
}

void decoding_started(const std::string& fingerprint) {
  InFlight& f = t_in_flight;
  std::size_t n = std::min(fingerprint.size(), kFingerprintChars);
  std::memcpy(f.line, fingerprint.data(), n);
  f.line[n] = '\n';
  f.decoding = n == kFingerprintChars;
}

void decoding_finished() { t_in_flight.decoding = false; }

}  // namespace detail

void record_crash_in_flight() noexcept {
  const detail::InFlight& f = detail::t_in_flight;
  if (!f.decoding || detail::g_path[0] == '\0') return;
  int fd = ::open(detail::g_path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return;
  ssize_t ignored = ::write(fd, f.line, detail::kFingerprintChars + 1);
  (void)ignored;
  ::close(fd);
}

}  // namespace bouncekit::nightly
