// json_string.hpp — appending a string as a JSON string literal, the way nlohmann::json dumps it.
//
// The JSON Lines writer is on the serial path of `parse`; building an nlohmann object per
// record cost 13% of the run. This escapes straight into the caller's buffer with the same
// bytes nlohmann's dump(-1, ' ', false, replace) writes: `"` `\` and control characters
// escaped (\b \f \n \r \t by name, the others as \u00xx in lower-case hex), DEL and valid
// UTF-8 written unchanged.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::report::detail {

/// Appends `s` quoted and escaped to `out`. If `s` is not valid UTF-8 (which the decoders
/// never let through), nlohmann itself writes it, with its replacement of bad bytes by
/// U+FFFD, so that the output stays the same in that case too.
void append_json_string(std::string& out, std::string_view s);

/// `null` if `s` is empty (the records and reports write an unknown field as null, not ""),
/// otherwise `s` as append_json_string writes it.
inline void append_json_string_or_null(std::string& out, std::string_view s) {
  if (s.empty())
    out += "null";
  else
    append_json_string(out, s);
}

}  // namespace bouncekit::report::detail
