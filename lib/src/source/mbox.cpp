#include "source/mbox.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <cstring>
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

// Bytes a piece takes with LF line ends: how Content-Length counts.
std::uint64_t lf_size(const LinePiece& p) { return p.text.size() + (p.eol ? 1 : 0); }

// A "From " line that ends the message before it, Content-Length aside.
bool would_separate(const LinePiece& p, bool after_empty_line) {
  return p.first && is_postmark(p.text) && (after_empty_line || has_postmark_date(p.text));
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
  ahead_.clear();
  ahead_bytes_ = 0;
  input_done_ = false;
  pulled_lf_ = 0;
  frontier_lf_ = 0;
}

bool MessageSplitter::pull(LinePiece& piece) {
  if (ahead_.empty()) {
    if (!reader_->next(piece)) {
      input_done_ = true;
      return false;
    }
    pulled_lf_ = frontier_lf_;
    frontier_lf_ += lf_size(piece);
    return true;
  }
  ahead_bytes_ -= held_size(ahead_.front());
  current_ = std::move(ahead_.front());
  ahead_.pop_front();
  piece = view(current_);
  pulled_lf_ = current_.lf;
  return true;
}

// False at the end of the input, or when what is held already passes the limit.
bool MessageSplitter::read_ahead() {
  LinePiece p;
  if (ahead_bytes_ > max_bytes_) return false;
  if (!reader_->next(p)) {
    input_done_ = true;
    return false;
  }
  ahead_.push_back({std::string(p.text), p.offset, p.first, p.eol, frontier_lf_});
  ahead_bytes_ += held_size(ahead_.back());
  frontier_lf_ += lf_size(p);
  return true;
}

LinePiece MessageSplitter::view(const OwnedPiece& q) {
  LinePiece p;
  p.text = q.text;
  p.offset = q.offset;
  p.first = q.first;
  p.eol = q.eol;
  return p;
}

