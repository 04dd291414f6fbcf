// line_reader.hpp — buffered line splitting over a (possibly gzip-compressed) byte stream.
//
// Files that start with the gzip magic, and stdin, are read through zlib's gzFile
// (which reads plain data transparently); other regular files are read straight into
// the buffer. Lines may end in LF, CRLF or a lone CR; the reader hands
// out the line content without its terminator, in pieces that point into its
// own fixed-size buffer, so a huge line never needs more than that buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bouncekit::source::detail {

/// A stretch of one line. A line shorter than the buffer always arrives as a
/// single piece (first && eol); longer lines arrive as several pieces, and the
/// first of them is then exactly one buffer long.
struct LinePiece {
  std::string_view text;     ///< bytes of the line, no terminator; valid until the next call
  std::uint64_t offset = 0;  ///< offset of text[0] in the decompressed stream
  bool first = false;        ///< this piece starts a line
  bool eol = false;          ///< this piece ends the line (terminator seen, or end of input)
};

class LineReader {
 public:
  static constexpr std::size_t kDefaultBufferSize = 256 * 1024;
  /// A gzip-compressed regular file is read up to kMaxGzipRatio times its size plus
  /// kGzipSlackBytes of decompressed data; then reading stops with an error (docs/limits.md).
  /// Mail compresses about 3 to 10 times; deflate's own ceiling is about 1,000.
  static constexpr std::uint64_t kMaxGzipRatio = 100;
  static constexpr std::uint64_t kGzipSlackBytes = 64u << 20;

  explicit LineReader(std::size_t buffer_size = kDefaultBufferSize);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// Opens `path` ("-" = standard input). On failure returns false and puts
  /// a human-readable reason into `error`.
  bool open(const std::string& path, std::string& error);

  /// Closes the current input, if any.
  void close();

  /// Next piece of input; false at the end of the input or after a read error.
  bool next(LinePiece& piece);

  /// Bulk access for callers that take many whole lines at once: the bytes already
  /// buffered from the current position up to the first CR (CR and CRLF lines are left to
  /// next(), which turns them into LF lines). Empty unless the position is at the start of
  /// a line. May end inside a line; the caller takes only whole LF-terminated lines.
  std::string_view plain_lines();

  /// Moves past the first `n` bytes of plain_lines(); they must end right after a '\n'.
  void skip(std::size_t n) { pos_ += n; }

  /// Why reading stopped early (corrupt gzip, I/O error); empty if it did not.
  const std::string& error() const { return error_; }

 private:
  bool refill();
  bool read_plain();
  void find_terminators();  // brings lf_ and cr_ up to date for pos_

  void* file_ = nullptr;  // gzFile, kept opaque so that zlib.h stays out of this header
  int fd_ = -1;           // a plain (not gzip) regular file, read without zlib
  std::uint64_t gz_limit_ = 0;  // decompressed bytes allowed from file_ (0: no limit)
  std::uint64_t gz_out_ = 0;    // decompressed bytes read from file_ so far
  std::vector<char> buf_;
  std::size_t pos_ = 0;  // next unread byte
  std::size_t end_ = 0;  // end of valid data
  std::size_t lf_ = 0;   // cached position of the next '\n' at or after pos_ (end_ if none)
  std::size_t cr_ = 0;   // same for '\r'
  bool cache_valid_ = false;
  std::uint64_t base_ = 0;  // stream offset of buf_[0]
  bool eof_ = true;
  bool skip_lf_ = false;        // last terminator was CR: an immediately following LF belongs to it
  bool at_line_start_ = true;
  std::string error_;
};

}  // namespace bouncekit::source::detail
