#include "decode/address.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "util/safe_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

std::string_view strip_type_prefix(std::string_view v) {
  // "rfc822; user@host", "RFC822;user@host", "utf-8; user@host"
  std::size_t semi = v.find(';');
  if (semi != std::string_view::npos && semi < 16 && v.substr(0, semi).find('@') == std::string_view::npos &&
      v.substr(0, semi).find('<') == std::string_view::npos)
    return util::trim(v.substr(semi + 1));
  return v;
}

// find_first_of(" \t", from) and find_last_of(" \t", upto) without libstdc++'s memchr per byte:
// addresses are cleaned by the thousand.
// Eight bytes at a time: a byte equal to ' ' or '\t' becomes zero after the XOR, and the
// classic zero-byte test (x - 0x01..) & ~x & 0x80.. is non-zero when a word holds one; the byte
// loop then finds which.
bool word_has_blank(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  std::uint64_t sp = w ^ (kOnes * ' '), tab = w ^ (kOnes * '\t');
  return (((sp - kOnes) & ~sp) | ((tab - kOnes) & ~tab)) & kHighs;
}

std::size_t find_blank(std::string_view v, std::size_t from = 0) {
  std::size_t i = from;
  for (; i + 8 <= v.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, v.data() + i, 8);
    if (word_has_blank(w)) break;
  }
  for (; i < v.size(); ++i)
    if (util::is_wsp(v[i])) return i;
  return std::string_view::npos;
}

std::size_t rfind_blank(std::string_view v, std::size_t upto) {
  if (v.empty()) return std::string_view::npos;
  for (std::size_t i = std::min(upto, v.size() - 1) + 1; i-- > 0;)
    if (util::is_wsp(v[i])) return i;
  return std::string_view::npos;
}

// The shape of an address (RFC 5321 section 4.1.2 Mailbox, with RFC 6531 section 3.3's UTF-8
// in local parts and domains): a local part that is a dot-string of atext or a quoted string,
// and a domain of letters, digits, hyphens (and underscores, found in the wild) or an address
// literal in brackets. Dots are not checked further: runs of them occur in real mailboxes.
// Refused on top: control characters and bidirectional controls anywhere, in UTF-8 or as the
// C1 bytes of ISO 8859 (the address may not be converted to UTF-8 yet; they reach
// terminals and spreadsheets), and a local part starting with "=" (a spreadsheet formula
// rather than a mailbox). A value without "@" is checked as a local part.
constexpr std::size_t kMaxAddressBytes = 512;  // RFC 5321 allows 256 for a path; room for VERP

// Byte classes of a mailbox, one table lookup per byte (addresses are checked by the thousand).
constexpr std::uint8_t kAtext = 1;       // RFC 5321 atext, the dot, and UTF-8 bytes (RFC 6531)
constexpr std::uint8_t kDomainByte = 2;  // letters, digits, '-', '.', '_' and UTF-8 bytes
constexpr std::array<std::uint8_t, 256> kAddressBytes = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0x80; c < 0x100; ++c) t[c] = kAtext | kDomainByte;  // control code points are refused separately
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = kAtext | kDomainByte;
  for (int c = '0'; c <= '9'; ++c) t[c] = kAtext | kDomainByte;
  for (char c : std::string_view("!#$%&'*+-/=?^_`{|}~.")) t[static_cast<unsigned char>(c)] |= kAtext;
  for (char c : std::string_view("-._")) t[static_cast<unsigned char>(c)] |= kDomainByte;
  return t;
}();

bool all_of_class(std::string_view s, std::uint8_t cls) {
  for (char c : s)
    if (!(kAddressBytes[static_cast<unsigned char>(c)] & cls)) return false;
  return true;
}

bool valid_local(std::string_view local) {
  if (local.empty() || local.front() == '=') return false;
  if (local.front() == '"') {
    if (local.size() < 2 || local.back() != '"') return false;
    for (std::size_t i = 1; i + 1 < local.size(); ++i) {
      auto c = static_cast<unsigned char>(local[i]);
      if (c == '\\') {
        if (++i + 1 >= local.size()) return false;
        c = static_cast<unsigned char>(local[i]);
        if (c < 0x20 || c == 0x7F) return false;
      } else if (c == '"' || c < 0x20 || c == 0x7F) {
        return false;
      }
    }
    return true;
  }
  return all_of_class(local, kAtext);
}

