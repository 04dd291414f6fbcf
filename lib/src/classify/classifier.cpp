// The classifier: weighs the evidence of a record in the documented order (docs/classifier.md)
// and fills reason, bounce, action_owner and, when the bounce stated none, an inferred status.
#include <array>
#include <vector>

#include "bouncekit/classify.hpp"
#include "classify/concepts.hpp"
#include "classify/diagnostic_text.hpp"
#include "util/phrase_matcher.hpp"
#include "classify/providers.hpp"
#include "classify/reasons.hpp"
#include "classify/reply_codes.hpp"
#include "classify/status_codes.hpp"
#include "classify/text_rules.hpp"
#include "classify/user_rules.hpp"
#include "util/strings.hpp"

namespace bouncekit::classify {
namespace {

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

bool temporary(const Record& r) {
  return r.action == "delayed" || (!r.reply_code.empty() && r.reply_code[0] == '4') ||
         (!r.status.empty() && r.status[0] == '4');
}

// A "user unknown" with an addressing status (X.1.x) or in reply to RCPT is what it says. One that
// comes in reply to DATA, after the address was accepted at RCPT, is a filter refusing the message
// for this recipient; so is one with a status outside the addressing subject, unless its words are
// those of a recipient directory (TextRule::definite). With neither a status nor the command it
// answered, the words alone are not proof enough to drop an address at once (a filter's canned
// refusal reads the same): filtered, a soft bounce that still suppresses when it repeats. Sisimai
// decides the same way.
std::string_view confirm_userunknown(const Record& r, bool definite) {
  int klass = 0, subject = 0, detail = 0;
  bool has_status = parse_status(r.status, klass, subject, detail) && !(subject == 0 && detail >= 900);
  if ((has_status && subject == 1) || r.smtp_command == "RCPT") return "userunknown";
  if (r.smtp_command == "DATA") return "filtered";
  if (r.smtp_command.empty() && !has_status) return "filtered";
  if (has_status && subject != 1 && !definite) return "filtered";
  return "userunknown";
}

// The SMTP command says whose problem a refusal is when the evidence itself is generic or names an
// address: at MAIL FROM the only address in play is the sender's; at the greeting, the connecting host.
std::string_view refine_by_command(const Record& r, std::string_view reason, Evidence evidence) {
  const std::string& cmd = r.smtp_command;
  bool generic = evidence == Evidence::status || evidence == Evidence::reply_code || evidence == Evidence::weak;
  int klass = 0, subject = 0, detail = 0;
  bool sender_status = parse_status(r.status, klass, subject, detail) && subject == 1 && (detail == 7 || detail == 8);
  if ((reason == "userunknown" || reason == "hostunknown" || reason == "filtered") &&
      (cmd == "MAIL" || sender_status))
    return "rejected";
  if (generic && (reason == "securityerror" || reason == "onhold" || reason == "syntaxerror")) {
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

Verdict finish(Verdict v, const Record& r) {
  std::string_view status = r.status;
  if (v.evidence != Evidence::decoder && v.evidence != Evidence::delivered && v.evidence != Evidence::provider &&
      v.evidence != Evidence::user_rule)
    v.reason = refine_by_command(r, v.reason, v.evidence);
  v.bounce = bounce_for(v.reason, status);
  v.action_owner = action_owner_for(v.reason);
  return v;
}

}  // namespace

const char* to_string(Evidence e) {
  switch (e) {
    case Evidence::decoder: return "decoder";
    case Evidence::delivered: return "delivered";
    case Evidence::provider: return "provider";
    case Evidence::user_rule: return "user_rule";
    case Evidence::text_rule: return "text_rule";
    case Evidence::pattern: return "pattern";
    case Evidence::concepts: return "concept";
    case Evidence::diagnostic_type: return "diagnostic_type";
    case Evidence::status: return "status";
    case Evidence::reply_code: return "reply_code";
    case Evidence::action: return "action";
    case Evidence::weak: return "weak";
    case Evidence::nothing: return "nothing";
  }
  return "nothing";
}

Classifier::Classifier() = default;
Classifier::~Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;

Verdict Classifier::classify(const Record& r) const {
  Verdict v;
  // Without a remote MTA, the reporting MTA is the system that refused: a provider's own report
  // ("Reporting-MTA: dns; mx3.hotmail.com") carries the provider's own words.
  const Provider* provider = find_provider(r.remote_mta.empty() ? r.reporting_mta : r.remote_mta, r.recipient_domain);
  if (provider) v.provider = provider->name;
  const std::string_view status = r.status;

  // 0. What the decoder knew from its format, and success reports.
  if (!r.reason.empty()) {
    v.reason = r.reason;
    v.evidence = Evidence::decoder;
    return finish(v, r);
  }
  if (!status.empty() && status[0] == '2') {
    v.reason = "delivered";
    v.evidence = Evidence::delivered;
    v.detail = status;
    return finish(v, r);
  }
  std::string storage;
  const std::string_view diag = without_continuations(r.diagnostic, storage);

  // 1. The provider's own codes and words.
  if (provider) {
    for (const ProviderRule& rule : provider->rules) {
      if (!rule.status.empty() && rule.status != status) continue;
      if (!rule.phrase.empty() && !util::contains_ci(diag, rule.phrase)) continue;
      v.reason = rule.reason;
      v.evidence = Evidence::provider;
      v.detail = rule.phrase.empty() ? rule.status : rule.phrase;
      return finish(v, r);
    }
  }

  // 2. The user's rules.
  if (user_ && !diag.empty()) {
    std::size_t i = user_->match(diag);
    if (i != std::string::npos) {
      v.reason = user_->rules[i].reason;
      v.evidence = Evidence::user_rule;
      v.detail = user_->rules[i].text;
      return finish(v, r);
    }
  }

  // 3. Built-in phrases, then patterns.
  if (!diag.empty()) {
    const BuiltIn& b = built_in();
    std::size_t p = b.phrases.first(diag);
    if (p != util::PhraseMatcher::npos) {
      v.reason = text_rules()[p].reason;
      v.evidence = Evidence::text_rule;
      v.detail = text_rules()[p].phrase;
    } else {
      for (std::size_t i = 0; i < b.patterns.size(); ++i) {
        if (!bounded_search(b.patterns[i], diag)) continue;
        v.reason = pattern_rules()[i].reason;
        v.evidence = Evidence::pattern;
        v.detail = pattern_rules()[i].pattern;
        break;
      }
    }
    // 3a. The concept layer, when no phrase spoke or only a weak one, and the status is generic.
    if ((v.reason.empty() || (v.evidence == Evidence::text_rule && text_rules()[p].weak)) &&
        generic_status(status)) {
      if (auto c = match_concepts(diag)) {
        v.reason = c->reason;
        v.evidence = Evidence::concepts;
        v.detail = c->rule;
        if (v.reason == "userunknown") v.reason = confirm_userunknown(r, directory_words(*c, status));
        return finish(v, r);
      }
    }
    if (v.evidence == Evidence::text_rule && text_rules()[p].weak) {
      const StatusCodeInfo* s = find_status_code(status);
      int klass = 0, subject = 0, detail = 0;
      if (s && !s->reason.empty() && !is_inferred_status(status) && parse_status(status, klass, subject, detail) &&
          !(subject == 0 && detail == 0)) {
        v.reason = s->reason;
        v.evidence = Evidence::status;
        v.detail = status;
        return finish(v, r);
      }
    }
    if (v.reason == "userunknown" && v.evidence == Evidence::text_rule) {
      bool definite = text_rules()[p].definite;
      int klass = 0, subject = 0, detail = 0;
      if (!definite && !(parse_status(status, klass, subject, detail) && subject == 1)) {
        // A phrase that may not say whose address ("does not exist"): the concept names it.
        if (auto c = match_concepts(diag); c && (c->reason == "hostunknown" || c->reason == "rejected")) {
          v.reason = c->reason;
          v.evidence = Evidence::concepts;
          v.detail = c->rule;
          return finish(v, r);
        } else {
          definite = c && directory_words(*c, status);
        }
      }
      v.reason = confirm_userunknown(r, definite);
    } else if (v.reason == "userunknown")
      v.reason = confirm_userunknown(r, false);
    if (!v.reason.empty()) return finish(v, r);
  }

  // 3b. An X-Unix diagnostic is the exit status or output of the local delivery program.
  if (util::iequals(r.diagnostic_type, "X-UNIX")) {
    v.reason = "mailererror";
    v.evidence = Evidence::diagnostic_type;
    v.detail = "X-Unix";
    return finish(v, r);
  }

  // 4. The enhanced status code.
  if (const StatusCodeInfo* s = find_status_code(status); s && !s->reason.empty() && !is_inferred_status(status)) {
    v.reason = s->reason;
    v.evidence = Evidence::status;
    v.detail = status;
    return finish(v, r);
  }

  // 5. The reply code.
  if (const ReplyCodeInfo* c = find_reply_code(r.reply_code); c && !c->reason.empty()) {
    v.reason = c->reason;
    v.evidence = Evidence::reply_code;
    v.detail = r.reply_code;
    return finish(v, r);
  }

  // 6. The action.
  if (r.action == "delayed") {
    v.reason = "expired";
    v.evidence = Evidence::action;
    v.detail = "delayed";
    return finish(v, r);
  }

  bool anything = !status.empty() || !r.reply_code.empty() || !util::trim(diag).empty();
  v.reason = anything ? "onhold" : "undefined";
  v.evidence = anything ? Evidence::weak : Evidence::nothing;
  return finish(v, r);
}

void Classifier::apply(Record& r) const {
  Verdict v = classify(r);
  std::string reason(v.reason);  // copy first: v.reason may view r.reason
  if (r.status.empty()) r.status = inferred_status(reason, temporary(r));
  r.bounce = std::string(bounce_for(reason, r.status));
  r.action_owner = std::string(v.action_owner);
  r.reason = std::move(reason);
}

const Classifier& default_classifier() {
  static const Classifier instance;
  return instance;
}

Verdict classify(const Record& record) { return default_classifier().classify(record); }

void apply(Record& record) { default_classifier().apply(record); }

std::string_view bounce_for(std::string_view reason, std::string_view status) {
  if (reason == "delivered" || reason == "feedback" || reason == "vacation") return "none";
  if (reason == "userunknown" || reason == "hostunknown" || reason == "hasmoved") return "hard";
  if (reason == "notaccept") return (!status.empty() && status[0] == '4') ? "soft" : "hard";
  return "soft";
}

std::string_view action_owner_for(std::string_view reason) {
  const ReasonInfo* info = find_reason(reason);
  return info ? info->owner : std::string_view{};
}

std::string inferred_status(std::string_view reason, bool temporary) {
  const ReasonInfo* info = find_reason(reason);
  if (!info || info->inferred_detail == 0) return {};
  return std::string(temporary ? "4.0." : "5.0.") + std::to_string(info->inferred_detail);
}

}  // namespace bouncekit::classify
