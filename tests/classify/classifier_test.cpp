// The classifier's decisions: evidence order, provider tables, the userunknown/filtered distinction,
// refinement by SMTP command, hard/soft, who must act, and status inference.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/classify.hpp"
#include "classify/failed_record.hpp"
#include "classify/codes_in_text.hpp"
#include "classify/diagnostic_text.hpp"

namespace bk = bouncekit::classify;
using bouncekit::Record;
using bouncekit::test::reason;
using bouncekit::test::rec;

TEST(EvidenceOrder, TextBeatsAConflictingStatus) {
  EXPECT_EQ(reason(rec("550 5.1.1 <a@example.com>: mailbox full", "5.1.1", "550", "RCPT")), "mailboxfull");
  EXPECT_EQ(reason(rec("550 5.2.1 <a@example.com>: account disabled", "5.2.1", "550")), "suspend");
  EXPECT_EQ(reason(rec("552 5.2.2 message size exceeds fixed maximum message size", "5.2.2", "552")),
            "mesgtoobig");
  EXPECT_EQ(reason(rec("550 5.7.1 Service unavailable; client host blocked using zen.example", "5.7.1", "550")),
            "blocked");
}

TEST(EvidenceOrder, StatusBeatsReplyCodeWhichBeatsAction) {
  Record r = rec("550 the server said no", "5.2.2", "550");
  EXPECT_EQ(reason(r), "mailboxfull");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::status);
  r = rec("552 the server said no", "", "552");
  EXPECT_EQ(reason(r), "mailboxfull");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::reply_code);
  r = rec("", "4.0.0", "");
  r.action = "delayed";
  EXPECT_EQ(reason(r), "expired");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::action);
}

TEST(EvidenceOrder, OnholdForWeakEvidenceUndefinedForNone) {
  EXPECT_EQ(reason(rec("450 4.0.0 Temporary failure", "4.0.0", "450")), "onhold");
  EXPECT_EQ(reason(rec("", "", "")), "undefined");
  EXPECT_EQ(bk::classify(rec("", "", "")).evidence, bk::Evidence::nothing);
}

TEST(EvidenceOrder, DecoderHintsComeFirst) {
  using bouncekit::vocabulary::Reason;
  for (Reason kept : {Reason::feedback, Reason::vacation, Reason::delivered, Reason::userunknown}) {
    Record r = rec("550 mailbox full", "5.2.2", "550");
    r.hint = kept;
    bk::apply(r);
    EXPECT_EQ(r.reason, bouncekit::vocabulary::name(kept));
    EXPECT_EQ(r.evidence, "decoder");
  }
  // A reason string left in the record (a stored verdict) is not a hint: the finding decides again.
  Record stale = rec("550 mailbox full", "5.2.2", "550");
  stale.reason = "userunknown";
  bk::apply(stale);
  EXPECT_EQ(stale.reason, "mailboxfull");
  Record ok = rec("250 2.0.0 OK", "2.0.0", "250");
  EXPECT_EQ(reason(ok), "delivered");
}

TEST(EvidenceOrder, ProviderTableComesFirst) {
  // Microsoft's 5.4.1 is "recipient not in the directory", whatever the words.
  Record r = rec("550 5.4.1 Recipient address rejected: see your tenant settings", "5.4.1", "550");
  r.remote_mta = "example-org.mail.protection.outlook.com";
  EXPECT_EQ(reason(r), "userunknown");
  EXPECT_EQ(bk::classify(r).provider, "microsoft");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::provider);
  r.remote_mta = "mx.example.org";  // another host: the status table says network error
  EXPECT_NE(reason(r), "userunknown");
  // A gateway the provider table knows by name only (Proofpoint) in front of a provider's domain:
  // the domain's provider's rules still apply.
  r.remote_mta = "mx0a-00123401.pphosted.com";
  r.recipient_domain = "hotmail.com";
  EXPECT_EQ(bk::classify(r).provider, "microsoft");
  EXPECT_EQ(reason(r), "userunknown");
  // Cox's "sender rejected" with its block-list code is a block, not a refused sender.
  Record c = rec("550 5.1.0 <b@example.net> sender rejected. AUP#CDRBL", "5.1.0", "550", "MAIL");
  c.remote_mta = "cxr.mx.a.cloudfilter.net";
  c.recipient_domain = "cox.net";
  EXPECT_EQ(reason(c), "blocked");
  c.recipient_domain = "example.com";
  EXPECT_EQ(reason(c), "rejected");
  // Orange's French wording.
  Record o = rec("550 5.5.0 Le compte du destinataire est bloque.", "5.5.0", "550");
  o.recipient_domain = "orange.fr";
  EXPECT_EQ(reason(o), "suspend");
  // La Poste refuses in the same words, under its own name.
  Record l = rec("550 5.7.1 Service refuse. Veuillez essayer plus tard. LPN007_510", "5.7.1", "550");
  l.recipient_domain = "laposte.net";
  EXPECT_EQ(reason(l), "blocked");
  EXPECT_EQ(bk::classify(l).provider, "laposte");
}

