// Makes a raw message safe for mimetic before it is parsed (see NOTES-DEPENDENCIES.md):
// header lines and folded fields are cut to a byte budget (mimetic is quadratic in the
// length of a field), and the fields that open a container (multipart/* or message/*) are
// counted (mimetic recurses once per nesting level).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bouncekit::mime {

struct PreparedInput {
  std::string storage;         ///< the cut copy, when one was needed
  std::string_view view;       ///< what mimetic is given: `raw` itself, or `storage`
  std::size_t container_headers = 0;  ///< Content-Type fields naming multipart or message
};

/// One pass over `raw`. Lines are cut (and continuation lines of a field past the budget
/// dropped) so that no field gives mimetic more than `max_line_bytes`; a copy is made only
/// when something is cut, and then from the first cut on. `raw` must outlive the result.
PreparedInput prepare_input(std::string_view raw, std::size_t max_line_bytes);

/// Whether `cut` is `whole` as prepare_input cuts it, read from a line start after an empty line
/// (a part's body: the state of the line budget is then fresh), without making the cut copy.
/// `any_cut` says whether the cut changed anything. Linear in the two lengths.
bool cuts_to(std::string_view whole, std::size_t max_line_bytes, std::string_view cut, bool& any_cut);

}  // namespace bouncekit::mime
