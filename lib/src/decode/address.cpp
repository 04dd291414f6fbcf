#include "decode/address.hpp"

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
  std::size_t paren = v.find(" (");
  if (paren != std::string_view::npos) v = v.substr(0, paren);
  v = util::trim(v);
  while (!v.empty() && (v.front() == '"' || v.front() == '\'' || v.front() == '<')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '"' || v.back() == '\'' || v.back() == '>' || v.back() == '.' ||
                        v.back() == ',' || v.back() == ';' || v.back() == ':'))
    v.remove_suffix(1);
  v = util::trim(v);
  // A single token only: anything after white space is not part of the address.
  std::size_t space = v.find_first_of(" \t");
  if (space != std::string_view::npos && v.find('@') != std::string_view::npos) {
    std::size_t at = v.find('@');
    std::size_t start = v.rfind(' ', at);
    start = start == std::string_view::npos ? 0 : start + 1;
    std::size_t end = v.find_first_of(" \t", at);
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