TEST(UserUnknown, FilterAfterDataUnlessTheStatusOrCommandConfirmsIt) {
  EXPECT_EQ(reason(rec("550 5.1.1 User unknown", "5.1.1", "550", "DATA")), "userunknown");
  EXPECT_EQ(reason(rec("550 User unknown", "5.0.0", "550", "RCPT")), "userunknown");
  EXPECT_EQ(reason(rec("550 User unknown", "5.0.0", "550", "DATA")), "filtered");
  EXPECT_EQ(reason(rec("550 5.2.1 User unknown", "5.2.1", "550")), "filtered");
  // Neither a status nor the command it answered: not proof enough to drop the address at once.
  EXPECT_EQ(reason(rec("550 User unknown", "", "550")), "filtered");
  EXPECT_EQ(reason(rec("550 User unknown", "", "550", "RCPT")), "userunknown");
  // A recipient directory's own words stand with a vague status.
  EXPECT_EQ(reason(rec("550 x@example.org... No such user", "5.0.0", "550")), "userunknown");
}

// The command a reply answered, as the bounce text states it in an MTA's fixed words, when the
// record has no command field (texts written for the test).
TEST(Command, ReadFromTheTextWhenTheRecordHasNone) {
  EXPECT_EQ(bk::command_in_text("host mx.example.net said: 550 no good (in reply to RCPT TO command)", ""), "RCPT");
  EXPECT_EQ(bk::command_in_text("host mx.example.net said: 550 go away (in reply to end of DATA command)", ""),
            "DATA");
  EXPECT_EQ(bk::command_in_text("SMTP error from remote mail server after RCPT TO:<a@example.org>: 550 nope", ""),
            "RCPT");
  EXPECT_EQ(bk::command_in_text("SMTP error from remote mail server after end of data: 550 nope", ""), "DATA");
  EXPECT_EQ(bk::command_in_text("192.0.2.1 does not like recipient. Remote host said: 550 nope", ""), "RCPT");
  // The first one the text names: a transcript's later QUIT or DATA is not what failed.
  EXPECT_EQ(bk::command_in_text(">>> RCPT To:<a@example.org> <<< 550 nope >>> DATA", ""), "RCPT");
  // A reply that begins by naming the recipient answers that recipient's RCPT TO.
  EXPECT_EQ(bk::command_in_text("550 <pat@example.org>... User unknown", "pat@example.org"), "RCPT");
  // A reply code written with a colon still leads the reply.
  EXPECT_EQ(bk::command_in_text("550: <pat@example.org>: User unknown", "pat@example.org"), "RCPT");
  EXPECT_EQ(bk::command_in_text("550:<pat@example.org>", "pat@example.org"), "");
  // The last command that got a reply, as a qmail-remote that tries every MX names it.
  EXPECT_EQ(bk::command_in_text("no connection got far enough; most progress was RCPT TO response; 550 no", ""),
            "RCPT");
  bool by_shape = false;
  EXPECT_EQ(bk::command_in_text("550 <pat@example.org>... User unknown", "pat@example.org", &by_shape), "RCPT");
  EXPECT_TRUE(by_shape);
  EXPECT_EQ(bk::command_in_text("550 <pat@example.org>... User unknown [RCPT_TO]", "pat@example.org", &by_shape),
            "RCPT");
  EXPECT_FALSE(by_shape);
  EXPECT_EQ(bk::command_in_text("550 5.1.1 <Pat@Example.org>: refused", "pat@example.org"), "RCPT");
  // Someone else's address, an address without the reply's punctuation, or no words at all: unknown.
  EXPECT_EQ(bk::command_in_text("550 <other@example.org>... User unknown", "pat@example.org"), "");
  EXPECT_EQ(bk::command_in_text("550 <pat@example.org> and more", "pat@example.org"), "");
  EXPECT_EQ(bk::command_in_text("550 <pat@example.org", "pat@example.org"), "");
  EXPECT_EQ(bk::command_in_text("550 User unknown", "pat@example.org"), "");
  EXPECT_EQ(bk::command_in_text("", ""), "");
}

