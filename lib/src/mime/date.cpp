// date.cpp — to_iso8601_utc: RFC 5322 dates and the usual sloppy variants.
//
// Accepted, in any mix: an optional weekday; day, month name (English, any
// case, abbreviated or full) and year in either order ("18 Sep 2008",
// "Sep 18, 2008", "18-Sep-08"); ISO "2008-09-18" (or 2008/09/18) with a space
// or 'T' before the time; asctime "Thu Sep 18 17:54:04 2008". A time
// (H:MM, H:MM:SS, fractions ignored, AM/PM honoured) is required. Zones:
// +hhmm/-hhmm (also +hh:mm, +hh), UT/UTC/GMT/Z, the RFC 822 US zones, a few
// unambiguous common names (JST, CET, ...), military letters (as +0000, as
// RFC 5322 advises); no zone means UTC. Comments in parentheses are ignored.
// Two-digit years: < 50 is 20xx, else 19xx; three-digit years add 1900.
// The result is UTC "YYYY-MM-DDTHH:MM:SSZ", or "" when the text is not a date
// or the UTC year is outside 1900..2200. Never throws.
#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "bouncekit/mime.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {

struct Token {
  enum Kind { kWord, kNumber, kTime, kZone, kIsoDate } kind = kWord;
  std::string_view text;  ///< kWord
  long value = 0;         ///< kNumber (capped)
  int digits = 0;         ///< kNumber
  int a = 0, b = 0, c = 0;  ///< kTime h/m/s, kIsoDate y/m/d
  int zone = 0;             ///< kZone: offset in minutes
  bool valid = true;        ///< kZone, kTime: in range
};

constexpr std::size_t kMaxTokens = 48;

/// Up to kMaxTokens items on the stack, left uninitialised until pushed: a date is parsed for
/// every bounce and every returned message, and growing vectors was a third of its cost.
template <typename T>
class Bounded {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  bool full() const { return count_ == kMaxTokens; }
  bool empty() const { return count_ == 0; }
  std::size_t size() const { return count_; }
  // No room check: the lexer stops at full(), and the other lists hold some of its tokens.
  void push_back(const T& t) { std::construct_at(&slots_[count_++].value, t); }
  const T& operator[](std::size_t i) const { return slots_[i].value; }
  const T& back() const { return slots_[count_ - 1].value; }

 private:
  union Slot {
    Slot() {}  // no initialisation
    T value;
  };
  static_assert(sizeof(Slot) == sizeof(T));
  std::array<Slot, kMaxTokens> slots_;
  std::size_t count_ = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  void run(Bounded<Token>& out) {
    bool after_space = true;
    while (i_ < s_.size() && !out.full()) {
      const char c = s_[i_];
      if (util::is_space(c) || c == ',') {
        ++i_;
        after_space = true;
      } else if (c == '(') {
        skip_comment();
        after_space = true;
      } else if (util::is_digit(c)) {
        out.push_back(number_like());
        after_space = false;
      } else if ((c == '+' || c == '-') && i_ + 1 < s_.size() && util::is_digit(s_[i_ + 1]) &&
                 (c == '+' || after_space || (!out.empty() && out.back().kind == Token::kTime))) {
        ++i_;
        out.push_back(zone(c == '-' ? -1 : 1));
        after_space = false;
      } else if (util::is_alpha(c)) {
        // ISO 'T' between date and time
        if ((c == 'T' || c == 't') && !after_space && !out.empty() && i_ + 1 < s_.size() &&
            util::is_digit(s_[i_ + 1]) &&
            (out.back().kind == Token::kIsoDate || out.back().kind == Token::kNumber)) {
          ++i_;
          continue;
        }
        const std::size_t start = i_;
        while (i_ < s_.size() && util::is_alpha(s_[i_])) ++i_;
        Token t;
        t.kind = Token::kWord;
        t.text = s_.substr(start, i_ - start);
        out.push_back(t);
        after_space = false;
      } else {
        ++i_;  // '-', '/', '.', and anything else: a separator
      }
    }
  }

