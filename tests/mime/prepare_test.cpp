// prepare_input (the line budget and the container count, in one pass) must give exactly what
// the two-pass version it replaced gave: that version is kept here as the oracle.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>

#include "mime/prepare.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {
using util::is_wsp;

// ---- The previous implementation (entity.cpp at 21213fc), unchanged but for names. ----
class OldLineBudget {
 public:
  explicit OldLineBudget(std::size_t max_line) : max_(max_line) {}
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
  static bool starts_field(std::string_view line) {
    std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon > 256) return false;
    for (std::size_t i = 0; i < colon; ++i)
      if (line[i] <= ' ' || line[i] > '~') return false;
    return true;
  }
  std::size_t max_;
  bool in_field_ = false;
  std::size_t field_bytes_ = 0;
};

class OldContainerCounter {
 public:
  void feed(std::string_view line) {
    if (pending_ && !line.empty() && is_wsp(line[0])) {
      value_.append(line.substr(0, kWindow - std::min(kWindow, value_.size())));
      return;
    }
    decide();
    if (!util::starts_with_ci(line, "content-type")) return;
    std::string_view rest = line.substr(12);
    while (!rest.empty() && is_wsp(rest.front())) rest.remove_prefix(1);
    if (rest.empty() || rest.front() != ':') return;
    pending_ = true;
    value_.assign(rest.substr(1, kWindow));
  }
  std::size_t count() {
    decide();
    return count_;
  }

 private:
  static constexpr std::size_t kWindow = 1024;
  void decide() {
    if (pending_ && (util::contains_ci(value_, "multipart") || util::contains_ci(value_, "message"))) ++count_;
    pending_ = false;
    value_.clear();
  }
  bool pending_ = false;
  std::string value_;
  std::size_t count_ = 0;
};

struct OldResult {
  std::string text;
  std::size_t containers = 0;
};

OldResult old_prepare(std::string_view raw, std::size_t max_line) {
  OldResult out;
  bool must_cut = false;
  OldLineBudget budget(max_line);
  bool drop = false;
  OldContainerCounter containers;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    std::size_t eol = raw.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? raw.size() : eol;
    if (budget.keep(raw.substr(pos, end - pos), drop) < end - pos) must_cut = true;
    containers.feed(raw.substr(pos, end - pos));
    pos = end + 1;
  }
  out.containers = containers.count();
  if (!must_cut) {
    out.text = std::string(raw);
    return out;
  }
  budget = OldLineBudget(max_line);
  pos = 0;
  while (pos < raw.size()) {
    std::size_t eol = raw.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? raw.size() : eol;
    std::size_t kept = budget.keep(raw.substr(pos, end - pos), drop);
    if (!drop) {
      out.text.append(raw.substr(pos, kept));
      if (eol != std::string_view::npos) out.text.push_back('\n');
    }
    pos = end + 1;
  }
  return out;
}
// ---- end of the previous implementation ----

void expect_same(const std::string& raw, std::size_t max_line) {
  const OldResult want = old_prepare(raw, max_line);
  const PreparedInput got = prepare_input(raw, max_line);
  EXPECT_EQ(got.view, want.text) << "max_line " << max_line << " input: " << raw;
  EXPECT_EQ(got.container_headers, want.containers) << "max_line " << max_line << " input: " << raw;
  // No copy unless something was cut.
  if (got.view == raw) {
    EXPECT_EQ(got.view.data(), raw.data());
  }
}

TEST(PrepareInput, CountsContainerFields) {
  const std::string raw =
      "Content-Type: multipart/report;\n boundary=b\n\n--b\ncontent-type : text/plain\n\n"
      "x\n--b\nCONTENT-TYPE:\n\tMessage/RFC822\n\nSubject: s\n\n--b--\n";
  EXPECT_EQ(prepare_input(raw, 1024).container_headers, 2u);
  expect_same(raw, 1024);
}

TEST(PrepareInput, CutsLongLinesAndFoldedFields) {
  const std::string raw = "Subject: " + std::string(50, 'a') + "\n " + std::string(30, 'b') + "\n c\nX: y\n\n" +
                          std::string(70, 'z') + "\n";
  const PreparedInput got = prepare_input(raw, 40);
  EXPECT_EQ(got.view, "Subject: " + std::string(31, 'a') + "\n" + "X: y\n\n" + std::string(40, 'z') + "\n");
  expect_same(raw, 40);
}

TEST(PrepareInput, KeepsShortMessagesUncopied) {
  const std::string raw = "Subject: hi\n\nbody\n";
  const PreparedInput got = prepare_input(raw, 1024);
  EXPECT_EQ(got.view.data(), raw.data());
  EXPECT_TRUE(got.storage.empty());
}

TEST(PrepareInput, MatchesThePreviousVersionOnRandomInput) {
  std::mt19937 rng(7);
  const std::string_view pieces[] = {"Content-Type", "content-type", "CONTENT-type ", ":", ": ", " ", "\t", "\n",
                                     "\n", "\n ", "\n\t", "multipart", "MESSAGE", "mess", "age", "text/plain",
                                     "X-Name", "a", "bb", "\r", "\x01", "\xE9", ";", "=", "\n\n"};
  for (int round = 0; round < 4000; ++round) {
    std::string raw;
    const int n = static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) raw += pieces[rng() % std::size(pieces)];
    for (std::size_t max_line : {0u, 1u, 3u, 8u, 20u, 64u, 100000u}) expect_same(raw, max_line);
  }
}

TEST(PrepareInput, LongValueWindowAndLongColonDistance) {
  // A container word past the 1 KB window does not count; a colon past 256 bytes does not start a field.
  std::string raw = "Content-Type: " + std::string(1100, 'x') + "\n multipart/mixed\n" + std::string(300, 'n') +
                    ":v\n " + std::string(20, 'c') + "\n";
  for (std::size_t max_line : {10u, 200u, 2000u}) expect_same(raw, max_line);
  EXPECT_EQ(prepare_input(raw, 2000).container_headers, 0u);
}

}  // namespace
}  // namespace bouncekit::mime
