// The rules-file format (docs/classifier.md):
//   # comment, and blank lines, are ignored
//   REASON <white space> PHRASE            -- PHRASE found anywhere in the diagnostic, any case
//   REASON <white space> regex:PATTERN     -- a Boost.Regex (Perl syntax), case-insensitive
// REASON must be a bounce reason of the vocabulary (not delivered, feedback or vacation).
#include <fstream>
#include <istream>

#include "bouncekit/vocabulary.hpp"
#include "classify/user_rules.hpp"
#include "util/strings.hpp"

namespace bouncekit::classify {

namespace {

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
}

std::size_t Classifier::UserRules::match(std::string_view diagnostic) const {
  std::size_t best = std::string::npos;
  std::size_t p = phrases.first(diagnostic);
  if (p != util::PhraseMatcher::npos) best = phrase_ids[p];
  for (std::size_t i = 0; i < rules.size() && i < best; ++i)
    if (rules[i].regex && bounded_search(*rules[i].regex, diagnostic)) return i;
  return best;
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

std::size_t Classifier::user_rule_count() const { return user_ ? user_->rules.size() : 0; }

}  // namespace bouncekit::classify
