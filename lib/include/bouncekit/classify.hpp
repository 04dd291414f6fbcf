// bouncekit/classify.hpp — reason and hard/soft verdict for a record.
#pragma once

#include <string>
#include <string_view>

#include "bouncekit/record.hpp"

namespace bouncekit::classify {

/// Verdict for one record.
struct Verdict {
  std::string reason;  ///< Sisimai vocabulary (see DESIGN.md)
  std::string bounce;  ///< hard | soft | none
};

/// Classifies from the record's status, reply code, diagnostic and action.
/// Preliminary: status and reply-code classes plus a few phrases; the full
/// classifier (provider tables, user rules) is a separate piece of work.
Verdict classify(const Record& record);

/// Whether a reason is a hard bounce given the record's status ("notaccept" is hard only when permanent).
std::string bounce_for(std::string_view reason, std::string_view status);

/// Fills record.reason and record.bounce in place (keeps a reason a decoder already set).
void apply(Record& record);

}  // namespace bouncekit::classify
