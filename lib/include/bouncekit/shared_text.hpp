// bouncekit/shared_text.hpp — an immutable text that copies of a record share.
//
// The records of one bounce often carry the same text: one diagnostic a notice gives to every
// recipient, the returned message's subject, Message-ID and To, the bounce's origin and
// fingerprint, the verdict's words (reason, bounce, evidence) in each record. Held as
// std::string, each record kept its own copy, and a message naming 10,000 recipients took its
// shared texts 10,000 times (docs/limits.md). A SharedText is one pointer (8 bytes, where a
// std::string takes 32) to one immutable string with a reference count: copying it copies the
// pointer. A permanent text (a word of a fixed table, SharedText::permanent) is never counted or
// freed, so the threads that copy it never write to it. It reads like a `const std::string` (it
// converts to `const std::string&` and to `std::string_view`); it is changed only by assigning a
// new text.
#pragma once

#include <atomic>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace bouncekit {

class SharedText {
 public:
  SharedText() noexcept = default;
  // Implicit, so that `record.diagnostic = text;` reads as it did with a std::string.
  SharedText(std::string text)  // NOLINT(google-explicit-constructor)
      : block_(text.empty() ? nullptr : new Block(std::move(text), false)) {}
  SharedText(std::string_view text) : SharedText(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  SharedText(const char* text) : SharedText(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)

  SharedText(const SharedText& other) noexcept : block_(other.block_) { retain(); }
  SharedText(SharedText&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  SharedText& operator=(const SharedText& other) noexcept {
    SharedText(other).swap(*this);
    return *this;
  }
  SharedText& operator=(SharedText&& other) noexcept {
    SharedText(std::move(other)).swap(*this);
    return *this;
  }
  ~SharedText() { release(); }
  void swap(SharedText& other) noexcept { std::swap(block_, other.block_); }

  /// A text that lives until the process ends, for the words of fixed tables: make it once (a
  /// function-local static) and copy it. Its copies are never counted: threads share it for free.
  static SharedText permanent(std::string_view text) {
    SharedText t;
    if (!text.empty()) t.block_ = new Block(std::string(text), true);  // never freed, by design
    return t;
  }

  /// The text ("" when empty).
  const std::string& str() const noexcept { return block_ ? block_->text : empty_string(); }
  operator const std::string&() const noexcept { return str(); }  // NOLINT(google-explicit-constructor)
  operator std::string_view() const noexcept { return str(); }    // NOLINT(google-explicit-constructor)

  bool empty() const noexcept { return !block_; }
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
  bool shares(const SharedText& other) const noexcept { return block_ == other.block_; }

  friend bool operator==(const SharedText& a, const SharedText& b) noexcept {
    return a.block_ == b.block_ || a.str() == b.str();
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
  struct Block {
    Block(std::string t, bool is_permanent) : text(std::move(t)), permanent(is_permanent) {}
    const std::string text;
    std::atomic<std::size_t> references{1};
    const bool permanent;
  };
  void retain() const noexcept {
    if (block_ && !block_->permanent) block_->references.fetch_add(1, std::memory_order_relaxed);
  }
  void release() noexcept {
    // (acq_rel: the last owner must see every other owner's reads done before it frees the text)
    if (block_ && !block_->permanent && block_->references.fetch_sub(1, std::memory_order_acq_rel) == 1) delete block_;
  }
  Block* block_ = nullptr;
};

/// Makes one SharedText per run of equal texts: a text equal to the last one it was given is
/// returned as that one's copy (a pointer copy) instead of a new string. For a field that the
/// records of one message fill one by one with what is usually the same value (a timestamp, the
/// rule that decided a verdict): equal neighbours share without the caller keeping track.
class TextReuse {
 public:
  const SharedText& operator()(std::string_view text) {
    if (last_.str() != text) last_ = SharedText(text);
    return last_;
  }

 private:
  SharedText last_;
};

}  // namespace bouncekit
