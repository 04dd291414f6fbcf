// mbox.hpp — cutting one input stream into messages.
//
// A stream whose first line starts with "From " is an mbox (mboxo, mboxrd,
// mboxcl2 all handled by one set of rules); anything else is one message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
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

  /// Turns off the fast path that takes many whole lines at once (take_plain_lines), so
  /// that every line goes through consume(): the reference the tests compare it with.
  void set_line_by_line(bool on) { line_by_line_ = on; }

 private:
  enum class Mode { Detect, Mbox, Single, Done };

  /// A piece of a line kept after the reader has moved on (see LinePiece).
  struct OwnedPiece {
    std::string text;
    std::uint64_t offset = 0;
    bool first = false;
    bool eol = false;
    std::uint64_t lf = 0;  ///< position in the stream counted with LF line ends
  };

  /// Where next_mbox stands inside the current message.
  struct MessageState {
    bool in_headers = true;
    std::optional<std::uint64_t> length;  ///< Content-Length of the body, if announced
    bool length_proved = false;           ///< read ahead: the body does end after `length` bytes
    std::uint64_t body = 0;               ///< body bytes seen so far (LF line ends, before unquoting)
    bool prev_empty = false;
    bool pending_blank = false;  ///< an empty line not yet written: dropped if a separator follows
    bool line_in_body = false;
    bool at_start = true;         ///< no line of the message taken yet
    bool dropping_line = false;   ///< inside a postmark line that opens the message (dropped)
  };

  bool next_mbox(RawMessage& out);
  void take_plain_lines(MessageState& s, RawMessage& out);
  void take_plain_lines(RawMessage& out);
  bool next_single(RawMessage& out);
  bool pull(LinePiece& piece);  // next piece: read-ahead queue first, then the reader
  bool read_ahead();            // moves one piece from the reader to the back of the queue
  static std::size_t held_size(const OwnedPiece& q) { return sizeof(OwnedPiece) + q.text.size(); }
  void own(LinePiece& piece);   // makes `piece` survive reading ahead
  static LinePiece view(const OwnedPiece& q);
  void take_separator(const LinePiece& first_piece);  // remembers a "From " line, skips its rest
  bool kept_by_length(MessageState& s, LinePiece& p);
  bool length_proves_right(const MessageState& s, LinePiece& candidate);
  bool separator_at(std::uint64_t end);
  void consume(MessageState& s, const LinePiece& p, RawMessage& out);
  void append(RawMessage& out, std::string_view bytes);
  void append_newline(RawMessage& out);

  std::size_t max_bytes_;
  bool line_by_line_ = false;
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

  // Pieces read ahead to check a Content-Length, in stream order, with their
  // offsets; pull() takes them before asking the reader again. Reading ahead
  // only moves forward, so every piece is read and queued once however many
  // wrong lengths follow each other, and it stops once the queue takes more
  // than max_message_bytes of memory (the length is then not trusted).
  std::deque<OwnedPiece> ahead_;
  std::size_t ahead_bytes_ = 0;       // memory they take (held_size)
  bool input_done_ = false;           // the reader has no more pieces
  OwnedPiece current_;                // the owned piece handed out last
  std::uint64_t pulled_lf_ = 0;       // LF position of the piece pull() handed out last
  std::uint64_t frontier_lf_ = 0;     // LF position of the reader's next piece
};

}  // namespace bouncekit::source::detail
