// The user's rules (--rules FILE): loaded from a simple line format, tried before the built-in text rules.
#pragma once

#include <boost/regex.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
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

/// What a regex rule has spent of its budget (shared by the decoding threads).
struct RuleBudget {
  std::atomic<std::int64_t> spent_us{0};  ///< time charged to the rule, microseconds
  std::atomic<bool> disabled{false};      ///< set once, by the thread that found the budget blown
};

struct Classifier::UserRules {
  std::vector<UserRule> rules;          ///< in file order (files in load order)
  std::vector<std::size_t> phrase_ids;  ///< matcher index -> rule index
  util::PhraseMatcher phrases;                ///< every phrase rule
  std::unique_ptr<RuleBudget[]> budgets;      ///< one per rule (load() rebuilds it)
  std::uint64_t generation = 0;               ///< changes with every load(): keys the per-thread cache
  std::function<void(const std::string&)> warn;  ///< Classifier::set_warning_sink

  /// Parses a rules file's lines and appends them; throws RuleFileError.
  void load(std::istream& in, const std::string& name);

  /// Index of the first rule (in file order) that matches the diagnostic, or npos. The answer for
  /// the last diagnostic each thread asked about is kept (the records of one message usually share
  /// one diagnostic), so a rule's cost is paid once per distinct text.
  std::size_t match(std::string_view diagnostic) const;

 private:
  std::size_t match_uncached(std::string_view diagnostic) const;
  bool search_within_budget(std::size_t rule, std::string_view diagnostic) const;
};

/// A regex rule is disabled for the rest of the run once its searches cost more than this in all,
/// counting only searches slower than kSlowSearch (an ordinary search costs microseconds), or at
/// once when the regex engine gives up on a text (its step limit grows with the text's square).
inline constexpr std::int64_t kRuleBudgetMicroseconds = 200'000;
inline constexpr std::int64_t kSlowSearchMicroseconds = 1'000;

/// Why a pattern is refused at load: it repeats, without bound, a group that can itself match a
/// run of text in more than one way through an unbounded repetition ((a+)+, (\w+\s?)+$, (x*)*):
/// such a pattern backtracks exponentially on a near miss. "" if no such nesting is proven.
std::string catastrophic_nesting(std::string_view pattern);

/// Runs a pattern over at most the first kRegexWindow bytes (the regex engine's work grows with the
/// square of the text it sees, so the window bounds the worst case); false on no match or when the
/// regex engine gives up (complexity or stack limit).
bool bounded_search(const boost::regex& re, std::string_view text);
inline constexpr std::size_t kRegexWindow = 1024;

}  // namespace bouncekit::classify
