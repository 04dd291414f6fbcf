// bouncekit/classify.hpp — from what a bounce said (a record's finding) to what we conclude (the
// verdict): reason, hard/soft, who must act, and the evidence and rule that decided.
//
// Evidence is weighed in a fixed order (docs/classifier.md): a decoder's hint, the provider table of
// the remote host or recipient domain, the user's rules, the built-in phrases, the concept layer
// (object and predicate words), the diagnostic type, the enhanced status code, the reply code, and
// last the action (delayed -> expired). Codes the diagnostic text states count as stated codes.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bouncekit/record.hpp"
#include "bouncekit/vocabulary.hpp"

namespace bouncekit::classify {

/// What decided a verdict.
enum class Evidence {
  decoder,     ///< the decoder's hint from its own format (delivered, feedback, vacation, ...)
  delivered,   ///< the status is a 2.x.x success
  provider,    ///< a provider table (detail: the phrase or status; provider: its name)
  user_rule,   ///< a rule from the user's rules file (detail: the phrase or pattern)
  text_rule,   ///< a built-in phrase (detail: the phrase)
  pattern,     ///< a built-in regular expression (detail: the pattern)
  concepts,    ///< the concept layer: an object and a predicate in the text (detail: the rule,
               ///< "mailbox+not_found"); named `concepts` because `concept` is a C++20 keyword
  diagnostic_type,  ///< the diagnostic's type (X-Unix: the local delivery program failed)
  status,      ///< the enhanced status code (detail: the code)
  reply_code,  ///< the SMTP reply code (detail: the code)
  action,      ///< the DSN action (detail: the action)
  weak,        ///< there was evidence, but not enough to decide: onhold
  nothing,     ///< no evidence at all: undefined
};

/// Name of an Evidence value ("text_rule", ...).
const char* to_string(Evidence evidence);

/// Verdict for one record. `provider` points into a static table.
struct Verdict {
  vocabulary::Reason reason = vocabulary::Reason::undefined;
  vocabulary::Bounce bounce = vocabulary::Bounce::soft;
  vocabulary::Owner owner = vocabulary::Owner::none;
  Evidence evidence = Evidence::nothing;
  std::string rule;           ///< the phrase, pattern, concept or code that decided
  std::string_view provider;  ///< provider whose table decided, or whose host/domain the record belongs to
  bool temporary = false;     ///< the failure is temporary (4xx, 4.x.x, delayed)
  bool status_stated = false;  ///< the record or its diagnostic's words state an enhanced status
};

/// Which built-in knowledge a Classifier uses. Turning the product-specific parts off measures
/// what the general layers alone achieve (`bouncekit parse --generic-only`).
struct ClassifierOptions {
  bool provider_tables = true;  ///< the per-provider tables (their own codes and words)
};

/// A rules file could not be read or has a malformed line.
class RuleFileError : public std::runtime_error {
 public:
  RuleFileError(std::string file, std::size_t line, const std::string& message);
  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }  ///< 1-based; 0 when the file itself could not be read

 private:
  std::string file_;
  std::size_t line_;
};

/// The classifier: built-in tables plus optional user rules. Thread-safe for concurrent classify()
/// calls once built; load rules before sharing it.
class Classifier {
 public:
  Classifier();
  explicit Classifier(ClassifierOptions options);
  ~Classifier();
  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;

  /// Adds the rules of a rules file (format: docs/classifier.md). They are tried before the built-in
  /// text rules, in file order. Throws RuleFileError naming the file and line of the first bad line.
  void load_rules(const std::string& path);
  /// Same, from a stream; `name` is used in error messages.
  void load_rules(std::istream& in, const std::string& name);
  /// Number of user rules loaded.
  std::size_t user_rule_count() const;
  /// Receives the one warning given when a user regex is disabled for blowing its budget
  /// (docs/limits.md); called from a decoding thread, so it must be thread-safe.
  void set_warning_sink(std::function<void(const std::string&)> sink);

  /// Decides the reason, hard/soft and who must act for a record.
  Verdict classify(const Record& record) const;

  /// Fills the record's verdict half: reason, bounce, action_owner, evidence, rule, and
  /// inferred_status (the X.0.9NN placeholder when the bounce stated no status; the stated status
  /// is never touched).
  void apply(Record& record) const;

 private:
  struct UserRules;
  std::unique_ptr<UserRules> user_;
  ClassifierOptions options_;
};

/// The classifier with built-in rules only (shared, built on first use).
const Classifier& default_classifier();

/// default_classifier().classify(record).
Verdict classify(const Record& record);

/// default_classifier().apply(record).
void apply(Record& record);

/// The X.0.9NN placeholder status for a reason (class 4 when `temporary`), "" for reasons that get none.
/// RFC 3463 assigns no X.0.9NN code, so such a status is recognisably inferred.
std::string inferred_status(vocabulary::Reason reason, bool temporary);

/// What decided a verdict, in words with its rule: what `bouncekit explain` says decided.
std::string describe(const Verdict& verdict);

/// Everything `bouncekit explain` prints about a reply code, a status code and/or a diagnostic line.
struct Explanation {
  std::string input;           ///< the text explained
  std::string reply_code;      ///< "" if the text has none
  std::string reply_class;     ///< "permanent negative", ...
  std::string reply_category;  ///< "mail system", ...
  std::string reply_meaning;
  std::string reply_advice;
  std::string status;          ///< stated status, or the inferred X.0.9NN one
  bool status_inferred = false;
  std::string status_subject;  ///< "addressing", "mailbox", ...
  std::string status_meaning;
  std::string reason;
  std::string bounce;
  std::string action_owner;
  std::string reason_meaning;
  std::string advice;
  std::string evidence;    ///< the kind of evidence that decided, as in a record's `evidence` field
  std::string rule;        ///< the phrase, concept or code that decided, as in a record's `rule` field
  std::string decided_by;  ///< the two together, in words ("text rule: 'user unknown'")
};

/// Explains a reply code ("550"), a status code ("5.1.1"), a diagnostic line, or a mix of them.
Explanation explain(std::string_view text, const Classifier& classifier = default_classifier());

/// Human-readable, several lines.
std::string to_text(const Explanation& explanation);

/// One JSON object.
std::string to_json(const Explanation& explanation);

}  // namespace bouncekit::classify
