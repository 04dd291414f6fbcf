// Static check of user regexes for nested unbounded repetition (classify/user_rules.hpp).
//
// A backtracking engine (Boost.Regex, Perl syntax: boost.org/libs/regex, "Perl Regular Expression
// Syntax") tries every way of dividing a text between the iterations of a repeated group. When the
// group's body can itself take a run of text in more than one way because of an unbounded
// repetition inside it (a+ inside (a+)+, \w+ next to an optional \s? in (\w+\s?)+), the number of
// divisions grows exponentially with the length of the run, and a near miss tries them all. This
// parser proves only that shape; anything it does not understand it accepts (the run-time budget
// in user_rules.cpp is the backstop).
#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "classify/user_rules.hpp"

namespace bouncekit::classify {
namespace {

constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

// What the analysis needs to know of a piece of pattern.
struct Shape {
  bool nullable = false;    // can match the empty string
  bool splittable = false;  // can match a run of text in several ways through an unbounded repetition
};

class NestingCheck {
 public:
  explicit NestingCheck(std::string_view p) : p_(p) {}

  std::string run() {
    alternation();
    return found_;
  }

 private:
  std::string_view p_;
  std::size_t i_ = 0;
  std::string found_;
  int depth_ = 0;

  bool at(char c) const { return i_ < p_.size() && p_[i_] == c; }

  // branch ('|' branch)*: splittable if a branch is, nullable if a branch is.
  Shape alternation() {
    Shape all = sequence();
    while (at('|')) {
      ++i_;
      Shape s = sequence();
      all.nullable |= s.nullable;
      all.splittable |= s.splittable;
    }
    return all;
  }

  // A sequence is splittable when one of its items is, or repeats without bound, and every other
  // item can match nothing (so the whole run can go to that one item, or be shared out).
  Shape sequence() {
    std::size_t non_nullable = 0, stretchy = 0, stretchy_non_nullable = 0;
    while (i_ < p_.size() && !at('|') && !at(')')) {
      Item it = item();
      if (!it.nullable) ++non_nullable;
      if (it.stretchy) {
        ++stretchy;
        if (!it.nullable) ++stretchy_non_nullable;
      }
    }
    Shape s;
    s.nullable = non_nullable == 0;
    // Some stretchy item with every *other* item nullable.
    s.splittable = stretchy > 0 && (non_nullable == 0 || (non_nullable == 1 && stretchy_non_nullable == 1));
    return s;
  }

  struct Item {
    bool nullable = false;
    bool stretchy = false;  // repeats without bound (and backtracks), or holds a splittable body
  };

