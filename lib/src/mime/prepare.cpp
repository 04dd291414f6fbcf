// prepare.cpp — the input mimetic is given: line budget and container count in one pass.
//
// A message no longer than the budget cannot hold a line or a folded field longer than the
// budget, so for almost every message only the container count runs: one memchr per line and
// a first-byte test. The budget is applied line by line only to longer messages.
#include "mime/prepare.hpp"

#include <algorithm>
#include <cstring>

#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {
using util::is_wsp;

// Decides, line by line, how much of each line mimetic may see. mimetic is quadratic in the length
// of a header field, whether it is one long line or folded over many, so a line is cut at
// max_line_bytes, and a field folded over several lines (a "Name:" line and the indented lines
// after it) is cut at max_line_bytes in all: its further continuation lines are dropped.
class LineBudget {
 public:
  explicit LineBudget(std::size_t max_line) : max_(max_line) {}

  /// How many bytes of `line` to keep; `drop` says the whole line (with its LF) goes.
  std::size_t keep(std::string_view line, bool& drop) {
    drop = false;
    if (in_field_ && !line.empty() && is_wsp(line[0])) {
      if (field_bytes_ >= max_) {
        drop = true;
        return 0;
      }
      std::size_t k = std::min(line.size(), max_ - field_bytes_);
      field_bytes_ += k;
      return k;
    }
    in_field_ = starts_field(line);
    field_bytes_ = std::min(line.size(), max_);
    return field_bytes_;
  }

 private:
  // "Name:" with a name of printable characters: the line may be the start of a header field.
  static bool starts_field(std::string_view line) {
    std::size_t colon = line.substr(0, 257).find(':');
    if (colon == 0 || colon == std::string_view::npos) return false;
    for (std::size_t i = 0; i < colon; ++i)
      if (line[i] <= ' ' || line[i] > '~') return false;
    return true;
  }

  std::size_t max_;
  bool in_field_ = false;
  std::size_t field_bytes_ = 0;
};

// Counts the Content-Type fields that make a container, multipart/* or message/*: mimetic recurses
// once per nesting level and overflows the stack on deep nesting. mimetic reads a field however it
// is written ("Content-Type :", the value after a long run of spaces or on a continuation line), so
// the whole field is looked at: the name, then its value over its continuation lines (up to 1 KB).
class ContainerCounter {
 public:
  void feed(std::string_view line) {
    if (pending_) {
      if (!line.empty() && is_wsp(line[0])) {
        value_.append(line.substr(0, kWindow - std::min(kWindow, value_.size())));
        return;
      }
      decide();
    }
    // (The first-byte test inline: this runs for every line of every message.)
    if (line.size() < 12 || (line[0] | 0x20) != 'c' || !util::iequals(line.substr(0, 12), "content-type")) return;
    std::string_view rest = line.substr(12);
    while (!rest.empty() && is_wsp(rest.front())) rest.remove_prefix(1);
    if (rest.empty() || rest.front() != ':') return;
    pending_ = true;
    value_.assign(rest.substr(1, kWindow));
  }
  std::size_t count() {
    if (pending_) decide();
    return count_;
  }

 private:
  static constexpr std::size_t kWindow = 1024;
  void decide() {
    if (util::contains_ci(value_, "multipart") || util::contains_ci(value_, "message")) ++count_;
    pending_ = false;
    value_.clear();
  }
  bool pending_ = false;
  std::string value_;
  std::size_t count_ = 0;
};

}  // namespace

PreparedInput prepare_input(std::string_view raw, std::size_t max_line_bytes) {
  PreparedInput in;
  in.view = raw;
  ContainerCounter containers;
  // The budget counts bytes without line ends, so it cannot be exceeded within `raw.size()` bytes.
  const bool budgeted = raw.size() > max_line_bytes;
  LineBudget budget(max_line_bytes);
  bool cutting = false;  // `storage` holds raw[0, pos) as cut so far
  const char* const data = raw.data();
  const std::size_t size = raw.size();
  std::size_t pos = 0;
  while (pos < size) {
    const void* nl = std::memchr(data + pos, '\n', size - pos);
    const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) : size;
    const std::string_view line(data + pos, end - pos);
    containers.feed(line);
    if (budgeted) {
      bool drop = false;
      const std::size_t kept = budget.keep(line, drop);
      if (!cutting && (drop || kept < line.size())) {
        cutting = true;
        in.storage.reserve(size);
        in.storage.assign(data, pos);
      }
      if (cutting && !drop) {
        in.storage.append(line.substr(0, kept));
        if (nl) in.storage.push_back('\n');
      }
    }
    pos = end + 1;
  }
  in.container_headers = containers.count();
  if (cutting) in.view = in.storage;
  return in;
}

bool cuts_to(std::string_view whole, std::size_t max_line_bytes, std::string_view cut, bool& any_cut) {
  any_cut = false;
  LineBudget budget(max_line_bytes);
  std::size_t at = 0;  // in `cut`
  std::size_t pos = 0;
  while (pos < whole.size()) {
    const void* nl = std::memchr(whole.data() + pos, '\n', whole.size() - pos);
    const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - whole.data()) : whole.size();
    const std::string_view line = whole.substr(pos, end - pos);
    bool drop = false;
    const std::size_t kept = budget.keep(line, drop);
    if (drop || kept < line.size()) any_cut = true;
    if (!drop) {
      if (cut.substr(at, kept) != line.substr(0, kept)) return false;
      at += kept;
      if (nl) {
        if (at >= cut.size() || cut[at] != '\n') return false;
        ++at;
      }
    }
    pos = end + 1;
  }
  return at == cut.size();
}

}  // namespace bouncekit::mime
