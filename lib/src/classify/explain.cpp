// explain(): what a reply code, a status code or a diagnostic line means, and what to do about it.
// All the knowledge lives in the tables; this file only looks things up and lays them out.
#include <nlohmann/json.hpp>

#include <sstream>

#include "bouncekit/classify.hpp"
#include "classify/codes_in_text.hpp"
#include "classify/reply_codes.hpp"
#include "classify/status_codes.hpp"
#include "util/strings.hpp"

namespace bouncekit::classify {

std::string describe(const Verdict& v) {
  const std::string& d = v.rule;
  switch (v.evidence) {
    case Evidence::decoder: return "set by the decoder";
    case Evidence::delivered: return "status " + d + " is a success";
    case Evidence::provider: return "provider table '" + std::string(v.provider) + "': '" + d + "'";
    case Evidence::user_rule: return "user rule: '" + d + "'";
    case Evidence::text_rule: return "text rule: '" + d + "'";
    case Evidence::pattern: return "text pattern: " + d;
    case Evidence::concepts: return "concept: " + d;
    case Evidence::diagnostic_type: return "diagnostic type " + d + " (the local delivery program)";
    case Evidence::status: return "status code " + d;
    case Evidence::reply_code: return "reply code " + d;
    case Evidence::action: return "action " + d;
    case Evidence::weak: return "nothing decisive in the codes or the text";
    case Evidence::nothing: return "no code and no text";
  }
  return {};
}

Explanation explain(std::string_view text, const Classifier& classifier) {
  Explanation e;
  e.input = std::string(util::trim(text));
  // The line is read as a decoder hands over a diagnostic: the classifier finds the codes the
  // text states itself, so explain and classify() give the same verdict for the same words.
  Record r;
  r.diagnostic = e.input;
  Verdict v = classifier.classify(r);
  r.reply_code = reply_code_in_text(e.input);
  r.status = status_in_text(e.input);

  e.reply_code = r.reply_code;
  if (!r.reply_code.empty()) {
    e.reply_class = std::string(reply_class(r.reply_code));
    e.reply_category = std::string(reply_category(r.reply_code));
    if (const ReplyCodeInfo* c = find_reply_code(r.reply_code)) {
      e.reply_meaning = std::string(c->meaning);
      e.reply_advice = std::string(c->advice);
    } else {
      e.reply_meaning = "Not a code the standards or common servers define; its class is " + e.reply_class + ".";
    }
  }
  e.reason = std::string(vocabulary::name(v.reason));
  e.status = r.status;
  if (e.status.empty()) {
    e.status = inferred_status(v.reason, v.temporary);
    e.status_inferred = !e.status.empty();
  }
  if (!e.status.empty()) {
    e.status_subject = std::string(status_subject(e.status));
    if (e.status_inferred)
      e.status_meaning = "Inferred from the reason: the input states no enhanced status code.";
    else if (const StatusCodeInfo* s = find_status_code(e.status))
      e.status_meaning = std::string(s->meaning);
    else
      e.status_meaning = "Not a registered code; its subject is " + e.status_subject + ".";
  }
  e.bounce = std::string(vocabulary::name(v.bounce));
  e.action_owner = std::string(vocabulary::name(v.owner));
  e.reason_meaning = std::string(vocabulary::row(v.reason).meaning);
  e.advice = std::string(vocabulary::row(v.reason).advice);
  e.evidence = to_string(v.evidence);
  e.rule = v.rule;
  e.decided_by = describe(v);
  return e;
}

std::string to_text(const Explanation& e) {
  std::ostringstream out;
  out << "reason:        " << e.reason << " (" << e.bounce << " bounce";
  if (!e.action_owner.empty()) out << "; " << e.action_owner << " must act";
  out << ")\n";
  out << "               " << e.reason_meaning << "\n";
  out << "what to do:    " << e.advice << "\n";
  out << "decided by:    " << e.decided_by << "\n";
  if (!e.reply_code.empty()) {
    out << "reply code:    " << e.reply_code << " (" << e.reply_class << ", " << e.reply_category << ")\n";
    out << "               " << e.reply_meaning << "\n";
    if (!e.reply_advice.empty()) out << "               " << e.reply_advice << "\n";
  }
  if (!e.status.empty()) {
    out << "status code:   " << e.status << (e.status_inferred ? " (inferred)" : "");
    if (!e.status_subject.empty()) out << " (" << e.status_subject << ")";
    out << "\n               " << e.status_meaning << "\n";
  }
  return out.str();
}

std::string to_json(const Explanation& e) {
  auto opt = [](const std::string& s) { return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s); };
  nlohmann::ordered_json j;
  j["input"] = e.input;
  j["reason"] = e.reason;
  j["bounce"] = e.bounce;
  j["action_owner"] = opt(e.action_owner);
  j["reason_meaning"] = opt(e.reason_meaning);
  j["advice"] = opt(e.advice);
  j["evidence"] = e.evidence;
  j["rule"] = opt(e.rule);
  j["decided_by"] = e.decided_by;
  j["reply_code"] = opt(e.reply_code);
  j["reply_class"] = opt(e.reply_class);
  j["reply_category"] = opt(e.reply_category);
  j["reply_meaning"] = opt(e.reply_meaning);
  j["reply_advice"] = opt(e.reply_advice);
  j["status"] = opt(e.status);
  j["status_inferred"] = e.status_inferred;
  j["status_subject"] = opt(e.status_subject);
  j["status_meaning"] = opt(e.status_meaning);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace bouncekit::classify