bool valid_domain(std::string_view domain) {
  if (domain.empty()) return false;
  if (domain.front() == '[')
    return domain.size() > 2 && domain.back() == ']' &&
           std::all_of(domain.begin() + 1, domain.end() - 1, [](char c) {
             auto u = static_cast<unsigned char>(c);
             return u > 0x20 && u < 0x7F && c != '[' && c != ']' && c != '\\';
           });
  return all_of_class(domain, kDomainByte);
}


// `value` as clean_address leaves it: a mailbox (or a bare local part) of a safe shape.
bool valid_shape(std::string_view value) {
  if (value.empty() || value.size() > kMaxAddressBytes) return false;
  // An ASCII value needs no separate test for control characters: the shape tests below refuse
  // every byte below 0x20 and 0x7F (all bytes but the '@' go through one of them).
  if (util::has_non_ascii(value) && util::has_control_characters(value)) return false;
  std::size_t at = value.rfind('@');
  if (at == std::string_view::npos) return valid_local(value);
  return valid_local(value.substr(0, at)) && valid_domain(value.substr(at + 1));
}

std::string lower_domain(std::string address) {
  std::size_t at = address.rfind('@');
  if (at == std::string::npos) return address;
  for (std::size_t i = at + 1; i < address.size(); ++i) address[i] = util::ascii_lower(address[i]);
  return address;
}

}  // namespace

std::string clean_address(std::string_view value) {
  std::string_view v = strip_type_prefix(util::trim(value));
  // Prefer what is inside angle brackets.
  std::size_t lt = v.find('<');
  if (lt != std::string_view::npos) {
    std::size_t gt = v.find('>', lt + 1);
    std::string_view inner = v.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1);
    if (!util::trim(inner).empty()) v = inner;
  }
  // Drop a trailing comment: "user@host (Neko)".
  if (std::size_t paren = v.find(" ("); paren != std::string_view::npos && paren > v.rfind('"')) v = v.substr(0, paren);
  v = util::trim(v);
  while (!v.empty() && v.front() == '<') v.remove_prefix(1);
  while (!v.empty() && (v.back() == '>' || v.back() == '.' || v.back() == ',' || v.back() == ';' || v.back() == ':'))
    v.remove_suffix(1);
  // Quotes around the whole address ("user@host", 'user@host') go; quotes
  // around a local part ("john smith"@host) are part of the address.
  while (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front() &&
         v.substr(1, v.size() - 2).find(v.front()) == std::string_view::npos)
    v = util::trim(v.substr(1, v.size() - 2));
  // One address only: cut away words around it.
  std::size_t at = v.rfind('@');
  if (at != std::string_view::npos && find_blank(v) != std::string_view::npos) {
    std::size_t start;
    if (at > 0 && v[at - 1] == '"' && at >= 2 && v.rfind('"', at - 2) != std::string_view::npos) {
      start = v.rfind('"', at - 2);
    } else {
      start = rfind_blank(v, at);
      start = start == std::string_view::npos ? 0 : start + 1;
    }
    std::size_t end = find_blank(v, at);
    v = v.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  }
  std::string address = lower_domain(std::string(v));
  if (!valid_shape(address)) return {};  // not an address: no recipient rather than a wrong one
  return address;
}

std::string first_address(std::string_view header_value) {
  std::string_view v = util::trim(header_value);
  std::size_t lt = v.find('<');
  if (lt != std::string_view::npos) {
    std::size_t gt = v.find('>', lt);
    if (gt != std::string_view::npos && v.substr(lt, gt - lt).find('@') != std::string_view::npos)
      return clean_address(v.substr(lt, gt - lt + 1));
  }
  // A group ("undisclosed-recipients:;", "team: a@b, c@d;") lists its members after the colon.
  std::size_t colon = v.find(':');
  if (colon != std::string_view::npos && v.find('"') > colon) {
    v = v.substr(colon + 1);
    v = v.substr(0, v.find(';'));
  }
  std::size_t comma = v.find(',');
  return clean_address(comma == std::string_view::npos ? v : v.substr(0, comma));
}

std::string domain_of(std::string_view address) {
  std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  return util::to_lower(address.substr(at + 1));
}

bool looks_like_address(std::string_view value) {
  std::size_t at = value.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= value.size()) return false;
  // One "@" outside a quoted local part.
  if (value.front() != '"' && value.find('@') != at) return false;
  return valid_shape(value);
}

}  // namespace bouncekit::decode
