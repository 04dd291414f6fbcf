// The classifier: weighs the finding of a record in the documented order
// (docs/classifier.md) and fills its verdict: reason, bounce, action_owner,
// evidence, rule and, when the bounce stated no status, an inferred placeholder
// status in its own field.
#include <array>
#include <vector>

#include "bouncekit/classify.hpp"
#include "classify/codes_in_text.hpp"
#include "classify/concepts.hpp"
#include "classify/diagnostic_text.hpp"
#include "classify/reply_codes.hpp"
#include "classify/status_codes.hpp"
#include "classify/text_rules.hpp"
#include "classify/user_rules.hpp"
#include "providers/providers.hpp"
#include "util/phrase_matcher.hpp"
#include "util/strings.hpp"

namespace bouncekit::classify {
namespace {

using vocabulary::Reason;

// The built-in text rules, compiled once.
struct BuiltIn {
  util::PhraseMatcher phrases;
  std::vector<boost::regex> patterns;

  BuiltIn() {
    std::vector<std::string_view> texts;
    for (const TextRule& r : text_rules()) texts.push_back(r.phrase);
    phrases = util::PhraseMatcher(std::span<const std::string_view>(texts));
    for (const PatternRule& r : pattern_rules())
      patterns.emplace_back(std::string(r.pattern), boost::regex::perl | boost::regex::icase);
  }
};

const BuiltIn& built_in() {
  static const BuiltIn instance;
  return instance;
}

// What the record states, with the codes its diagnostic text states where the
// decoder left the fields empty (explain reads a line the same way).
struct Finding {
  const Record& r;
  std::string status;
  std::string reply_code;
  std::string storage;
  std::string_view diag;  // the diagnostic without continuation-line code prefixes

  explicit Finding(const Record& record) : r(record), status(record.status), reply_code(record.reply_code) {
    if (status.empty()) status = status_in_text(r.diagnostic);
    if (reply_code.empty()) reply_code = reply_code_in_text(r.diagnostic);
    diag = without_continuations(r.diagnostic, storage);
  }
  // The SMTP command the reply answered, as the record states it or else as its text does; read
  // from the text only when a decision asks for it.
  const std::string& command() const {
    if (!command_read_) {
      command_ = r.smtp_command.empty() ? command_in_text(r.diagnostic, r.recipient, &by_shape_) : r.smtp_command;
      command_read_ = true;
    }
    return command_;
  }
  // RCPT read only from the reply's shape ("550 5.2.1 <x@y>... User unknown"), not from words that
  // name the command ("in reply to RCPT TO command", "[RCPT_TO]", "does not like recipient").
  bool command_by_shape() const {
    command();
    return by_shape_;
  }
  bool temporary() const {
    return r.action == "delayed" || (!reply_code.empty() && reply_code[0] == '4') ||
           (!status.empty() && status[0] == '4');
  }

