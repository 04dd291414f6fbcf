// encoded_word.cpp — decode_header: RFC 2047 encoded words to UTF-8.
//
// Tolerant on purpose: B/Q in either case, an RFC 2231 language suffix on the
// charset ("utf-8*en"), words glued to surrounding text, '?' inside Q text,
// base64 without padding or with a broken tail (whole bytes are kept),
// several padded base64 chunks in one word. Adjacent words (only white space
// between them) are joined, and if they share a charset their bytes are
// joined before conversion, so a character split across two words survives.
// Anything that does not parse as an encoded word is left as it is and made
// valid UTF-8 by sanitize_utf8. Work is linear in the input.
#include <cstddef>
#include <string>
#include <string_view>

#include "bouncekit/mime.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {

constexpr std::size_t kMaxCharsetLength = 64;

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;  // '-' and '_': URL-safe alphabet, seen in the wild
  if (c == '/' || c == '_') return 63;
  return -1;
}

void decode_b(std::string_view text, std::string& out) {
  unsigned bits = 0;
  int nbits = 0;
  for (char c : text) {
    if (c == '=') {  // padding: end of a chunk, drop the partial bits
      bits = 0;
      nbits = 0;
      continue;
    }
    const int v = base64_value(c);
    if (v < 0) continue;
    bits = ((bits << 6) | static_cast<unsigned>(v)) & 0xFFFFFFu;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out.push_back(static_cast<char>((bits >> nbits) & 0xFFu));
    }
  }
}

void decode_q(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '_') {
      out.push_back(' ');
    } else if (c == '=' && i + 2 < text.size() && util::hex_value(text[i + 1]) >= 0 &&
               util::hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(util::hex_value(text[i + 1]) * 16 + util::hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
}

struct Word {
  std::size_t end = 0;  ///< one past the closing "?="
  std::string charset;  ///< lower-cased, language suffix removed
  std::string bytes;    ///< decoded bytes in `charset`
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  /// Parses an encoded word starting at `p` (which holds "=?").
  bool word_at(std::size_t p, Word& w) {
    std::size_t q = p + 2;
    const std::size_t cs_begin = q;
    while (q < s_.size() && s_[q] != '?') {
      if (util::is_space(s_[q]) || q - cs_begin >= kMaxCharsetLength) return false;
      ++q;
    }
    if (q == cs_begin || q + 2 >= s_.size()) return false;
    std::string_view charset = s_.substr(cs_begin, q - cs_begin);
    const char enc = util::ascii_lower(s_[q + 1]);
    if ((enc != 'b' && enc != 'q') || s_[q + 2] != '?') return false;
    const std::size_t t = q + 3;
    if (t >= fail_from_ && t < fail_to_) return false;  // already known to have no "?=" in reach
    std::size_t j = t;
    for (;; ++j) {
      if (j >= s_.size() || util::is_space(s_[j])) {
        fail_from_ = t;
        fail_to_ = j;
        return false;
      }
      if (s_[j] == '?' && j + 1 < s_.size() && s_[j + 1] == '=') break;
    }
    if (auto star = charset.find('*'); star != std::string_view::npos) charset = charset.substr(0, star);
    w.charset = util::to_lower(charset);
    w.bytes.clear();
    if (enc == 'b') {
      decode_b(s_.substr(t, j - t), w.bytes);
    } else {
      decode_q(s_.substr(t, j - t), w.bytes);
    }
    w.end = j + 2;
    return true;
  }

 private:
  std::string_view s_;
  std::size_t fail_from_ = 0;
  std::size_t fail_to_ = 0;
};

bool all_space(std::string_view s) {
  for (char c : s)
    if (!util::is_space(c)) return false;
  return true;
}

}  // namespace

std::string decode_header(std::string_view value) {
  // Most values hold no encoded word: no second copy.
  if (value.find("=?") == std::string_view::npos) return sanitize_utf8(value);
  std::string out;
  out.reserve(value.size());
  Scanner scanner(value);
  std::size_t last_end = 0;  // end of the last encoded word (or 0)
  bool pending = false;      // bytes of adjacent encoded words not yet converted
  std::string pending_charset;
  std::string pending_bytes;
  auto flush = [&] {
    if (!pending) return;
    out += to_utf8(pending_bytes, pending_charset);
    pending = false;
    pending_bytes.clear();
  };

  Word w;
  std::size_t i = 0;
  while (true) {
    const std::size_t p = value.find("=?", i);
    if (p == std::string_view::npos) break;
    if (!scanner.word_at(p, w)) {
      i = p + 1;
      continue;
    }
    const std::string_view between = value.substr(last_end, p - last_end);
    if (pending && all_space(between)) {
      if (w.charset != pending_charset) {
        flush();
      }
    } else {
      flush();
      out += sanitize_utf8(between);
    }
    if (!pending) {
      pending = true;
      pending_charset = w.charset;
    }
    pending_bytes += w.bytes;
    last_end = i = w.end;
  }
  flush();
  out += sanitize_utf8(value.substr(last_end));
  return out;
}

}  // namespace bouncekit::mime
