// bouncekit/source.hpp — reading raw messages out of mailboxes.
//
// The source stage turns paths (mbox files, Maildir folders, single .eml files,
// directories, "-" for stdin, any of them gzip-compressed) into a stream of raw
// messages. It never holds more than one message in memory, normalises every
// line end to LF, strips the mbox "From " postmark and undoes ">From " quoting.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bouncekit::source {

/// Where a message came from, so that every result can be traced back to it.
struct Origin {
  std::string path;                    ///< file path as given or found ("-" for stdin)
  std::uint64_t index = 1;             ///< 1-based position of the message in its file
  std::optional<std::uint64_t> offset; ///< byte offset of the mbox "From " line (mbox only)

  /// "path" for single-message files, "path#index@offset" for mailboxes.
  std::string to_string() const;
};

/// One message as read: LF line ends, no mbox postmark, ">From " unquoted.
struct RawMessage {
  Origin origin;
  std::string bytes;
  std::string envelope_sender;  ///< sender named on the mbox "From " line, if any
  bool truncated = false;       ///< longer than ReaderOptions::max_message_bytes; the rest was skipped
};

/// An input that could not be read (missing file, permission, corrupt gzip, ...).
struct InputError {
  std::string path;
  std::string what;
};

/// An input that was read but holds no mail: a path given by the user that yielded no message
/// (an empty file, an empty folder, a folder of dot-files only), or a file that is not mail
/// (its first message has no header block: it does not open with a header field, RFC 5322
/// section 2.2). Reading goes on; the program prints these as warnings (docs/cli.md).
struct InputWarning {
  std::string path;
  std::string what;
};

struct ReaderOptions {
  /// Messages longer than this keep their first max_message_bytes bytes and are flagged truncated.
  std::size_t max_message_bytes = 64u << 20;
};

/// Pulls messages one at a time from a list of paths, in a stable order
/// (arguments in the order given, directory entries sorted by name).
///
///   Reader r({"/var/mail/bounces", "old.mbox.gz"});
///   RawMessage m;
///   while (r.next(m)) { ... }
///   for (auto& e : r.errors()) { ... }
///   for (auto& w : r.warnings()) { ... }
class Reader {
 public:
  explicit Reader(std::vector<std::string> paths, ReaderOptions options = {});
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  /// Fills `out` with the next message; false once every input is exhausted.
  bool next(RawMessage& out);

  /// Inputs that could not be read (so far). Reading goes on past them.
  const std::vector<InputError>& errors() const;

  /// Inputs that hold no mail (see InputWarning). Complete once next() has returned false;
  /// a given path that could not be read is an error, not also a warning.
  const std::vector<InputWarning>& warnings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bouncekit::source
