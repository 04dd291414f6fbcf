// SMTP session transcripts inside a notice, for the generic decoder: which side
// wrote each line, and which recipients the session shows failing.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bouncekit::decode::transcript {

/// Who wrote a line of a transcript: the sending client (a command) or the server (a reply).
enum class Side { none, client, server };

struct Said {
  Side side = Side::none;
  std::string_view rest;  ///< the line after its arrow (the whole line, trimmed, for Side::none)
};

/// The side that wrote `line` (">>> RCPT TO:<a@b>", "Out: 550 ...", "<stamp>: --> DATA", ...). An
/// arrow counts only before an SMTP command verb (client) or a reply code (server).
Said side_of(std::string_view line);

/// One line of the notice as read_failures sees it.
struct Line {
  Said said;
  bool skip = false;      ///< not part of any transcript (a quoted line)
  bool indented = false;  ///< begins with blanks: may continue a folded command
  std::string_view text;  ///< the whole line
};

struct Failed {
  std::string address;
  std::string reply;    ///< the server's whole reply, its lines joined
  std::string command;  ///< RCPT or DATA
};

/// The recipients the transcript shows failing, in the order the client gave them: refused at
/// RCPT TO, or accepted and then refused with the message (DATA or its end). At most `max`.
std::vector<Failed> read_failures(std::span<const Line> lines, std::size_t max);

}  // namespace bouncekit::decode::transcript
