// The rules-file format (docs/classifier.md):
//   # comment, and blank lines, are ignored
//   REASON <white space> PHRASE            -- PHRASE found anywhere in the diagnostic, any case
//   REASON <white space> regex:PATTERN     -- a Boost.Regex (Perl syntax), case-insensitive
// REASON must be a bounce reason of the vocabulary (not delivered, feedback or vacation).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <istream>

#include "bouncekit/vocabulary.hpp"
#include "classify/user_rules.hpp"
#include "util/strings.hpp"

namespace bouncekit::classify {

namespace {

std::uint64_t next_generation() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

// "FILE:LINE: message" (or "FILE: message" for line 0), built by appending (GCC 12 warns falsely on
// the chained operator+ form in release builds).
std::string located(const std::string& file, std::size_t line, const std::string& message) {
  std::string out = file;
  if (line) {
    out += ':';
    out += std::to_string(line);
  }
  out += ": ";
  out += message;
  return out;
}

}  // namespace

RuleFileError::RuleFileError(std::string file, std::size_t line, const std::string& message)
    : std::runtime_error(located(file, line, message)),
      file_(std::move(file)),
      line_(line) {}

bool bounded_search(const boost::regex& re, std::string_view text) {
  if (text.size() > kRegexWindow) text = text.substr(0, kRegexWindow);
  try {
    return boost::regex_search(text.begin(), text.end(), re);
  } catch (const std::exception&) {
    return false;  // too complex for this text: treated as no match
  }
}

void Classifier::UserRules::load(std::istream& in, const std::string& name) {
  std::string line;
  std::size_t number = 0;
  std::vector<UserRule> added;
  while (std::getline(in, line)) {
    ++number;
    std::string_view rest = util::trim(line);
    if (rest.empty() || rest[0] == '#') continue;
    std::size_t gap = 0;
    while (gap < rest.size() && !util::is_space(rest[gap])) ++gap;
    std::string_view reason = rest.substr(0, gap);
    std::string_view text = util::trim(rest.substr(gap));
    std::optional<vocabulary::Reason> known = vocabulary::reason_named(reason);
    if (!known)
      throw RuleFileError(name, number, "unknown reason '" + std::string(reason) +
                                            "' (expected a reason such as userunknown or mailboxfull)");
    const vocabulary::ReasonRow* info = &vocabulary::row(*known);
    if (info->inferred_detail == 0)
      throw RuleFileError(name, number, "'" + std::string(reason) + "' is not a bounce reason a rule can give");
    if (text.empty()) throw RuleFileError(name, number, "rule for '" + std::string(reason) + "' has no phrase");
    UserRule rule{info->name, {}, std::nullopt};
    if (util::starts_with_ci(text, "regex:")) {
      rule.text = std::string(util::trim(text.substr(6)));
      if (rule.text.empty()) throw RuleFileError(name, number, "empty regex");
      try {
        rule.regex.emplace(rule.text, boost::regex::perl | boost::regex::icase);
      } catch (const boost::regex_error& e) {
        throw RuleFileError(name, number, "invalid regex '" + rule.text + "': " + e.what());
      }
      std::string nesting = catastrophic_nesting(rule.text);
      if (!nesting.empty())
        throw RuleFileError(name, number,
                            "regex '" + rule.text + "' can backtrack exponentially: " + nesting +
                                " (make each repetition consume a separator, or use a possessive ++ / *+)");
    } else {
      rule.text = std::string(text);
    }
    added.push_back(std::move(rule));
  }
  if (in.bad()) throw RuleFileError(name, 0, "read error");
  for (UserRule& r : added) rules.push_back(std::move(r));
  std::vector<std::string> texts;
  phrase_ids.clear();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (!rules[i].regex) {
      texts.push_back(rules[i].text);
      phrase_ids.push_back(i);
    }
  phrases = util::PhraseMatcher(texts);
  budgets = std::make_unique<RuleBudget[]>(rules.size());
  generation = next_generation();
}

std::size_t Classifier::UserRules::match(std::string_view diagnostic) const {
  // The last answer of this thread, for this set of rules: records of one message share a diagnostic.
  struct LastAnswer {
    std::uint64_t generation = 0;
    std::string diagnostic;
    std::size_t rule = std::string::npos;
  };
  thread_local LastAnswer last;
  if (last.generation == generation && last.diagnostic == diagnostic) return last.rule;
  std::size_t rule = match_uncached(diagnostic);
  last.generation = generation;
  last.diagnostic.assign(diagnostic);
  last.rule = rule;
  return rule;
}

std::size_t Classifier::UserRules::match_uncached(std::string_view diagnostic) const {
  std::size_t best = std::string::npos;
  std::size_t p = phrases.first(diagnostic);
  if (p != util::PhraseMatcher::npos) best = phrase_ids[p];
  for (std::size_t i = 0; i < rules.size() && i < best; ++i)
    if (rules[i].regex && search_within_budget(i, diagnostic)) return i;
  return best;
}

// Runs rule i's regex, charging what it cost to the rule's budget; a rule past its budget is
// skipped (no match) for the rest of the run, and the thread that disables it says so once.
bool Classifier::UserRules::search_within_budget(std::size_t i, std::string_view diagnostic) const {
  RuleBudget& budget = budgets[i];
  if (budget.disabled.load(std::memory_order_relaxed)) return false;
  std::string_view text = diagnostic.substr(0, std::min(diagnostic.size(), kRegexWindow));
  bool matched = false, gave_up = false;
  auto start = std::chrono::steady_clock::now();
  try {
    matched = boost::regex_search(text.begin(), text.end(), *rules[i].regex);
  } catch (const std::exception&) {
    gave_up = true;  // the engine's step limit: too complex for this text
  }
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
  std::int64_t charge = gave_up ? kRuleBudgetMicroseconds : us >= kSlowSearchMicroseconds ? us : 0;
  if (charge > 0) {
    std::int64_t before = budget.spent_us.fetch_add(charge, std::memory_order_relaxed);
    if (before + charge >= kRuleBudgetMicroseconds && !budget.disabled.exchange(true) && warn) {
      warn("rule '" + rules[i].text + "' (" + std::string(rules[i].reason) + ") disabled for the rest of the run: " +
           (gave_up ? std::string("the regex engine gave up on a ") + std::to_string(text.size()) +
                          "-byte diagnostic (too much backtracking)"
                    : "its searches took more than " + std::to_string(kRuleBudgetMicroseconds / 1000) + " ms"));
    }
  }
  return matched && !gave_up;
}

void Classifier::load_rules(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw RuleFileError(path, 0, "cannot open the rules file");
  load_rules(in, path);
}

void Classifier::load_rules(std::istream& in, const std::string& name) {
  if (!user_) user_ = std::make_unique<UserRules>();
  user_->load(in, name);
}

void Classifier::set_warning_sink(std::function<void(const std::string&)> sink) {
  if (!user_) user_ = std::make_unique<UserRules>();
  user_->warn = std::move(sink);
}

std::size_t Classifier::user_rule_count() const { return user_ ? user_->rules.size() : 0; }

}  // namespace bouncekit::classify
