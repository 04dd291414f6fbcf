// The user's rules (--rules FILE): loaded from a simple line format, tried before the built-in text rules.
#pragma once

#include <boost/regex.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/classify.hpp"
#include "util/phrase_matcher.hpp"

namespace bouncekit::classify {

struct UserRule {
  std::string_view reason;  ///< points into the reason table
  std::string text;         ///< the phrase, or the pattern for a regex rule
  std::optional<boost::regex> regex;
};

struct Classifier::UserRules {
  std::vector<UserRule> rules;          ///< in file order (files in load order)
  std::vector<std::size_t> phrase_ids;  ///< matcher index -> rule index
  util::PhraseMatcher phrases;                ///< every phrase rule

  /// Parses a rules file's lines and appends them; throws RuleFileError.
  void load(std::istream& in, const std::string& name);

  /// Index of the first rule (in file order) that matches the diagnostic, or npos.
  std::size_t match(std::string_view diagnostic) const;
};

/// Runs a pattern over at most the first kRegexWindow bytes (the regex engine's work grows with the
/// square of the text it sees, so the window bounds the worst case); false on no match or when the
/// regex engine gives up (complexity or stack limit).
bool bounded_search(const boost::regex& re, std::string_view text);
inline constexpr std::size_t kRegexWindow = 1024;

}  // namespace bouncekit::classify
