#include "source/mbox.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace bouncekit::source::detail {

namespace {

constexpr std::string_view kPostmark = "From ";
constexpr std::size_t kMaxSenderBytes = 1024;

bool is_postmark(std::string_view line) { return line.starts_with(kPostmark); }

// mboxrd quoting: ">From ", ">>From ", ... lose one '>' when read.
bool is_quoted_postmark(std::string_view line) {
  if (line.empty() || line.front() != '>') return false;
  std::size_t i = line.find_first_not_of('>');
  return i != std::string_view::npos && line.substr(i).starts_with(kPostmark);
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Value of a "Content-Length: N" header line, if it is a plain number.
std::optional<std::uint64_t> content_length(std::string_view line) {
  constexpr std::string_view name = "content-length:";
  if (!util::starts_with_ci(line, name)) return std::nullopt;
  std::string_view v = line.substr(name.size());
  while (!v.empty() && is_blank(v.front())) v.remove_prefix(1);
  while (!v.empty() && is_blank(v.back())) v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    if (n > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

// Second token of a "From sender date..." line.
std::string_view postmark_sender(std::string_view line) {
  std::string_view rest = line.substr(kPostmark.size());
  std::size_t b = 0;
  while (b < rest.size() && is_blank(rest[b])) ++b;
  std::size_t e = b;
  while (e < rest.size() && !is_blank(rest[e])) ++e;
  return rest.substr(b, e - b);
}

// True if what follows the sender on a "From " line is an asctime date
// ("Thu Jul  2 12:05:05 2020"), as every mbox writer puts there. Such a line
// separates messages even without an empty line before it: real mailboxes
// are sometimes concatenated without one.
bool has_postmark_date(std::string_view line) {
  std::string_view sender = postmark_sender(line);
  std::string_view rest = line.substr(static_cast<std::size_t>(sender.data() - line.data()) + sender.size());
  while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
  static constexpr std::string_view kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (rest.size() < 16) return false;
  if (std::find(std::begin(kDays), std::end(kDays), rest.substr(0, 3)) == std::end(kDays)) return false;
  rest.remove_prefix(3);
  while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
  if (std::find(std::begin(kMonths), std::end(kMonths), rest.substr(0, 3)) == std::end(kMonths)) return false;
  // A time "hh:mm" somewhere after the day of the month.
  for (std::size_t i = 3; i + 5 <= rest.size() && i < 16; ++i) {
    auto digit = [&](std::size_t k) { return rest[k] >= '0' && rest[k] <= '9'; };
    if (digit(i) && digit(i + 1) && rest[i + 2] == ':' && digit(i + 3) && digit(i + 4)) return true;
  }
  return false;
}

}  // namespace

void MessageSplitter::start(LineReader& reader, std::string path, Kind kind) {
  reader_ = &reader;
  path_ = std::move(path);
  mode_ = Mode::Detect;
  single_only_ = kind == Kind::Single;
  index_ = 0;
  have_separator_ = false;
  have_piece_ = false;
}

bool MessageSplitter::next(RawMessage& out) {
  out.bytes.clear();
  out.envelope_sender.clear();
  out.truncated = false;
  out.origin.path = path_;
  out.origin.index = 1;
  out.origin.offset.reset();

  if (mode_ == Mode::Detect) {
    LinePiece first;
    if (!reader_->next(first)) {
      mode_ = Mode::Done;  // empty input: no message
      return false;
    }
    if (is_postmark(first.text)) {
      take_separator(first);
      mode_ = single_only_ ? Mode::Single : Mode::Mbox;
    } else {
      piece_ = first;
      have_piece_ = true;
      mode_ = Mode::Single;
    }
  }
  switch (mode_) {
    case Mode::Mbox:
      return next_mbox(out);
    case Mode::Single:
      return next_single(out);
    case Mode::Detect:
    case Mode::Done:
      break;
  }
  return false;
}

void MessageSplitter::take_separator(const LinePiece& first_piece) {
  have_separator_ = true;
  separator_offset_ = first_piece.offset;
  std::string_view sender = postmark_sender(first_piece.text);
  separator_sender_.assign(sender.substr(0, kMaxSenderBytes));
  // The sender may go on in the next piece if the line is longer than the reader's buffer.
  bool open_token = !sender.empty() && sender.end() == first_piece.text.end();
  LinePiece p = first_piece;
  while (!p.eol && reader_->next(p)) {
    if (!open_token) continue;
    std::size_t n = 0;
    while (n < p.text.size() && !is_blank(p.text[n])) ++n;
    if (separator_sender_.size() < kMaxSenderBytes) {
      separator_sender_.append(p.text.substr(0, std::min(n, kMaxSenderBytes - separator_sender_.size())));
    }
    open_token = n == p.text.size();
  }
}

void MessageSplitter::append(RawMessage& out, std::string_view bytes) {
  std::size_t room = max_bytes_ - out.bytes.size();
  if (bytes.size() <= room) {
    out.bytes.append(bytes);
  } else {
    out.bytes.append(bytes.data(), room);
    out.truncated = true;
  }
}

void MessageSplitter::append_newline(RawMessage& out) {
  if (out.bytes.size() < max_bytes_) {
    out.bytes.push_back('\n');
  } else {
    out.truncated = true;
  }
}

bool MessageSplitter::next_single(RawMessage& out) {
  mode_ = Mode::Done;
  if (have_separator_) {  // a Maildir file that starts with a "From " line
    out.envelope_sender = separator_sender_;
    have_separator_ = false;
  }
  if (have_piece_) {
    have_piece_ = false;
    append(out, piece_.text);
    if (piece_.eol) append_newline(out);
  }
  LinePiece p;
  while (reader_->next(p)) {
    append(out, p.text);
    if (p.eol) append_newline(out);
  }
  return true;
}

// One mbox message: from just after its "From " line up to the next separator.
// A "From " line separates only at the start of the stream, right after an
// empty line or when it carries a postmark date, and not inside the body length announced by Content-Length
// (mboxcl2 does not quote "From " in bodies). The empty line before a
// separator (or before the end of the stream) belongs to the mbox format and
// is dropped.
bool MessageSplitter::next_mbox(RawMessage& out) {
  if (!have_separator_) {
    mode_ = Mode::Done;
    return false;
  }
  have_separator_ = false;
  ++index_;
  out.origin.index = index_;
  out.origin.offset = separator_offset_;
  out.envelope_sender = separator_sender_;

  bool in_headers = true;
  std::optional<std::uint64_t> length;  // Content-Length of the body, if announced
  std::uint64_t body = 0;               // body bytes seen so far (LF line ends, before unquoting)
  bool prev_empty = false;
  bool pending_blank = false;  // an empty line not yet written: dropped if a separator follows
  bool line_in_body = false;

  LinePiece p;
  while (reader_->next(p)) {
    std::string_view text = p.text;
    if (p.first) {
      if (is_postmark(text) && (prev_empty || has_postmark_date(text)) && !(length && body < *length)) {
        take_separator(p);
        return true;
      }
      line_in_body = !in_headers;
      bool empty = p.eol && text.empty();
      if (in_headers) {
        if (empty) {
          in_headers = false;
        } else if (!length) {
          length = content_length(text);
        }
      }
      if (pending_blank) {
        append_newline(out);
        pending_blank = false;
      }
      if (empty) {
        pending_blank = true;
        prev_empty = true;
        if (line_in_body) ++body;
        continue;
      }
      prev_empty = false;
      if (is_quoted_postmark(text)) text.remove_prefix(1);
    }
    if (line_in_body) body += p.text.size() + (p.eol ? 1 : 0);
    append(out, text);
    if (p.eol) append_newline(out);
  }
  mode_ = Mode::Done;
  return true;
}

}  // namespace bouncekit::source::detail
