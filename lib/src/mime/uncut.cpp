// uncut.cpp — the body of one part with its lines whole, for the one reader that asks for it.
//
// The tree is parsed from the message with long lines cut (prepare.cpp, Limits::max_line_bytes),
// and every reader sees those cut lines. A reader that needs one long line whole (an Amazon SES
// notification is one JSON line) asks here for the body of the one part that holds it: the part's
// place in the tree is followed through the message as it stands, the way mimetic's parser went
// through the cut copy (below), and what is found is checked against the part's cut body before it
// is returned, so a body found in the wrong place is never given out.
//
// How mimetic splits a message (its IteratorParser over a random-access range, mimetic/parser/
// itparser.h): a header block ends at its first empty line (or before a line that cannot be a
// header line, body_start below); a multipart's parts start after each
// occurrence of "--" + boundary (found anywhere, not only at a line start; followed by "--" it is
// the closing one), one line end after it skipped; a body runs to the next occurrence of the
// boundary of the innermost multipart around it, less the one line end before it, or to the end of
// the input. A message/rfc822 part's body is the enclosed message. The cut copy keeps every line
// start of the message, so the places found here are those mimetic found, unless a boundary lay in
// the part of a long line that was cut (or the message is stranger still: a nested boundary that
// begins with its parent's); the check against the cut body catches what matters, so a body given
// is always the part's body in the tree with its cut lines whole. Each step searches forward from
// the last: linear in the message's size.
#include <string.h>  // memmem (glibc)

#include <algorithm>
#include <vector>

#include "bouncekit/mime.hpp"
#include "mime/prepare.hpp"
#include "mime/transfer_decoding.hpp"