TEST(UserUnknown, ACommandReadFromTheTextConfirmsItUnlessAStatusOfAnotherSubjectSaysOtherwise) {
  bouncekit::Record r = rec("550 <pat@example.org>... User unknown", "", "550");
  r.recipient = "pat@example.org";
  EXPECT_EQ(reason(r), "userunknown");
  r.status = "5.0.0";
  EXPECT_EQ(reason(r), "userunknown");
  r.status = "5.2.1";  // the status says the mailbox is disabled or the message refused
  EXPECT_EQ(reason(r), "filtered");
  EXPECT_EQ(reason(rec("relay said: 550 User unknown (in reply to end of DATA command)", "5.0.0", "550")),
            "filtered");
  EXPECT_EQ(reason(rec("relay said: 550 User unknown (in reply to RCPT TO command)", "", "550")), "userunknown");
  // Words that name the command weigh as much as a decoder's field, even against a status of another
  // subject; the reply's shape alone (above) does not.
  r.diagnostic = "550 5.2.1 <pat@example.org>... User unknown [RCPT_TO]";
  EXPECT_EQ(reason(r), "userunknown");
  EXPECT_EQ(reason(rec("mx.example.org does not like recipient. Remote host said: 550 5.2.1 User unknown", "5.2.1",
                       "550")),
            "userunknown");
  EXPECT_EQ(reason(rec("550 5.2.1 User unknown (in reply to end of DATA command)", "5.2.1", "550")), "filtered");
  // A command the record states is not overridden by the text.
  EXPECT_EQ(reason(rec("relay said: 550 User unknown (in reply to RCPT TO command)", "", "550", "DATA")), "filtered");
}

TEST(Command, RefusalsAtMailFromAreTheSendersAndAtTheGreetingTheHosts) {
  EXPECT_EQ(reason(rec("553 5.1.7 No such domain example.net", "5.1.7", "553", "MAIL")), "rejected");
  EXPECT_EQ(reason(rec("550 5.7.1 Access denied", "5.7.1", "550", "MAIL")), "rejected");
  EXPECT_EQ(reason(rec("550 Access denied", "5.0.0", "550", "CONN")), "blocked");
  EXPECT_EQ(reason(rec("550 5.7.1 Access denied", "5.7.1", "550", "RCPT")), "securityerror");
}

TEST(Text, ContinuationPrefixesDoNotBreakPhrases) {
  EXPECT_EQ(reason(rec("550-5.7.1 Messages with multiple 550-5.7.1 addresses in From: header are not accepted",
                       "5.7.1", "550")),
            "notcompliantrfc");
  std::string storage;
  EXPECT_EQ(bk::without_continuations("550-5.7.1 a 550-5.7.1 b 550 5.7.1 c", storage), "550-5.7.1 a  b  c");
  EXPECT_EQ(bk::without_continuations("550 plain text 550 mailboxes", storage), "550 plain text 550 mailboxes");
  EXPECT_EQ(reason(rec("550   USER    UNKNOWN", "5.1.1", "550")), "userunknown");  // case and spacing
}

TEST(HardSoft, FollowsTheReasonAndNotacceptsPermanence) {
  using bouncekit::vocabulary::Bounce;
  using bouncekit::vocabulary::Reason;
  using bouncekit::vocabulary::bounce_of;
  EXPECT_EQ(bounce_of(Reason::userunknown, true), Bounce::hard);
  EXPECT_EQ(bounce_of(Reason::hostunknown, false), Bounce::hard);
  EXPECT_EQ(bounce_of(Reason::hasmoved, false), Bounce::hard);
  EXPECT_EQ(bounce_of(Reason::notaccept, false), Bounce::hard);
  EXPECT_EQ(bounce_of(Reason::notaccept, true), Bounce::soft);
  EXPECT_EQ(bounce_of(Reason::mailboxfull, false), Bounce::soft);
  EXPECT_EQ(bounce_of(Reason::delivered, false), Bounce::none);
  EXPECT_EQ(bounce_of(Reason::feedback, false), Bounce::none);
  EXPECT_EQ(bounce_of(Reason::vacation, false), Bounce::none);
  // A temporary notaccept is soft through the classifier too: the 4xx reply decides.
  Record t = rec("421 domain does not accept mail", "", "421");
  bk::apply(t);
  EXPECT_EQ(t.bounce, "soft");
}