// A piece straight from the reader points into its buffer, which reading
// ahead overwrites.
void MessageSplitter::own(LinePiece& piece) {
  current_ = {std::string(piece.text), piece.offset, piece.first, piece.eol, pulled_lf_};
  piece = view(current_);
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
    if (!pull(first)) {
      mode_ = Mode::Done;
      // An empty mailbox or file holds no message; an empty file in a Maildir is one (empty)
      // message, so that it is counted (as undecodable) rather than lost.
      return single_only_;
    }
    if (is_postmark(first.text)) {
      take_separator(first);
      mode_ = single_only_ ? Mode::Single : Mode::Mbox;
    } else if (is_quoted_postmark(first.text)) {
      // A single message that opens with a quoted postmark line (">From sender date", saved by
      // a tool that quoted its "From " line): never a header field, and left in place it would
      // make the whole header block read as body. Dropped, as in an mbox (consume()).
      LinePiece rest = first;
      while (!rest.eol && pull(rest)) {
      }
      mode_ = Mode::Single;
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
  while (!p.eol && pull(p)) {
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
  for (;;) {
    take_plain_lines(out);
    if (!pull(p)) break;
    append(out, p.text);
    if (p.eol) append_newline(out);
  }
  return true;
}

// Fast path of next_single: every whole LF line the reader holds, in one piece.
void MessageSplitter::take_plain_lines(RawMessage& out) {
  if (line_by_line_ || !ahead_.empty()) return;
  std::string_view bytes = reader_->plain_lines();
  const void* last = bytes.empty() ? nullptr : ::memrchr(bytes.data(), '\n', bytes.size());
  if (!last) return;
  std::size_t n = static_cast<std::size_t>(static_cast<const char*>(last) - bytes.data()) + 1;
  append(out, bytes.substr(0, n));
  reader_->skip(n);
  frontier_lf_ += n;
}

// One mbox message: from just after its "From " line up to the next separator.
// A "From " line separates only at the start of the stream, right after an
// empty line or when it carries a postmark date. The empty line before a
// separator (or before the end of the stream) belongs to the mbox format and
// is dropped.
//
// Content-Length (mboxcl2 leaves "From " in bodies unquoted) keeps such a
// line in the body, but only if the length proves right: bounces often carry
// a wrong one, copied from the mail they return, and trusting it blindly
// swallowed the messages after it. So at the first would-be separator inside
// the length we read ahead to the announced end (see separator_at). If the
// length is wrong there, the message ends at the would-be separator, and what
// was read ahead is read again, from the queue, as the next message(s).
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

  MessageState s;
  LinePiece p;
  for (;;) {
    take_plain_lines(s, out);
    if (!pull(p)) break;
    if (would_separate(p, s.prev_empty) && !kept_by_length(s, p)) {
      take_separator(p);
      return true;
    }
    consume(s, p, out);
  }
  mode_ = Mode::Done;
  return true;
}

// Fast path of next_mbox: takes, in one piece, the whole lines the reader already holds
// that consume() would copy unchanged and that cannot separate. It stops before a "From "
// line, a quoted ">From " line, a line with a CR, the empty line that ends the headers, a
// Content-Length header still to be read, and the first line that is not whole in the
// buffer; next_mbox hands those to consume() one by one. Empty lines in the body are
// taken, but the last one stays pending as consume() leaves it: it is dropped if a
// separator or the end of the input follows.
void MessageSplitter::take_plain_lines(MessageState& s, RawMessage& out) {
  if (line_by_line_ || !ahead_.empty()) return;
  std::string_view bytes = reader_->plain_lines();
  const bool watch_length = s.in_headers && !s.length;
  std::size_t n = 0;  // bytes of whole plain lines
  bool last_empty = false;
  while (n < bytes.size()) {
    const char* start = bytes.data() + n;
    const void* lf = std::memchr(start, '\n', bytes.size() - n);
    if (!lf) break;
    std::string_view line(start, static_cast<std::size_t>(static_cast<const char*>(lf) - start));
    if (line.empty()) {
      if (s.in_headers) break;
    } else if (line[0] == 'F' || line[0] == '>' || line[0] == 'c' || line[0] == 'C') {  // rare: look closer
      if (is_postmark(line) || is_quoted_postmark(line) || (watch_length && content_length(line))) break;
    }
    last_empty = line.empty();
    n += line.size() + 1;
  }
  if (n == 0) return;
  s.at_start = false;
  // What consume() does for each of these lines, once for all of them.
  if (s.pending_blank) append_newline(out);
  append(out, bytes.substr(0, last_empty ? n - 1 : n));
  s.pending_blank = last_empty;
  s.prev_empty = last_empty;
  s.line_in_body = !s.in_headers;
  if (s.line_in_body) s.body += n;
  reader_->skip(n);
  frontier_lf_ += n;
}

// Whether Content-Length keeps the would-be separator `p` in the body. Only
// body lines before the announced end count; the length is checked at the
// first of them, and a length above max_message_bytes is never trusted.
bool MessageSplitter::kept_by_length(MessageState& s, LinePiece& p) {
  if (s.in_headers || !s.length || *s.length > max_bytes_ || s.body >= *s.length) return false;
  if (!s.length_proved) s.length_proved = length_proves_right(s, p);
  return s.length_proved;
}

bool MessageSplitter::length_proves_right(const MessageState& s, LinePiece& candidate) {
  own(candidate);
  return separator_at(pulled_lf_ + (*s.length - s.body));
}

// Whether the body may end at LF position `end`: the input ends there, or a
// line starts there that separates: a "From " line with a postmark date, or
// one empty line followed by a "From " line or by the end of the input.
bool MessageSplitter::separator_at(std::uint64_t end) {
  while (frontier_lf_ <= end && read_ahead()) {
  }
  if (frontier_lf_ <= end && !input_done_) return false;  // too far to hold: not trusted
  auto at = std::lower_bound(ahead_.begin(), ahead_.end(), end,
                             [](const OwnedPiece& q, std::uint64_t lf) { return q.lf < lf; });
  if (at == ahead_.end()) return frontier_lf_ == end;  // the input ends there (or before: wrong)
  if (at->lf != end || !at->first) return false;        // the length ends inside a line
  if (!(at->eol && at->text.empty())) return would_separate(view(*at), false);
  std::size_t next = static_cast<std::size_t>(at - ahead_.begin()) + 1;
  if (next == ahead_.size() && !read_ahead()) return input_done_;
  return would_separate(view(ahead_[next]), true);
}

// Takes one piece that is not a separator into the message: tracks headers,
// Content-Length and body bytes, and writes it out.
void MessageSplitter::consume(MessageState& s, const LinePiece& p, RawMessage& out) {
  std::string_view text = p.text;
  if (!p.first && s.dropping_line) {
    s.dropping_line = !p.eol;
    return;
  }
  if (p.first && s.at_start && (is_quoted_postmark(text) || is_postmark(text))) {
    // A message that opens with a postmark line of its own (a file saved with its "From "
    // line, then appended to a mailbox, which quoted it as ">From "): such a line is never a
    // header field, and left in place it would make the whole header block read as body.
    // It is dropped, as a Maildir file's leading "From " line is.
    s.dropping_line = !p.eol;
    return;
  }
  if (p.first) {
    s.at_start = false;
    s.line_in_body = !s.in_headers;
    bool empty = p.eol && text.empty();
    if (s.in_headers) {
      if (empty) {
        s.in_headers = false;
      } else if (!s.length) {
        s.length = content_length(text);
      }
    }
    if (s.pending_blank) {
      append_newline(out);
      s.pending_blank = false;
    }
    s.prev_empty = empty;
    if (empty) {
      s.pending_blank = true;
      if (s.line_in_body) ++s.body;
      return;
    }
    if (is_quoted_postmark(text)) text.remove_prefix(1);
  }
  if (s.line_in_body) s.body += lf_size(p);
  append(out, text);
  if (p.eol) append_newline(out);
}

}  // namespace bouncekit::source::detail
