// bouncekit/shared_text.hpp — an immutable text that copies of a record share.
//
// The records of one bounce often carry the same text: one diagnostic a notice gives to every
// recipient, the returned message's subject, Message-ID and To in each record. Held as
// std::string, each record kept its own copy, and a message naming 10,000 recipients took its
// shared texts 10,000 times (docs/limits.md). A SharedText is a pointer to one immutable string:
// copying it copies the pointer. It reads like a `const std::string` (it converts to
// `const std::string&` and to `std::string_view`); it is changed only by assigning a new text.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace bouncekit {

class SharedText {
 public:
  SharedText() noexcept = default;
  // Implicit, so that `record.diagnostic = text;` reads as it did with a std::string.
  SharedText(std::string text)  // NOLINT(google-explicit-constructor)
      : text_(text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text))) {}
  SharedText(std::string_view text) : SharedText(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  SharedText(const char* text) : SharedText(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)

  /// The text ("" when empty).
  const std::string& str() const noexcept { return text_ ? *text_ : empty_string(); }
  operator const std::string&() const noexcept { return str(); }  // NOLINT(google-explicit-constructor)
  operator std::string_view() const noexcept { return str(); }    // NOLINT(google-explicit-constructor)

  bool empty() const noexcept { return !text_; }
  std::size_t size() const noexcept { return str().size(); }
  const char* data() const noexcept { return str().data(); }
  const char* c_str() const noexcept { return str().c_str(); }
  std::string::const_iterator begin() const noexcept { return str().begin(); }
  std::string::const_iterator end() const noexcept { return str().end(); }
  char operator[](std::size_t i) const noexcept { return str()[i]; }
  char front() const noexcept { return str().front(); }
  char back() const noexcept { return str().back(); }
  std::size_t find(std::string_view s, std::size_t from = 0) const noexcept { return str().find(s, from); }
  std::size_t find(char c, std::size_t from = 0) const noexcept { return str().find(c, from); }
  std::size_t rfind(std::string_view s, std::size_t from = std::string::npos) const noexcept {
    return str().rfind(s, from);
  }
  bool starts_with(std::string_view s) const noexcept { return std::string_view(str()).starts_with(s); }
  bool ends_with(std::string_view s) const noexcept { return std::string_view(str()).ends_with(s); }
  std::string substr(std::size_t from = 0, std::size_t n = std::string::npos) const { return str().substr(from, n); }

  /// True if both hold the very same string (not only equal texts).
  bool shares(const SharedText& other) const noexcept { return text_ == other.text_; }

  friend bool operator==(const SharedText& a, const SharedText& b) noexcept {
    return a.text_ == b.text_ || a.str() == b.str();
  }
  friend bool operator==(const SharedText& a, const std::string& b) noexcept { return a.str() == b; }
  friend bool operator==(const SharedText& a, std::string_view b) noexcept { return a.str() == b; }
  friend bool operator==(const SharedText& a, const char* b) noexcept { return a.str() == b; }
  friend std::ostream& operator<<(std::ostream& out, const SharedText& t) { return out << t.str(); }

 private:
  static const std::string& empty_string() noexcept {
    static const std::string empty;
    return empty;
  }
  std::shared_ptr<const std::string> text_;
};

}  // namespace bouncekit
