#include "decode/address.hpp"

#include <algorithm>

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
std::size_t find_blank(std::string_view v, std::size_t from = 0) {
  for (std::size_t i = from; i < v.size(); ++i)
    if (util::is_wsp(v[i])) return i;
  return std::string_view::npos;
}

std::size_t rfind_blank(std::string_view v, std::size_t upto) {
  if (v.empty()) return std::string_view::npos;
  for (std::size_t i = std::min(upto, v.size() - 1) + 1; i-- > 0;)
    if (util::is_wsp(v[i])) return i;
  return std::string_view::npos;
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
  return lower_domain(std::string(v));
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
  std::size_t at = value.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= value.size()) return false;
  for (char c : value)
    if (util::is_space(c) || c == '<' || c == '>') return false;
  return value.find('@', at + 1) == std::string_view::npos;
}

}  // namespace bouncekit::decode
