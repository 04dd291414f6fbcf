// HTML to text. The element and entity names are those of the HTML Living
// Standard (WHATWG, sections 4 "The elements of HTML" and 13.5 "Named character
// references"); only what bounce notices use is kept: a notice written in HTML
// is a few paragraphs, lists or a table, and we need its words and line breaks.
#include "decode/html_text.hpp"

#include <array>
#include <cstdint>
#include <utility>

#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Elements after which text continues on a new line.
constexpr std::array<std::string_view, 22> kBlockElements{
    "br", "p", "div", "tr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "blockquote", "pre", "hr", "title", "address"};

// Elements whose content is not text a reader sees.
constexpr std::array<std::string_view, 4> kHiddenElements{"script", "style", "head", "template"};

// Named character references that bounce notices use.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kEntities{{
    {"nbsp", " "}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"amp", "&"},
    {"ndash", "\u2013"}, {"mdash", "\u2014"}, {"hellip", "\u2026"}, {"laquo", "\u00ab"},
    {"raquo", "\u00bb"}, {"copy", "\u00a9"},
}};

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::string_view n : names)
    if (name == n) return true;
  return false;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the character reference at html[i] ('&') into `out`; returns its length, 0 if none.
std::size_t entity_at(std::string_view html, std::size_t i, std::string& out) {
  // References are short: the ';' is looked for in the next few bytes only (linear on "&&&&...").
  std::size_t semi = html.substr(i, 12).find(';');
  if (semi == std::string_view::npos) return 0;
  semi += i;
  std::string_view name = html.substr(i + 1, semi - i - 1);
  if (name.size() > 1 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t cp = 0;
    for (char c : digits) {
      int v = util::is_digit(c) ? c - '0' : (hex && util::is_alpha(c)) ? (util::ascii_lower(c) - 'a' + 10) : -1;
      if (v < 0 || v >= (hex ? 16 : 10)) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      if (cp > 0x10FFFF) cp = 0x110000;  // stays out of range, never overflows
    }
    append_utf8(out, cp);
    return semi - i + 1;
  }
  std::string lower = util::to_lower(name);
  for (auto [entity, text] : kEntities)
    if (lower == entity) {
      out.append(text);
      return semi - i + 1;
    }
  return 0;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  const std::string lower = util::to_lower(html);  // for case-insensitive searches of closing tags
  std::string out;
  out.reserve(html.size());
  bool pre = false;  // inside <pre>: line breaks of the source are kept
  // A line break (`line_start`: only if not at the start of a line); at most one blank line in a
  // row, none at the start.
  auto newline = [&out](bool line_start) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.empty() || (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')) return;
    if (line_start && out.back() == '\n') return;
    out.push_back('\n');
  };
  for (std::size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      if (lower.compare(i, 4, "<!--") == 0) {
        std::size_t end = lower.find("-->", i + 4);
        if (end == std::string::npos) break;
        i = end + 3;
        continue;
      }
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = std::string_view(lower).substr(i + 1, end - i - 1);
      bool closing = !tag.empty() && tag.front() == '/';
      if (closing) tag.remove_prefix(1);
      std::size_t name_end = 0;
      while (name_end < tag.size() && (util::is_alpha(tag[name_end]) || util::is_digit(tag[name_end]))) ++name_end;
      std::string_view name = tag.substr(0, name_end);
      i = end + 1;
      if (!closing && is_one_of(name, kHiddenElements) && !tag.ends_with("/")) {
        // Skip to the matching close tag: "</script", "</style"...
        std::string close = "</" + std::string(name);
        std::size_t at = lower.find(close, i);
        if (at == std::string::npos) break;
        std::size_t gt = lower.find('>', at);
        if (gt == std::string::npos) break;
        i = gt + 1;
      } else if (is_one_of(name, kBlockElements)) {
        if (name == "pre") pre = !closing;
        // <br> always breaks a line (two make a blank line); a paragraph or heading begins after
        // a blank line; the other blocks only on a line of their own.
        newline(name != "br");
        bool heading = name.size() == 2 && name[0] == 'h' && util::is_digit(name[1]);
        if (!closing && (name == "p" || heading)) newline(false);
      } else if ((name == "td" || name == "th") && !out.empty() && out.back() != ' ' && out.back() != '\n') {
        out.push_back(' ');
      }
    } else if (c == '&') {
      std::size_t used = entity_at(html, i, out);
      if (used == 0) {
        out.push_back(c);
        ++i;
      } else {
        i += used;
      }
    } else if (pre && c == '\n') {
      newline(false);
      ++i;
    } else if (pre && c != '\r') {
      out.push_back(c);  // inside <pre>, blanks are kept as they are
      ++i;
    } else if (util::is_space(c)) {
      // Outside <pre>, a run of white space (line breaks of the source included) is one blank.
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      ++i;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace bouncekit::decode
