// report.html's "Changes since the previous run" section (docs/report.md).
#pragma once

#include <string>

#include "bouncekit/analysis.hpp"

namespace bouncekit::report {

/// Appends the section: the list's moves, newly flagged groups, the counts then and now, and the
/// head of the address changes (changes.csv holds them all).
void append_changes_section(std::string& out, const analysis::Summary& summary);

/// The marker put after an address of the suppression table that is new tonight ("" if it is not).
std::string new_tonight_marker(const analysis::Suppression& suppression);

}  // namespace bouncekit::report
