// bouncekit/classify.hpp — reason, hard/soft verdict and who must act, for a record.
//
// Evidence is weighed in a fixed order (docs/classifier.md): a reason a decoder already set, the
// provider table of the remote host or recipient domain, the user's rules, the built-in text rules,
// the diagnostic type, the enhanced status code, the reply code, and last the action (delayed -> expired).
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bouncekit/record.hpp"

namespace bouncekit::classify {

/// What decided a verdict.
enum class Evidence {
  decoder,     ///< the decoder set the reason from its own format (delivered, feedback, vacation, ...)
  delivered,   ///< the status is a 2.x.x success
  provider,    ///< a provider table (detail: the phrase or status; provider: its name)
  user_rule,   ///< a rule from the user's rules file (detail: the phrase or pattern)
  text_rule,   ///< a built-in phrase (detail: the phrase)
  pattern,     ///< a built-in regular expression (detail: the pattern)
  diagnostic_type,  ///< the diagnostic's type (X-Unix: the local delivery program failed)
  status,      ///< the enhanced status code (detail: the code)
  reply_code,  ///< the SMTP reply code (detail: the code)
  action,      ///< the DSN action (detail: the action)
  weak,        ///< there was evidence, but not enough to decide: onhold
  nothing,     ///< no evidence at all: undefined
};

/// Name of an Evidence value ("text_rule", ...).
const char* to_string(Evidence evidence);

/// Verdict for one record. The views point into static tables, the classifier's user rules, or the
/// record (for a decoder's reason): they stay valid as long as those do.
struct Verdict {
  std::string_view reason;        ///< Sisimai vocabulary (see DESIGN.md)
  std::string_view bounce;        ///< hard | soft | none
  std::string_view action_owner;  ///< recipient | sender | message | remote | "" (not a bounce or unknown)
  Evidence evidence = Evidence::nothing;
  std::string_view detail;    ///< the phrase, pattern or code that decided
  std::string_view provider;  ///< provider whose table decided, or whose host/domain the record belongs to
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

  /// Fills record.reason (kept if a decoder set it), record.bounce and record.action_owner, and an
  /// inferred X.0.9NN status when the bounce stated no status (never overwrites a stated one).
  void apply(Record& record) const;

 private:
  struct UserRules;
  std::unique_ptr<UserRules> user_;
};

/// The classifier with built-in rules only (shared, built on first use).
const Classifier& default_classifier();

/// default_classifier().classify(record).
Verdict classify(const Record& record);

/// default_classifier().apply(record).
void apply(Record& record);

/// Whether a reason is a hard bounce given the record's status ("notaccept" is hard only when permanent):
/// "hard", "soft", or "none" for delivered, feedback and vacation.
std::string_view bounce_for(std::string_view reason, std::string_view status);

/// Who must act for a reason: recipient, sender, message, remote, or "" (not a bounce, or unknown).
std::string_view action_owner_for(std::string_view reason);

/// The X.0.9NN placeholder status for a reason (class 4 when `temporary`), "" for reasons that get none.
/// RFC 3463 assigns no X.0.9NN code, so such a status is recognisably inferred.
std::string inferred_status(std::string_view reason, bool temporary);

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
  std::string evidence;  ///< what decided, in words
};

/// Explains a reply code ("550"), a status code ("5.1.1"), a diagnostic line, or a mix of them.
Explanation explain(std::string_view text, const Classifier& classifier = default_classifier());

/// Human-readable, several lines.
std::string to_text(const Explanation& explanation);

/// One JSON object.
std::string to_json(const Explanation& explanation);

}  // namespace bouncekit::classify