 private:
  void skip_comment() {
    int depth = 0;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '\\') {
        if (i_ < s_.size()) ++i_;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        return;
      }
    }
  }

  /// Reads up to `max` digits; returns the count read.
  int digits(long& value, int max) {
    value = 0;
    int n = 0;
    while (i_ < s_.size() && util::is_digit(s_[i_]) && n < max) {
      value = value * 10 + (s_[i_] - '0');
      ++i_;
      ++n;
    }
    return n;
  }

  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool digit_after() const { return i_ + 1 < s_.size() && util::is_digit(s_[i_ + 1]); }

  Token number_like() {
    Token t;
    long v = 0;
    int n = digits(v, 9);
    if (i_ < s_.size() && util::is_digit(s_[i_])) {  // absurdly long number
      while (i_ < s_.size() && util::is_digit(s_[i_])) ++i_;
      n = 99;
    }
    if (n <= 2 && at(':') && digit_after()) {  // time
      t.kind = Token::kTime;
      t.a = static_cast<int>(v);
      ++i_;
      long m = 0;
      const int mn = digits(m, 2);
      t.b = static_cast<int>(m);
      long sec = 0;
      int sn = 2;
      if (at(':') && digit_after()) {
        ++i_;
        sn = digits(sec, 2);
        if ((at('.') || at(',')) && digit_after()) {
          ++i_;
          while (i_ < s_.size() && util::is_digit(s_[i_])) ++i_;
        }
      }
      t.c = static_cast<int>(sec);
      t.valid = mn == 2 && sn == 2 && !(i_ < s_.size() && util::is_digit(s_[i_]));
      return t;
    }
    if (n == 4 && (at('-') || at('/')) && digit_after()) {  // ISO date
      const char sep = s_[i_];
      const std::size_t save = i_;
      ++i_;
      long mo = 0;
      long d = 0;
      const int mn = digits(mo, 2);
      if (mn > 0 && at(sep) && digit_after()) {
        ++i_;
        const int dn = digits(d, 2);
        if (dn > 0 && !(i_ < s_.size() && util::is_digit(s_[i_]))) {
          t.kind = Token::kIsoDate;
          t.a = static_cast<int>(v);
          t.b = static_cast<int>(mo);
          t.c = static_cast<int>(d);
          return t;
        }
      }
      i_ = save;
    }
    t.kind = Token::kNumber;
    t.value = v;
    t.digits = n;
    return t;
  }

  Token zone(int sign) {
    Token t;
    t.kind = Token::kZone;
    long v = 0;
    const int n = digits(v, 5);
    long h = 0;
    long m = 0;
    if (n == 4 || n == 3) {
      h = v / 100;
      m = v % 100;
    } else if (n <= 2) {
      h = v;
      if (at(':') && digit_after()) {
        ++i_;
        if (digits(m, 2) != 2) t.valid = false;
      }
    } else {
      t.valid = false;
    }
    if (i_ < s_.size() && util::is_digit(s_[i_])) t.valid = false;
    if (h > 23 || m > 59) t.valid = false;
    t.zone = sign * static_cast<int>(h * 60 + m);
    return t;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

int month_of(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (w.size() < 3) return 0;
  for (std::size_t m = 0; m < kNames.size(); ++m) {
    const std::string_view full = kNames[m];
    if (w.size() > full.size() || util::ascii_lower(w[0]) != full[0]) continue;  // the first byte: cheap
    if (util::iequals(w, full.substr(0, w.size())) && (w.size() == 3 || w.size() == full.size() ||
                                                         (m == 8 && w.size() == 4)))
      return static_cast<int>(m) + 1;
  }
  return 0;
}

bool zone_name(std::string_view w, int& minutes) {
  struct Named {
    std::string_view name;
    int minutes;
  };
  static constexpr std::array<Named, 32> kZones = {{
      {"ut", 0},      {"utc", 0},     {"gmt", 0},     {"z", 0},       {"est", -300},  {"edt", -240},
      {"cst", -360},  {"cdt", -300},  {"mst", -420},  {"mdt", -360},  {"pst", -480},  {"pdt", -420},
      {"jst", 540},   {"kst", 540},   {"hkt", 480},   {"sgt", 480},   {"cet", 60},    {"cest", 120},
      {"met", 60},    {"mest", 120},  {"bst", 60},    {"wet", 0},     {"west", 60},   {"eet", 120},
      {"eest", 180},  {"msk", 180},   {"aest", 600},  {"aedt", 660},  {"nzst", 720},  {"nzdt", 780},
      {"hst", -600},  {"akst", -540},
  }};
  if (w.empty()) return false;
  const char first = util::ascii_lower(w[0]);
  for (const Named& z : kZones)
    if (z.name[0] == first && util::iequals(w, z.name)) {
      minutes = z.minutes;
      return true;
    }
  if (w.size() == 1 && util::ascii_lower(w[0]) != 'j') {  // military zones: meaning unreliable
    minutes = 0;
    return true;
  }
  return false;
}

std::string parse_date(std::string_view text) {
  Bounded<Token> tokens;
  Lexer(text).run(tokens);
  int month_word = 0;
  const Token* time = nullptr;
  const Token* iso = nullptr;
  const Token* numeric_zone = nullptr;
  bool named_zone = false;
  int named_minutes = 0;
  int ampm = 0;  // 1 am, 2 pm
  Bounded<const Token*> numbers;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    switch (t.kind) {
      case Token::kWord: {
        int minutes = 0;
        if (const int m = month_of(t.text); m != 0) {
          if (month_word == 0) month_word = m;
        } else if (util::iequals(t.text, "am") || util::iequals(t.text, "pm")) {
          if (ampm == 0) ampm = util::iequals(t.text, "am") ? 1 : 2;
        } else if (zone_name(t.text, minutes)) {
          if (!named_zone) {
            named_zone = true;
            named_minutes = minutes;
          }
        }
        break;
      }
      case Token::kNumber:
        if (t.digits <= 4) numbers.push_back(&t);
        break;
      case Token::kTime:
        if (!time) time = &t;
        break;
      case Token::kZone:
        if (!numeric_zone) numeric_zone = &t;
        break;
      case Token::kIsoDate:
        if (!iso) iso = &t;
        break;
    }
  }
  if (!time || !time->valid) return {};
  if (numeric_zone && !numeric_zone->valid) return {};

  int y = 0;
  int mo = 0;
  int d = 0;
  if (iso) {
    y = iso->a;
    mo = iso->b;
    d = iso->c;
  } else {
    if (month_word == 0) return {};
    mo = month_word;
    const Token* year_tok = nullptr;
    Bounded<const Token*> small;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      const Token* n = numbers[i];
      if (n->digits >= 3 || n->value > 31) {
        if (!year_tok) year_tok = n;
      } else {
        small.push_back(n);
      }
    }
    if (small.empty()) return {};
    d = static_cast<int>(small[0]->value);
    if (!year_tok) {
      if (small.size() < 2) return {};
      year_tok = small[1];
    }
    y = static_cast<int>(year_tok->value);
    if (year_tok->digits <= 2) {
      y += y < 50 ? 2000 : 1900;
    } else if (year_tok->digits == 3) {
      y += 1900;
    }
  }

  int h = time->a;
  const int mi = time->b;
  int s = time->c;
  if (ampm != 0) {
    if (h < 1 || h > 12) return {};
    h = (h % 12) + (ampm == 2 ? 12 : 0);
  }
  if (h > 23 || mi > 59 || s > 60) return {};
  if (s == 60) s = 59;  // leap second: stay in the same minute
  const int offset = numeric_zone ? numeric_zone->zone : (named_zone ? named_minutes : 0);

  using namespace std::chrono;
  if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31) return {};
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return {};
  const sys_seconds local = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
  const sys_seconds utc = local - minutes{offset};
  const sys_days day_point = floor<days>(utc);
  const year_month_day out{day_point};
  const hh_mm_ss<seconds> hms{utc - day_point};
  const int oy = static_cast<int>(out.year());
  if (oy < 1900 || oy > 2200) return {};
  // "YYYY-MM-DDTHH:MM:SSZ" by hand: snprintf was a tenth of the cost of a date (called
  // for every bounce and every returned message).
  std::string iso_text = "0000-00-00T00:00:00Z";
  auto put = [&iso_text](std::size_t at, unsigned value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10)
      iso_text[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(oy), 4);
  put(5, static_cast<unsigned>(out.month()), 2);
  put(8, static_cast<unsigned>(out.day()), 2);
  put(11, static_cast<unsigned>(hms.hours().count()), 2);
  put(14, static_cast<unsigned>(hms.minutes().count()), 2);
  put(17, static_cast<unsigned>(hms.seconds().count()), 2);
  return iso_text;
}

}  // namespace

std::string to_iso8601_utc(std::string_view date) {
  try {
    return parse_date(date);
  } catch (...) {  // only allocation failure can get here
    return {};
  }
}

}  // namespace bouncekit::mime
