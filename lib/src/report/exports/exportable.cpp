#include "report/exports/exportable.hpp"

#include "util/safe_text.hpp"

namespace bouncekit::report::exports {

bool is_exportable(std::string_view address) {
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  return !util::has_unsafe_text(address);
}

bool is_mailman_safe(std::string_view address) {
  if (!is_exportable(address)) return false;
  // RFC 5322 section 3.2.3 specials, as parseaddr splits on them outside a quoted string
  // (the dot and @ are handled by the address grammar itself).
  bool quoted = false, escaped = false;
  int ats = 0;
  for (char c : address) {
    if (escaped) {
      escaped = false;
      continue;
    }
    if (quoted) {
      if (c == '\\') escaped = true;
      if (c == '"') quoted = false;
      continue;
    }
    switch (c) {
      case '"': quoted = true; break;
      case '@': ++ats; break;
      case '(': case ')': case '<': case '>': case '[': case ']': case ':': case ';': case ',': case '\\':
        return false;
      default: break;
    }
  }
  return !quoted && ats == 1;
}

}  // namespace bouncekit::report::exports
