// Reply and status codes stated inside a diagnostic text (codes_in_text.hpp).
#include "classify/codes_in_text.hpp"

#include "util/strings.hpp"

namespace bouncekit::classify {
namespace {

bool is_reply_code_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return false;
  if (s[i] < '1' || s[i] > '5' || !util::is_digit(s[i + 1]) || !util::is_digit(s[i + 2])) return false;
  if (i > 0 && !util::is_space(s[i - 1])) return false;
  return i + 3 == s.size() || util::is_space(s[i + 3]) || s[i + 3] == '-';
}

}  // namespace

// The first three-digit reply code standing as a word (or "550-" continuation)
// in the text.
std::string reply_code_in_text(std::string_view s) {
  for (std::size_t i = 0; i + 3 <= s.size(); ++i)
    if (is_reply_code_at(s, i)) return std::string(s.substr(i, 3));
  return {};
}

// The first enhanced status code (2/4/5 . 1-3 digits . 1-3 digits) standing as
// a word in the text.
std::string status_in_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] != '2' && s[i] != '4' && s[i] != '5') || (i > 0 && (util::is_digit(s[i - 1]) || s[i - 1] == '.')))
      continue;
    std::size_t j = i + 1;
    auto digits = [&](std::size_t& k) {
      std::size_t start = k;
      while (k < s.size() && util::is_digit(s[k]) && k - start < 3) ++k;
      return k > start;
    };
    if (j >= s.size() || s[j] != '.') continue;
    ++j;
    if (!digits(j) || j >= s.size() || s[j] != '.') continue;
    ++j;
    if (!digits(j)) continue;
    if (j < s.size() && (util::is_digit(s[j]) || s[j] == '.')) continue;
    return std::string(s.substr(i, j - i));
  }
  return {};
}

}  // namespace bouncekit::classify