 private:
  mutable std::string command_;
  mutable bool command_read_ = false;
  mutable bool by_shape_ = false;
};

// The decision before the vocabulary row is looked up: table reasons are names.
struct Draft {
  std::string_view reason;
  Evidence evidence = Evidence::nothing;
  std::string_view rule;
};

// A "user unknown" with an addressing status (X.1.x) or in reply to RCPT is
// what it says (the command as the record states it, or as the text states it
// in an MTA's fixed words, codes_in_text.hpp, when no status of another subject
// contradicts it). One that comes in reply to DATA, after the address was
// accepted at RCPT, is a filter refusing the message for this recipient; so is
// one with a status outside the addressing subject, unless its words are those
// of a recipient directory (TextRule::definite). With neither a status nor the
// command it answered, the words alone are not proof enough to drop an address
// at once (a filter's canned refusal reads the same): filtered, a soft bounce
// that still suppresses when it repeats.
std::string_view confirm_userunknown(const Finding& f, bool definite) {
  int klass = 0, subject = 0, detail = 0;
  bool has_status = parse_status(f.status, klass, subject, detail) && !(subject == 0 && detail >= 900);
  if (has_status && subject == 1) return "userunknown";
  const std::string& cmd = f.command();
  // RCPT read only from the reply's shape weighs less than a status of another subject ("5.2.1
  // <x@y>... User unknown": the status says the mailbox is disabled or the message refused). The
  // MTA's own words naming the command (codes_in_text.cpp) weigh as much as a decoder's field.
  if (cmd == "RCPT" && !(f.command_by_shape() && has_status && subject != 0)) return "userunknown";
  if (cmd == "DATA" || (cmd.empty() && !has_status)) return "filtered";
  if (has_status && !definite) return "filtered";
  return "userunknown";
}

// The SMTP command says whose problem a refusal is when the evidence itself is
// generic or names an address: at MAIL FROM the only address in play is the
// sender's; at the greeting, the connecting host.
std::string_view refine_by_command(const Finding& f, std::string_view reason, Evidence evidence) {
  bool generic = evidence == Evidence::status || evidence == Evidence::reply_code || evidence == Evidence::weak;
  int klass = 0, subject = 0, detail = 0;
  bool sender_status = parse_status(f.status, klass, subject, detail) && subject == 1 && (detail == 7 || detail == 8);
  if ((reason == "userunknown" || reason == "hostunknown" || reason == "filtered") &&
      (sender_status || f.command() == "MAIL"))
    return "rejected";
  // Words that say the domain does not exist, in a failure the reporting server will retry: the
  // lookup failed for now (a DNS outage, a zone being moved), not the domain is gone.
  bool words = evidence == Evidence::text_rule || evidence == Evidence::pattern || evidence == Evidence::concepts;
  if (words && reason == "hostunknown" && f.temporary()) return "networkerror";
  if (generic && (reason == "securityerror" || reason == "onhold" || reason == "syntaxerror")) {
    const std::string& cmd = f.command();
    if (cmd == "MAIL") return "rejected";
    if (cmd == "CONN" || cmd == "HELO" || cmd == "EHLO") return "blocked";
  }
  return reason;
}

// A status that says only its class or subject (X.Y.0, X.7.x refusals read as securityerror), or none:
// words that say plainly what happened decide over it (the concept layer, docs/classifier.md).
bool generic_status(std::string_view status) {
  int klass = 0, subject = 0, detail = 0;
  if (status.empty() || is_inferred_status(status) || !parse_status(status, klass, subject, detail)) return true;
  const StatusCodeInfo* s = find_status_code(status);
  return !s || s->reason.empty() || detail == 0 || s->reason == "securityerror";
}

// A recipient directory's words ("does not exist", "no such user") outweigh a status of another
// subject ("5.7.1 ... user does not exist"); a status X.0.x says nothing either way, and with it (or
// without a status) the words stay as weak as confirm_userunknown() says.
bool directory_status(std::string_view status) {
  int klass = 0, subject = 0, detail = 0;
  return parse_status(status, klass, subject, detail) && subject >= 2 && !is_inferred_status(status);
}
bool directory_words(const ConceptMatch& c, std::string_view status) {
  return says_not_found(c) && directory_status(status);
}

}  // namespace

const char* to_string(Evidence e) {
  switch (e) {
    case Evidence::decoder:
      return "decoder";
    case Evidence::delivered:
      return "delivered";
    case Evidence::provider:
      return "provider";
    case Evidence::user_rule:
      return "user_rule";
    case Evidence::text_rule:
      return "text_rule";
    case Evidence::pattern:
      return "pattern";
    case Evidence::concepts:
      return "concept";
    case Evidence::diagnostic_type:
      return "diagnostic_type";
    case Evidence::status:
      return "status";
    case Evidence::reply_code:
      return "reply_code";
    case Evidence::action:
      return "action";
    case Evidence::weak:
      return "weak";
    case Evidence::nothing:
      return "nothing";
  }
  return "nothing";
}

Classifier::Classifier() = default;
Classifier::Classifier(ClassifierOptions options) : options_(options) {}
Classifier::~Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;

Verdict Classifier::classify(const Record& r) const {
  const Finding f(r);
  Verdict v;
  v.temporary = f.temporary();
  v.status_stated = !f.status.empty();
  // Without a remote MTA, the reporting MTA is the system that refused: a
  // provider's own report
  // ("Reporting-MTA: dns; mx3.hotmail.com") carries the provider's own words.
  const providers::Provider* provider =
      options_.provider_tables
          ? providers::with_rules(r.remote_mta.empty() ? r.reporting_mta : r.remote_mta, r.recipient_domain)
          : nullptr;
  if (provider) v.provider = provider->name;

  auto finish = [&](Draft d) {
    if (d.evidence != Evidence::decoder && d.evidence != Evidence::delivered && d.evidence != Evidence::provider &&
        d.evidence != Evidence::user_rule)
      d.reason = refine_by_command(f, d.reason, d.evidence);
    // Every table's reasons are checked against the vocabulary by the tests; an
    // unknown name from a rules file is refused when the file is loaded.
    // Undefined is the safe answer all the same.
    v.reason = vocabulary::reason_named(d.reason).value_or(Reason::undefined);
    v.evidence = d.evidence;
    v.rule = std::string(d.rule);
    v.bounce = vocabulary::bounce_of(v.reason, v.temporary);
    v.owner = vocabulary::row(v.reason).owner;
    return v;
  };
  const std::string_view status = f.status;

  // 0. What the decoder knew from its format, and success reports.
  if (r.hint) {
    v.reason = *r.hint;
    v.evidence = Evidence::decoder;
    v.rule = std::string(vocabulary::name(*r.hint));
    v.bounce = vocabulary::bounce_of(v.reason, v.temporary);
    v.owner = vocabulary::row(v.reason).owner;
    return v;
  }
  if (!status.empty() && status[0] == '2') return finish({"delivered", Evidence::delivered, status});
  const std::string_view diag = f.diag;

  // 1. The provider's own codes and words.
  if (provider) {
    for (const providers::Rule& rule : provider->rules) {
      if (!rule.status.empty() && rule.status != status) continue;
      if (!rule.phrase.empty() && !util::contains_ci(diag, rule.phrase)) continue;
      return finish({rule.reason, Evidence::provider, rule.phrase.empty() ? rule.status : rule.phrase});
    }
  }

  // 2. The user's rules.
  if (user_ && !diag.empty()) {
    std::size_t i = user_->match(diag);
    if (i != std::string::npos) return finish({user_->rules[i].reason, Evidence::user_rule, user_->rules[i].text});
  }

  // 3. Built-in phrases, then patterns.
  if (!diag.empty()) {
    Draft d;
    const BuiltIn& b = built_in();
    std::size_t p = b.phrases.first(diag);
    if (p != util::PhraseMatcher::npos) {
      d = {text_rules()[p].reason, Evidence::text_rule, text_rules()[p].phrase};
    } else {
      for (std::size_t i = 0; i < b.patterns.size(); ++i) {
        if (!bounded_search(b.patterns[i], diag)) continue;
        d = {pattern_rules()[i].reason, Evidence::pattern, pattern_rules()[i].pattern};
        break;
      }
    }
    // 3a. The concept layer, when no phrase spoke or only a weak one, and the status is generic.
    if ((d.reason.empty() || (d.evidence == Evidence::text_rule && text_rules()[p].weak)) && generic_status(status)) {
      if (auto c = match_concepts(diag)) {
        Draft said{c->reason, Evidence::concepts, c->rule};
        if (said.reason == "userunknown") said.reason = confirm_userunknown(f, directory_words(*c, status));
        return finish(said);
      }
    }
    if (d.evidence == Evidence::text_rule && text_rules()[p].weak) {
      const StatusCodeInfo* s = find_status_code(status);
      int klass = 0, subject = 0, detail = 0;
      if (s && !s->reason.empty() && !is_inferred_status(status) && parse_status(status, klass, subject, detail) &&
          !(subject == 0 && detail == 0))
        return finish({s->reason, Evidence::status, status});
    }
    if (d.reason == "userunknown" && d.evidence == Evidence::text_rule) {
      bool definite = text_rules()[p].definite;
      int klass = 0, subject = 0, detail = 0;
      if (!definite && !(parse_status(status, klass, subject, detail) && subject == 1)) {
        // A phrase that may not say whose address ("does not exist"): the concept names it.
        auto c = match_concepts(diag);
        if (c && (c->reason == "hostunknown" || c->reason == "rejected"))
          return finish({c->reason, Evidence::concepts, c->rule});
        definite = c && directory_words(*c, status);
      }
      d.reason = confirm_userunknown(f, definite);
    } else if (d.reason == "userunknown") {
      d.reason = confirm_userunknown(f, false);
    }
    if (!d.reason.empty()) return finish(d);
  }

  // 3b. An X-Unix diagnostic is the exit status or output of the local delivery
  // program.
  if (util::iequals(r.diagnostic_type, "X-UNIX")) return finish({"mailererror", Evidence::diagnostic_type, "X-Unix"});

  // 4. The enhanced status code.
  if (const StatusCodeInfo* s = find_status_code(status); s && !s->reason.empty() && !is_inferred_status(status))
    return finish({s->reason, Evidence::status, status});

  // 5. The reply code.
  if (const ReplyCodeInfo* c = find_reply_code(f.reply_code); c && !c->reason.empty())
    return finish({c->reason, Evidence::reply_code, f.reply_code});

  // 6. The action.
  if (r.action == "delayed") return finish({"expired", Evidence::action, "delayed"});

  bool anything = !status.empty() || !f.reply_code.empty() || !util::trim(diag).empty();
  return finish(anything ? Draft{"onhold", Evidence::weak, {}} : Draft{"undefined", Evidence::nothing, {}});
}

namespace {

// The verdict's words come from fixed tables: each is one permanent text for the whole process
// (SharedText::permanent), which every record naming it shares without allocating.
template <std::size_t N, typename NameOf>
std::array<SharedText, N> permanent_words(NameOf name_of) {
  std::array<SharedText, N> words;
  for (std::size_t i = 0; i < N; ++i) words[i] = SharedText::permanent(name_of(i));
  return words;
}
constexpr std::size_t kReasons = static_cast<std::size_t>(Reason::vacation) + 1;
const SharedText& word(Reason reason) {
  static const auto words =
      permanent_words<kReasons>([](std::size_t i) { return vocabulary::name(static_cast<Reason>(i)); });
  return words[static_cast<std::size_t>(reason)];
}
const SharedText& word(vocabulary::Bounce bounce) {
  static const auto words = permanent_words<static_cast<std::size_t>(vocabulary::Bounce::none) + 1>(
      [](std::size_t i) { return vocabulary::name(static_cast<vocabulary::Bounce>(i)); });
  return words[static_cast<std::size_t>(bounce)];
}
const SharedText& word(vocabulary::Owner owner) {
  static const auto words = permanent_words<static_cast<std::size_t>(vocabulary::Owner::none) + 1>(
      [](std::size_t i) { return vocabulary::name(static_cast<vocabulary::Owner>(i)); });
  return words[static_cast<std::size_t>(owner)];
}
const SharedText& word(Evidence evidence) {
  static const auto words = permanent_words<static_cast<std::size_t>(Evidence::nothing) + 1>(
      [](std::size_t i) { return std::string_view(to_string(static_cast<Evidence>(i))); });
  return words[static_cast<std::size_t>(evidence)];
}
const SharedText& inferred_status_word(Reason reason, bool temporary) {
  static const auto five = permanent_words<kReasons>(  // 5.0.9NN
      [](std::size_t i) { return inferred_status(static_cast<Reason>(i), false); });
  static const auto four = permanent_words<kReasons>(  // 4.0.9NN
      [](std::size_t i) { return inferred_status(static_cast<Reason>(i), true); });
  return (temporary ? four : five)[static_cast<std::size_t>(reason)];
}

}  // namespace

void Classifier::apply(Record& r) const {
  Verdict v = classify(r);
  r.reason = word(v.reason);
  r.bounce = word(v.bounce);
  r.action_owner = word(v.owner);
  r.evidence = word(v.evidence);
  // The rule is a table's phrase or a code: the records a thread classifies one after the other
  // share it when it is the same.
  thread_local TextReuse rules;
  r.rule = rules(v.rule);
  // Only when nothing states a status: not the field, not the diagnostic's own words.
  r.inferred_status = v.status_stated ? SharedText() : inferred_status_word(v.reason, v.temporary);
}

const Classifier& default_classifier() {
  static const Classifier instance;
  return instance;
}

Verdict classify(const Record& record) { return default_classifier().classify(record); }

void apply(Record& record) { default_classifier().apply(record); }

std::string inferred_status(vocabulary::Reason reason, bool temporary) {
  int detail = vocabulary::row(reason).inferred_detail;
  if (detail == 0) return {};
  return std::string(temporary ? "4.0." : "5.0.") + std::to_string(detail);
}

}  // namespace bouncekit::classify
