#include "classify/diagnostic_text.hpp"

#include "util/strings.hpp"

namespace bouncekit::classify {
namespace {

// Length of a reply-code prefix starting at i ("550-", "550-5.7.1 ", "550 5.7.1 "), 0 if none.
// Only counted after white space, and never at the start (that one is the reply itself).
std::size_t prefix_at(std::string_view s, std::size_t i) {
  if (i == 0 || !util::is_space(s[i - 1]) || i + 4 > s.size()) return 0;
  if ((s[i] != '2' && s[i] != '4' && s[i] != '5') || !util::is_digit(s[i + 1]) || !util::is_digit(s[i + 2]))
    return 0;
  char sep = s[i + 3];
  if (sep != '-' && sep != ' ') return 0;
  std::size_t j = i + 4;
  // An enhanced status code after the reply code: [245].d{1,3}.d{1,3}
  std::size_t k = j;
  bool status = false;
  if (k < s.size() && s[k] == s[i] && k + 1 < s.size() && s[k + 1] == '.') {
    k += 2;
    std::size_t d = k;
    while (k < s.size() && util::is_digit(s[k]) && k - d < 3) ++k;
    if (k > d && k < s.size() && s[k] == '.') {
      ++k;
      std::size_t d2 = k;
      while (k < s.size() && util::is_digit(s[k]) && k - d2 < 3) ++k;
      status = k > d2 && (k == s.size() || util::is_space(s[k]));
    }
  }
  if (status) return k - i;
  return sep == '-' ? j - i : 0;  // "550 word" mid-text is ordinary text; "550-word" is a continuation
}

}  // namespace

std::string_view without_continuations(std::string_view text, std::string& storage) {
  std::size_t first = std::string_view::npos;
  for (std::size_t i = 1; i < text.size(); ++i)
    if (util::is_digit(text[i]) && prefix_at(text, i)) {
      first = i;
      break;
    }
  if (first == std::string_view::npos) return text;
  storage.assign(text.substr(0, first));
  for (std::size_t i = first; i < text.size();) {
    std::size_t n = util::is_digit(text[i]) ? prefix_at(text, i) : 0;
    if (n) {
      i += n;
      continue;
    }
    storage.push_back(text[i++]);
  }
  return storage;
}

}  // namespace bouncekit::classify