namespace bouncekit::mime {
namespace {

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

// The first occurrence of `needle` in `text` at or after `from`; npos if none. memmem: linear
// whatever the boundary's length (a hostile one may be long).
std::size_t find_from(std::string_view text, std::string_view needle, std::size_t from) {
  if (from > text.size()) return std::string_view::npos;
  const void* at = ::memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - text.data()) : std::string_view::npos;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Where the body of the entity starting at `pos` starts: where mimetic's header reader
// (IteratorParser::loadHeader) stops, after the empty line that ends the block, or at the start of
// the first line that cannot be a header line (a name not followed by ':', a control or 8-bit byte
// in the name, a first line starting with a blank); CR ends a line as LF does. The end of `raw`
// if neither comes. Its states, without its buffers.
std::size_t body_start(std::string_view raw, std::size_t pos) {
  enum { kInit, kIgnoreLine, kNewline, kWaitingName, kWaitingValue, kName, kValue } state = kInit;
  std::size_t line_start = pos;
  std::size_t line_length = 0;  // bytes of the current line read so far
  std::size_t name_length = 0;
  bool name_ends_blank = false;
  std::size_t i = pos;
  while (i < raw.size()) {
    char c = raw[i];
    switch (state) {
      case kInit:
        state = is_line_end(c) ? kNewline : kName;
        continue;
      case kIgnoreLine:
        if (!is_line_end(c)) break;
        state = kNewline;
        continue;
      case kNewline: {
        state = kWaitingName;
        const char pair = c == '\r' ? '\n' : '\r';
        if (++i == raw.size()) return raw.size();
        if (line_length == 0) return raw[i] == pair ? i + 1 : i;  // the empty line: the body follows
        line_length = 0;
        if (raw[i] == pair) ++i;
        line_start = i;
        continue;
      }
      case kWaitingName:
        if (is_blank(c)) {
          state = kWaitingValue;  // a folded line: more of the value
          continue;
        }
        name_length = 0;
        name_ends_blank = false;
        line_start = i;
        state = is_line_end(c) ? kNewline : kName;
        continue;
      case kWaitingValue:
        if (is_blank(c)) break;
        state = kValue;
        continue;
      case kName:
        if (c > 32 && c < 127 && c != ':') {
          if (name_length > 0 && name_ends_blank) return line_start;  // "word word": the body's first line
          ++name_length;
          name_ends_blank = false;
        } else if (c == ':') {
          if (name_length == 0) {
            state = kIgnoreLine;
            continue;
          }
          state = kWaitingValue;
        } else if (is_blank(c)) {
          ++name_length;
          name_ends_blank = true;
        } else {
          return line_start;  // not a header line: the body's first line
        }
        break;
      case kValue:
        if (is_line_end(c)) {
          state = kNewline;
          continue;
        }
        break;
    }
    ++i;
    ++line_length;
  }
  return raw.size();
}

// The path from `from` down to `target`, as child indexes; false if `target` is not in the tree.
// (The tree is at most Limits::max_depth deep.)
bool path_to(const Part& from, const Part& target, std::vector<std::size_t>& path) {
  if (&from == &target) return true;
  for (std::size_t i = 0; i < from.children.size(); ++i) {
    path.push_back(i);
    if (path_to(from.children[i], target, path)) return true;
    path.pop_back();
  }
  return false;
}

// Where, in `raw`, the body of the part at `path` from `root` stands; false if it cannot be
// followed there (a part the tree has and the message, read as mimetic reads it, has not).
bool locate(std::string_view raw, const Part& root, const std::vector<std::size_t>& path, std::string_view& body) {
  const Part* part = &root;
  std::size_t pos = 0;                  // where the current entity (its header) starts
  std::string enclosing;                // the delimiter of the innermost multipart around it
  for (std::size_t index : path) {
    const std::size_t start = body_start(raw, pos);
    if (part->content_type.type != "multipart") {
      // message/rfc822 and the like: the one child is the enclosed message.
      if (index != 0) return false;
      pos = start;
      part = &part->children[index];
      continue;
    }
    const std::string boundary = part->content_type.param("boundary");
    if (boundary.empty()) return false;
    const std::string delimiter = "--" + boundary;
    std::size_t search = start;  // the preamble, then each earlier part's body
    for (std::size_t k = 0;; ++k) {
      std::size_t at = find_from(raw, delimiter, search);
      if (at == std::string_view::npos) return false;
      std::size_t next = at + delimiter.size();
      if (next + 1 < raw.size() && raw[next] == '-' && raw[next + 1] == '-') return false;  // closing
      if (next + 1 < raw.size() && is_line_end(raw[next])) {
        const char c = raw[next++];
        if (is_line_end(raw[next]) && raw[next] != c) ++next;
      }
      if (k == index) {
        pos = next;
        break;
      }
      // An earlier sibling: its header is read whole, then its body runs to the next delimiter.
      // (Nested parts of a sibling hold no delimiter of this multipart in a well-formed message;
      // if one does, the check against the cut body fails.)
      search = body_start(raw, next);
    }
    enclosing = delimiter;
    part = &part->children[index];
  }
  const std::size_t start = body_start(raw, pos);
  // The line budget is counted from a line's start: a body that starts inside a line (after a
  // delimiter in the middle of one, with no header) was cut from before it. Not followed.
  if (start > 0 && raw[start - 1] != '\n') return false;
  std::size_t end = raw.size();
  if (!enclosing.empty()) {
    const std::size_t at = find_from(raw, enclosing, start);
    if (at != std::string_view::npos) {
      end = at;
      if (end >= start + 2 && is_line_end(raw[end - 1]) && is_line_end(raw[end - 2]) && raw[end - 1] != raw[end - 2])
        end -= 2;
      else if (end > start && is_line_end(raw[end - 1]))
        --end;
    }
  }
  body = raw.substr(std::min(start, raw.size()), end > start ? end - start : 0);
  return true;
}

}  // namespace

std::optional<UncutBody> uncut_body(std::string_view raw, const Message& message, const Part& part,
                                    std::size_t max_bytes, const Limits& limits) {
  // Nothing is cut in a message no longer than the line budget (prepare_input).
  if (raw.size() <= limits.max_line_bytes || !part.children.empty()) return std::nullopt;
  std::vector<std::size_t> path;
  if (!path_to(message.root, part, path)) return std::nullopt;
  std::string_view whole;
  if (!locate(raw, message.root, path, whole)) return std::nullopt;
  bool any_cut = false;
  if (!cuts_to(whole, limits.max_line_bytes, part.raw_body, any_cut) || !any_cut) return std::nullopt;

  UncutBody out;
  if (!transfer_decoding_changes(part.transfer_encoding)) {
    out.in_message = whole.substr(0, max_bytes);
    out.truncated = whole.size() > max_bytes;
    return out;
  }
  // At most max_bytes decoded: base64 gives 3 bytes for every 4 it reads (line ends give none),
  // quoted-printable at most one for each; only that much of the encoded body is decoded.
  std::size_t read = whole.size();
  if (max_bytes < whole.size()) read = part.transfer_encoding == "base64" ? max_bytes / 3 * 4 : max_bytes;
  out.decoded = transfer_decode(whole.substr(0, read), part.transfer_encoding);
  out.is_decoded = true;
  out.truncated = whole.size() > read;
  if (out.decoded.size() > max_bytes) {
    out.decoded.resize(max_bytes);
    out.truncated = true;
  }
  return out;
}

}  // namespace bouncekit::mime
