// content_type.cpp — parse_content_type: RFC 2045 Content-Type with RFC 2231 parameters.
//
// Tolerates comments anywhere between tokens, missing semicolons, unquoted
// values with odd characters (and inner spaces: "name=my file.txt"), unclosed
// quotes and comments, duplicate parameters (the first wins). A missing or
// malformed type/subtype gives text/plain while the parameters are still read.
// RFC 2231: "name*" and "name*0", "name*1*", ... are joined in numeric order,
// '*'-marked sections are percent-decoded and the whole value converted from
// the charset declared in the first section; an RFC 2231 form of a parameter
// wins over a plain one of the same name. Plain values are made valid UTF-8.
// RFC 2047 encoded words inside values are left as they are.
#include <cstddef>
#include <map>
#include <utility>
#include <vector>
#include <string>
#include <string_view>

#include "bouncekit/mime.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {

bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;
  switch (c) {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':':
    case '\\': case '"': case '/': case '[': case ']': case '?': case '=':
      return false;
    default:
      return true;
  }
}

struct Section {
  std::string raw;
  bool encoded = false;
};

struct Collected {
  bool has_plain = false;
  std::string plain;
  bool has_extended = false;
  std::string extended;                 ///< raw "charset'lang'pct-encoded"
  std::map<unsigned, Section> sections; ///< RFC 2231 continuations
};

/// Parameters by lower-cased name, in order of first appearance. A Content-Type has a few
/// parameters, and a map per call cost more than looking through them; past kLinear names an
/// index keeps hostile values with thousands of parameters from going quadratic.
class Collection {
 public:
  Collected& operator[](const std::string& name) {
    if (index_.empty()) {
      for (auto& [n, c] : items_)
        if (n == name) return c;
      if (items_.size() < kLinear) return items_.emplace_back(name, Collected{}).second;
      for (std::size_t i = 0; i < items_.size(); ++i) index_.emplace(items_[i].first, i);
    }
    const auto [it, added] = index_.emplace(name, items_.size());
    if (added) items_.emplace_back(name, Collected{});
    return items_[it->second].second;
  }
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }

 private:
  static constexpr std::size_t kLinear = 16;
  std::vector<std::pair<std::string, Collected>> items_;  // references are used before the next insert
  std::map<std::string, std::size_t> index_;
};

