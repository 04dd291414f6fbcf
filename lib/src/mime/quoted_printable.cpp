// A port of mimetic's quoted-printable decoder state machine (mimetic/codec/qp.h) with two
// additions: in the ordinary state, runs of plain bytes and blanks inside a line are copied
// in one go (eight bytes at a time), and "=HH" escapes and line breaks are decoded without
// the state machine. Keep it in step with mimetic: tests/mime/quoted_printable_test.cpp and
// quoted_printable_text_test.cpp compare both on random input.
#include "mime/quoted_printable.hpp"

#include <cstdint>
#include <cstring>

namespace bouncekit::mime {
namespace {

constexpr unsigned char kCR = '\r', kLF = '\n', kTab = '\t';

bool is_blank(unsigned char c) { return c == ' ' || c == kTab; }
bool is_newline(unsigned char c) { return c == kCR || c == kLF; }
bool is_hex(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
int hex_to_int(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return 0;
}
// Written as they are in the ordinary state: not blank, not a line break, not '=', not a control byte.
bool is_plain(unsigned char c) { return c > ' ' && c != '='; }

// Written as they are in the ordinary state when no line break follows them: plain bytes and blanks.
bool is_text(unsigned char c) { return is_plain(c) || is_blank(c); }

// The end of the run of text bytes (is_text) starting at `i`; eight bytes at a time while
// none is a control byte or '=' (spaces, the commonest break in a run of plain bytes, included).
std::size_t skip_text(std::string_view in, std::size_t i) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  for (; i + 8 <= in.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, in.data() + i, 8);
    const std::uint64_t below_32 = (x - kOnes * 0x20) & ~x & kHigh;  // some byte < ' ' (exact test)
    const std::uint64_t eq = x ^ (kOnes * '=');
    const std::uint64_t has_eq = (eq - kOnes) & ~eq & kHigh;  // some byte is '='
    if ((below_32 | has_eq) != 0) break;
  }
  while (i < in.size() && is_text(static_cast<unsigned char>(in[i]))) ++i;
  return i;
}

class Decoder {
 public:
  explicit Decoder(std::string& out) : out_(out) {}

  void decode(std::string_view in) {
    std::size_t i = 0;
    while (i < in.size()) {
      if (state_ == State::waiting_char) {
        // Blanks followed by anything but a line break (or the end) are written as they are, as
        // the state machine would after holding them back; those before a break or the end are
        // left to it (it drops them).
        std::size_t j = skip_text(in, i);
        if (j == in.size() || is_newline(static_cast<unsigned char>(in[j])))
          while (j > i && is_blank(static_cast<unsigned char>(in[j - 1]))) --j;
        out_.append(in.data() + i, j - i);
        i = j;
        if (i == in.size()) break;
        if (const std::size_t used = shortcut(in, i)) {
          i += used;
          continue;
        }
      }
      step(static_cast<unsigned char>(in[i++]));
    }
    flush();
  }

 private:
  enum class State { waiting_char, after_eq, waiting_first_hex, waiting_second_hex, blank, newline };

  // In the ordinary state (where nothing is held back), the commonest sequences give what the
  // state machine would give, without going through it: "=HH" is one byte; "\r\n", and "\n" not
  // followed by "\r" (the machine takes "\n\r" as one break) nor by the end of the input, are
  // one "\n". Returns how many bytes were used, 0 when `in[i]` starts none of these.
  std::size_t shortcut(std::string_view in, std::size_t i) {
    const std::size_t left = in.size() - i;
    if (left < 2) return 0;
    const auto c = static_cast<unsigned char>(in[i]);
    const auto d = static_cast<unsigned char>(in[i + 1]);
    if (c == '=') {
      if (left < 3 || !is_hex(d) || !is_hex(static_cast<unsigned char>(in[i + 2]))) return 0;
      out_.push_back(static_cast<char>(hex_to_int(d) << 4 | hex_to_int(static_cast<unsigned char>(in[i + 2]))));
      return 3;
    }
    if (c == kLF && d != kCR) {
      out_.push_back('\n');
      return 1;
    }
    if (c == kCR && d == kLF) {
      out_.push_back('\n');
      return 2;
    }
    return 0;
  }

  void flush_prev() {
    out_ += prev_;
    prev_.clear();
  }

  void step(unsigned char c) {
    for (;;) {
      switch (state_) {
        case State::blank:
          if (is_blank(c)) {
            prev_.push_back(static_cast<char>(c));
          } else if (is_newline(c)) {  // blanks before a line break are dropped (and so is the break)
            prev_.clear();
            state_ = State::waiting_char;
          } else {
            flush_prev();
            state_ = State::waiting_char;
            continue;
          }
          return;
        case State::after_eq:
          if (is_blank(c)) {
            prev_.push_back(static_cast<char>(c));
          } else if (is_newline(c)) {  // soft line break
            state_ = State::newline;
            continue;
          } else {
            if (prev_.size() > 1) {  // blanks after '='
              flush_prev();
              state_ = State::waiting_char;
            } else {
              state_ = State::waiting_first_hex;
            }
            continue;
          }
          return;
        case State::waiting_first_hex:
          if (!is_hex(c)) {  // malformed: '=' and a non-hex byte, kept as they are
            flush_prev();
            out_.push_back(static_cast<char>(c));
            state_ = State::waiting_char;
          } else {
            prev_.push_back(static_cast<char>(c));
            state_ = State::waiting_second_hex;
          }
          return;
        case State::waiting_second_hex:
          if (!is_hex(c)) {
            flush_prev();
            out_.push_back(static_cast<char>(c));
          } else {
            unsigned char last = static_cast<unsigned char>(prev_.back());
            out_.push_back(static_cast<char>(hex_to_int(last) << 4 | hex_to_int(c)));
            prev_.clear();
          }
          state_ = State::waiting_char;
          return;
        case State::newline:
          if (nl_ == 0) {
            nl_ = c;
            return;
          } else {
            if (prev_.empty() || prev_[0] != '=') out_.push_back('\n');
            prev_.clear();
            state_ = State::waiting_char;
            bool two_byte_break = c == (nl_ == kCR ? kLF : kCR);
            nl_ = 0;
            if (two_byte_break) return;
            continue;
          }
        case State::waiting_char:
          if (is_blank(c)) {
            state_ = State::blank;
            continue;
          } else if (is_newline(c)) {
            state_ = State::newline;
            continue;
          } else if (c == '=') {
            state_ = State::after_eq;
            prev_.push_back('=');
            return;
          } else if (c < 32 && c != kTab) {
            return;  // a control byte: ignored (RFC 2045 6.7 note 4)
          }
          out_.push_back(static_cast<char>(c));
          return;
      }
    }
  }

  void flush() {
    if (!prev_.empty()) {
      out_.push_back('=');
      if (prev_.size() > 1 && prev_[1] != ' ') out_.push_back(prev_[1]);
    } else if (nl_ != 0) {
      out_.push_back('\n');
    }
  }

  std::string& out_;
  State state_ = State::waiting_char;
  unsigned char nl_ = 0;
  std::string prev_;
};

}  // namespace

std::string decode_quoted_printable(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  Decoder(out).decode(body);
  return out;
}

}  // namespace bouncekit::mime
