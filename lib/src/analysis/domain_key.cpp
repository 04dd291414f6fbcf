// domain_key.cpp — IDNA2008 + UTS #46 through libidn2 (idn2.h): to the A-label form and back.
#include "analysis/domain_key.hpp"

#include <idn2.h>

#include <cstdlib>
#include <memory>

namespace bouncekit::analysis {
namespace {

// RFC 1035 section 2.3.4: 255 octets on the wire, 253 written; a longer one is no domain.
constexpr std::size_t kMaxDomain = 253;

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

// True when `s` (lower case) is ASCII and no label starts with the ACE prefix "xn--" (RFC 5890).
bool plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  for (std::size_t at = 0; at < s.size();) {
    if (s.substr(at, 4) == "xn--") return false;
    auto dot = s.find('.', at);
    if (dot == std::string_view::npos) break;
    at = dot + 1;
  }
  return true;
}

struct Free {
  void operator()(char* p) const { std::free(p); }  // libidn2 allocates with malloc
};

}  // namespace

std::string domain_key(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  std::string written = lowered(domain);
  if (written.size() > kMaxDomain || plain_ascii(written)) return written;
  char* ascii_raw = nullptr;
  // The input must be NUL-terminated: `written` is, and holds no NUL a domain could carry.
  if (written.find('\0') != std::string::npos) return written;
  if (idn2_to_ascii_8z(written.c_str(), &ascii_raw, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK)
    return written;
  std::unique_ptr<char, Free> ascii(ascii_raw);
  char* unicode_raw = nullptr;
  if (idn2_to_unicode_8z8z(ascii.get(), &unicode_raw, 0) != IDN2_OK) return written;
  std::unique_ptr<char, Free> unicode(unicode_raw);
  return std::string(unicode.get());
}

}  // namespace bouncekit::analysis