void assign_lower(std::string& out, std::string_view s) {
  out.assign(s);
  for (char& c : out) c = util::ascii_lower(c);
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  ContentType run() {
    ContentType ct;
    skip_cfws();
    const std::string_view type = token();
    skip_cfws();
    if (!type.empty() && peek('/')) {
      ++pos_;
      skip_cfws();
      const std::string_view subtype = token();
      if (!subtype.empty()) {
        assign_lower(ct.type, type);
        assign_lower(ct.subtype, subtype);
      }
    }
    Collection collected;
    while (pos_ < s_.size()) {
      skip_cfws();
      if (pos_ >= s_.size()) break;
      const std::string_view name = param_name();
      if (name.empty()) {
        ++pos_;  // ';' or garbage
        continue;
      }
      skip_cfws();
      if (!peek('=')) continue;  // a bare word: ignored
      ++pos_;
      skip_cfws();
      std::string value = peek('"') ? quoted() : unquoted();
      std::string lower_name;
      assign_lower(lower_name, name);
      record(collected, std::move(lower_name), std::move(value));
    }
    for (auto& [name, c] : collected) ct.params.emplace(name, finish(c));
    return ct;
  }

 private:
  bool peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }

  /// Skips white space and (nested) comments; an unclosed comment runs to the end.
  void skip_cfws() {
    while (pos_ < s_.size()) {
      if (util::is_space(s_[pos_])) {
        ++pos_;
      } else if (s_[pos_] == '(') {
        int depth = 0;
        while (pos_ < s_.size()) {
          const char c = s_[pos_++];
          if (c == '\\') {
            ++pos_;
          } else if (c == '(') {
            ++depth;
          } else if (c == ')' && --depth == 0) {
            break;
          }
        }
        if (pos_ > s_.size()) pos_ = s_.size();
      } else {
        break;
      }
    }
  }

  std::string_view token() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_token_char(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  std::string_view param_name() { return token(); }

  std::string quoted() {
    std::string v;
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      // The run up to the next quote or backslash in one go.
      std::size_t run = pos_;
      while (run < s_.size() && s_[run] != '"' && s_[run] != '\\') ++run;
      v.append(s_.substr(pos_, run - pos_));
      pos_ = run;
      if (pos_ == s_.size()) break;
      const char c = s_[pos_++];
      if (c == '"') break;
      if (pos_ < s_.size()) {  // a backslash quotes the next byte
        v.push_back(s_[pos_++]);
      } else {
        v.push_back(c);
      }
    }
    return v;
  }

  /// Does a "token =" start at k?
  bool param_at(std::size_t k) const {
    std::size_t m = k;
    while (m < s_.size() && is_token_char(s_[m])) ++m;
    if (m == k) return false;
    while (m < s_.size() && util::is_wsp(s_[m])) ++m;
    return m < s_.size() && s_[m] == '=';
  }

  /// An unquoted value runs to ';' but stops before white space that is
  /// followed by the end, a ';', a comment or another "name=".
  std::string unquoted() {
    const std::size_t start = pos_;
    std::size_t end = pos_;
    std::size_t j = pos_;
    while (j < s_.size() && s_[j] != ';') {
      if (util::is_space(s_[j])) {
        std::size_t k = j;
        while (k < s_.size() && util::is_space(s_[k])) ++k;
        if (k == s_.size() || s_[k] == ';' || s_[k] == '(' || param_at(k)) break;
        j = k;
        continue;
      }
      end = ++j;
    }
    pos_ = j;
    return std::string(s_.substr(start, end - start));
  }

  static void record(Collection& out, std::string name, std::string value) {
    // name*  |  name*N  |  name*N*
    const std::size_t star = name.find('*');
    if (star == std::string::npos || star == 0) {
      Collected& c = out[name];
      if (!c.has_plain) {
        c.has_plain = true;
        c.plain = std::move(value);
      }
      return;
    }
    const std::string base = name.substr(0, star);
    std::string_view rest = std::string_view(name).substr(star + 1);
    if (rest.empty()) {
      Collected& c = out[base];
      if (!c.has_extended) {
        c.has_extended = true;
        c.extended = std::move(value);
      }
      return;
    }
    bool encoded = false;
    if (rest.back() == '*') {
      encoded = true;
      rest.remove_suffix(1);
    }
    if (rest.empty() || rest.size() > 4) return;  // not a section number we take
    unsigned number = 0;
    for (char c : rest) {
      if (!util::is_digit(c)) {  // "a*b": not RFC 2231, keep as a plain parameter
        Collected& p = out[name];
        if (!p.has_plain) {
          p.has_plain = true;
          p.plain = std::move(value);
        }
        return;
      }
      number = number * 10 + static_cast<unsigned>(c - '0');
    }
    out[base].sections.emplace(number, Section{std::move(value), encoded});
  }

  static void percent_decode(std::string_view in, std::string& out) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '%' && i + 2 < in.size() && util::hex_value(in[i + 1]) >= 0 &&
          util::hex_value(in[i + 2]) >= 0) {
        out.push_back(static_cast<char>(util::hex_value(in[i + 1]) * 16 + util::hex_value(in[i + 2])));
        i += 2;
      } else {
        out.push_back(in[i]);
      }
    }
  }

  /// Splits "charset'language'text" into charset and text (no quotes: no charset).
  static std::string_view split_charset(std::string_view v, std::string& charset) {
    const std::size_t q1 = v.find('\'');
    if (q1 == std::string_view::npos) return v;
    const std::size_t q2 = v.find('\'', q1 + 1);
    if (q2 == std::string_view::npos) return v;
    charset = std::string(v.substr(0, q1));
    return v.substr(q2 + 1);
  }

  static std::string finish(const Collected& c) {
    std::string charset;
    std::string bytes;
    if (c.has_extended) {
      percent_decode(split_charset(c.extended, charset), bytes);
      return to_utf8(bytes, charset);
    }
    if (!c.sections.empty()) {
      bool first = true;
      for (const auto& [number, section] : c.sections) {
        std::string_view raw = section.raw;
        if (first && section.encoded) raw = split_charset(raw, charset);
        first = false;
        if (section.encoded) {
          percent_decode(raw, bytes);
        } else {
          bytes.append(raw);
        }
      }
      return to_utf8(bytes, charset);
    }
    return sanitize_utf8(c.plain);
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string ContentType::param(const std::string& name) const {
  auto it = params.find(util::to_lower(name));
  return it == params.end() ? std::string() : it->second;
}

ContentType parse_content_type(std::string_view value) {
  try {
    return Parser(value).run();
  } catch (...) {  // only allocation failure can get here
    return ContentType{};
  }
}

}  // namespace bouncekit::mime
