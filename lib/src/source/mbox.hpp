// mbox.hpp — cutting one input stream into messages.
//
// A stream whose first line starts with "From " is an mbox (mboxo, mboxrd,
// mboxcl2 all handled by one set of rules); anything else is one message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "bouncekit/source.hpp"
#include "source/line_reader.hpp"

namespace bouncekit::source::detail {

class MessageSplitter {
 public:
  enum class Kind {
    Detect,   ///< mbox if the first line starts with "From ", else a single message
    Single,   ///< always one message (a Maildir file); a leading "From " line is dropped
  };

  explicit MessageSplitter(std::size_t max_message_bytes) : max_bytes_(max_message_bytes) {}

  /// Starts on a freshly opened reader. `path` is what goes into each Origin.
  void start(LineReader& reader, std::string path, Kind kind);

  /// Fills `out` with the next message of the current stream; false when done.
  bool next(RawMessage& out);

 private:
  enum class Mode { Detect, Mbox, Single, Done };

  bool next_mbox(RawMessage& out);
  bool next_single(RawMessage& out);
  void take_separator(const LinePiece& first_piece);  // remembers a "From " line, skips its rest
  void append(RawMessage& out, std::string_view bytes);
  void append_newline(RawMessage& out);

  std::size_t max_bytes_;
  LineReader* reader_ = nullptr;
  std::string path_;
  Mode mode_ = Mode::Done;
  bool single_only_ = false;
  std::uint64_t index_ = 0;

  // The "From " line that opens the next mbox message.
  bool have_separator_ = false;
  std::uint64_t separator_offset_ = 0;
  std::string separator_sender_;

  // A line read during detection that must still be processed.
  bool have_piece_ = false;
  LinePiece piece_;
};

}  // namespace bouncekit::source::detail