TEST(Apply, InfersAPlaceholderStatusInItsOwnFieldOnlyWhenNoneWasStated) {
  Record r = rec("550 no such user here", "", "550", "RCPT");
  bk::apply(r);
  EXPECT_EQ(r.reason, "userunknown");
  EXPECT_EQ(r.status, "");  // the bounce stated none: nothing is made up in `status`
  EXPECT_EQ(r.inferred_status, "5.0.911");
  EXPECT_EQ(r.evidence, "text_rule");
  EXPECT_EQ(r.rule, "no such user");
  EXPECT_EQ(r.bounce, "hard");
  EXPECT_EQ(r.action_owner, "recipient");

  Record d = rec("connect to mx.example.net: Connection timed out", "", "");
  d.action = "delayed";
  bk::apply(d);
  EXPECT_EQ(d.reason, "expired");
  EXPECT_EQ(d.inferred_status, "4.0.947");
  EXPECT_EQ(d.action_owner, "remote");

  Record t = rec("421 domain does not accept mail", "", "421");
  bk::apply(t);
  EXPECT_EQ(t.reason, "notaccept");
  EXPECT_EQ(t.inferred_status, "4.0.932");
  EXPECT_EQ(t.bounce, "soft");

  Record stated = rec("550 5.1.1 mailbox full", "5.1.1", "550");
  bk::apply(stated);
  EXPECT_EQ(stated.status, "5.1.1");  // never overwritten
  EXPECT_EQ(stated.inferred_status, "");

  Record in_text = rec("550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown");
  bk::apply(in_text);
  EXPECT_EQ(in_text.inferred_status, "");    // the text states one
  EXPECT_EQ(in_text.reason, "userunknown");  // ... and its 5.1.1 counts as stated

  Record v;
  v.hint = bouncekit::vocabulary::Reason::vacation;
  bk::apply(v);
  EXPECT_EQ(v.reason, "vacation");
  EXPECT_EQ(v.evidence, "decoder");
  EXPECT_EQ(v.inferred_status, "");  // non-bounces get no status
  EXPECT_EQ(v.bounce, "none");
  EXPECT_EQ(v.action_owner, "");

  EXPECT_EQ(bk::inferred_status(bouncekit::vocabulary::Reason::blocked, false), "5.0.971");
  EXPECT_EQ(bk::inferred_status(bouncekit::vocabulary::Reason::feedback, false), "");
}

TEST(Explain, TextNamesReasonCodesAndAdvice) {
  bk::Explanation e = bk::explain("550 5.7.1 Service unavailable; client host blocked using Spamhaus");
  EXPECT_EQ(e.reason, "blocked");
  EXPECT_EQ(e.bounce, "soft");
  EXPECT_EQ(e.action_owner, "sender");
  EXPECT_EQ(e.reply_code, "550");
  EXPECT_EQ(e.status, "5.7.1");
  EXPECT_FALSE(e.status_inferred);
  std::string text = bk::to_text(e);
  EXPECT_NE(text.find("reason:        blocked (soft bounce; sender must act)"), std::string::npos) << text;
  EXPECT_NE(text.find("reply code:    550 (permanent negative, mail system)"), std::string::npos) << text;
  EXPECT_NE(text.find("status code:   5.7.1 (security or policy)"), std::string::npos) << text;
  EXPECT_NE(text.find("text rule: 'blocked using'"), std::string::npos) << text;

  bk::Explanation code = bk::explain("5.1.1");
  EXPECT_EQ(code.reason, "userunknown");
  EXPECT_EQ(code.bounce, "hard");
  EXPECT_EQ(code.reply_code, "");
  EXPECT_EQ(code.status_subject, "addressing");

  bk::Explanation reply = bk::explain("452");
  EXPECT_EQ(reply.reply_class, "transient negative");
  EXPECT_EQ(reply.reason, "onhold");
  EXPECT_TRUE(reply.status_inferred);
  EXPECT_EQ(reply.status, "4.0.901");

  std::string json = bk::to_json(code);
  EXPECT_NE(json.find("\"reason\":\"userunknown\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"reply_code\":null"), std::string::npos) << json;
}
