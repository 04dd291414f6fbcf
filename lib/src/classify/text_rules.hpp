// Built-in text rules: an ordered table of phrases (and a few real patterns) that map a
// diagnostic text to a reason. The first rule in table order that matches wins.
#pragma once

#include <span>
#include <string_view>

namespace bouncekit::classify {

struct TextRule {
  std::string_view reason;
  std::string_view phrase;  ///< lower case; matched case-insensitively, white-space runs as one space
  /// For userunknown: the words of a recipient directory, never of a content filter, so the phrase
  /// stands even when the status code is not an addressing one.
  bool definite = false;
  /// Says only that something was refused ("Recipient address rejected: ..."): a specific
  /// enhanced status code in the same reply says more, and wins.
  bool weak = false;
};

struct PatternRule {
  std::string_view reason;
  std::string_view pattern;  ///< Boost.Regex (Perl syntax), matched case-insensitively
};

/// The phrase rules in priority order.
std::span<const TextRule> text_rules();

/// The pattern rules, tried in order only when no phrase rule matched.
std::span<const PatternRule> pattern_rules();

}  // namespace bouncekit::classify