  Item item() {
    std::size_t start = i_;
    Shape atom_shape;
    bool zero_width = false, group = false, atomic = false;
    char c = p_[i_];
    if (c == '(') {
      group = true;
      ++i_;
      bool lookaround = false;
      if (at('?')) {
        ++i_;
        if (at('#')) {  // comment
          while (i_ < p_.size() && !at(')')) ++i_;
          if (at(')')) ++i_;
          return {true, false};
        }
        if (at(':')) {
          ++i_;
        } else if (at('>')) {
          ++i_;
          atomic = true;
        } else if (at('=') || at('!')) {
          ++i_;
          lookaround = true;
        } else if (at('<') && i_ + 1 < p_.size() && (p_[i_ + 1] == '=' || p_[i_ + 1] == '!')) {
          i_ += 2;
          lookaround = true;
        } else if (at('<') || at('\'') || at('P')) {  // named group
          while (i_ < p_.size() && !at('>') && !(at('\'') && i_ > start + 2)) ++i_;
          if (i_ < p_.size()) ++i_;
        } else {  // inline flags: (?i) or (?i:...)
          while (i_ < p_.size() && !at(')') && !at(':')) ++i_;
          if (at(')')) {
            ++i_;
            return {true, false};
          }
          if (at(':')) ++i_;
        }
      }
      if (++depth_ > 200) {  // deeper than any rule a person writes: stop analysing
        i_ = p_.size();
        return {};
      }
      atom_shape = alternation();
      --depth_;
      if (at(')')) ++i_;
      if (lookaround) zero_width = true;
    } else if (c == '[') {
      skip_class();
    } else if (c == '\\') {
      ++i_;
      if (i_ < p_.size()) {
        char e = p_[i_++];
        if (e == 'b' || e == 'B' || e == 'A' || e == 'z' || e == 'Z' || e == 'G' || e == 'K' || e == '<' || e == '>')
          zero_width = true;
        if (e == 'Q') {  // literal up to \E
          std::size_t end = p_.find("\\E", i_);
          i_ = end == std::string_view::npos ? p_.size() : end + 2;
        }
      }
    } else if (c == '^' || c == '$') {
      ++i_;
      zero_width = true;
    } else {
      ++i_;
    }
    if (zero_width) atom_shape.nullable = true;
    std::size_t atom_end = i_;

    std::size_t min = 1, max = 1;
    bool possessive = false;
    if (quantifier(min, max)) {
      if (at('+')) {
        ++i_;
        possessive = true;
      } else if (at('?')) {
        ++i_;
      }
    }
    Item it;
    it.nullable = atom_shape.nullable || min == 0;
    bool body_splittable = group && !atomic && !zero_width && atom_shape.splittable;
    bool repeats = max == kUnbounded && !possessive && !zero_width;
    if (repeats && body_splittable && found_.empty())
      found_ = "'" + std::string(p_.substr(start, i_ - start)) + "' repeats without bound a group '" +
               std::string(p_.substr(start, atom_end - start)) +
               "' that can itself match the same text in several ways";
    it.stretchy = (repeats && !(atom_shape.nullable && !group)) || body_splittable;
    if (zero_width) it.stretchy = false;
    return it;
  }

  bool quantifier(std::size_t& min, std::size_t& max) {
    if (at('?')) return ++i_, min = 0, max = 1, true;
    if (at('*')) return ++i_, min = 0, max = kUnbounded, true;
    if (at('+')) return ++i_, min = 1, max = kUnbounded, true;
    if (!at('{')) return false;
    // {n}, {n,}, {n,m}; anything else is a literal brace.
    std::size_t j = i_ + 1, n = 0, m = 0;
    bool digits = false, comma = false, mdigits = false;
    auto number = [&](std::size_t& value, bool& seen) {
      // Capped: only "bounded or not" matters, and a huge count must not overflow.
      for (; j < p_.size() && p_[j] >= '0' && p_[j] <= '9'; ++j, seen = true)
        value = std::min<std::size_t>(value * 10 + static_cast<std::size_t>(p_[j] - '0'), 1000000);
    };
    number(n, digits);
    if (j < p_.size() && p_[j] == ',') {
      comma = true;
      ++j;
      number(m, mdigits);
    }
    if (!digits || j >= p_.size() || p_[j] != '}') return false;
    i_ = j + 1;
    min = n;
    max = !comma ? n : mdigits ? m : kUnbounded;
    return true;
  }

  void skip_class() {
    ++i_;  // '['
    if (at('^')) ++i_;
    if (at(']')) ++i_;  // a leading ']' is literal
    while (i_ < p_.size() && !at(']')) {
      if (at('\\')) {
        i_ += 2;
      } else if (at('[') && i_ + 1 < p_.size() && (p_[i_ + 1] == ':' || p_[i_ + 1] == '.' || p_[i_ + 1] == '=')) {
        std::size_t end = p_.find(std::string{p_[i_ + 1], ']'}, i_ + 2);
        i_ = end == std::string_view::npos ? p_.size() : end + 2;
      } else {
        ++i_;
      }
    }
    if (at(']')) ++i_;
  }
};

}  // namespace

std::string catastrophic_nesting(std::string_view pattern) { return NestingCheck(pattern).run(); }

}  // namespace bouncekit::classify
