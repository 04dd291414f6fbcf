// Work the decoders did on the calling thread, in units that a limit should cut: records built
// from free text and recipient paragraphs collected. Tests read it to check that the
// records-per-message limit (docs/limits.md) stops the work itself rather than only trimming its
// result, without timing anything (a time depends on the machine's load; a count does not).
// One thread-local increment per unit, cheap enough to leave in the release build.
#pragma once

#include <cstddef>

namespace bouncekit::decode {

struct WorkCount {
  std::size_t records_built = 0;  ///< records built by text_record (plain_text.hpp)
  std::size_t paragraphs = 0;     ///< paragraphs RecipientParagraphs gave out
};

/// The calling thread's count since it started (a test sets it to {} before the work it counts).
inline thread_local WorkCount work_count;

}  // namespace bouncekit::decode
