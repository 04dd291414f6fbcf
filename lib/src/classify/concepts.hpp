// The concept layer of the classifier: what the words of a diagnostic say, by object x predicate,
// for texts that no exact phrase of text_rules.cpp covers (docs/classifier.md, "Concept layer").
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace bouncekit::classify {

struct ConceptMatch {
  std::string_view reason;  ///< a reason of the vocabulary (DESIGN.md)
  std::string_view rule;    ///< the combination that decided, e.g. "mailbox+not_found" (static table)
};

/// The reason the words of `text` say, by object x predicate; nullopt if they say none.
std::optional<ConceptMatch> match_concepts(std::string_view text);

/// Whether a match says in a recipient directory's words that the address does not exist ("does not
/// exist", "not found", "no such user"), not only "unknown" or "invalid" (words content filters reuse).
bool says_not_found(const ConceptMatch& match);

/// Only the first this many bytes of a text are read (diagnostics are a few hundred bytes; this bounds
/// the work and memory on hostile input).
inline constexpr std::size_t kConceptMaxBytes = 16384;

}  // namespace bouncekit::classify
