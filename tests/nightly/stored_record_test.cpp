// What a run stores of a record, and the record a stored one stands for when it is decided again.
#include <gtest/gtest.h>

#include <sstream>

#include "bouncekit/classify.hpp"
#include "nightly/stored_record.hpp"

namespace {

namespace nd = bouncekit::nightly::detail;
using bouncekit::Record;
using bouncekit::analysis::StoredRecord;
using bouncekit::classify::Classifier;

Record refusal() {
  Record r;
  r.timestamp = "2026-11-20T10:00:00Z";
  r.recipient = "Dee@Example.org";
  r.recipient_domain = "example.org";
  r.action = "failed";
  r.status = "5.0.0";
  r.reply_code = "550";
  r.diagnostic = "550 no account of that name at this site";
  r.diagnostic_type = "SMTP";
  r.remote_mta = "mx.example.org";
  r.reporting_mta = "relay.example.com";
  r.smtp_command = "RCPT";
  r.decoded_by = "rfc3464";
  return r;
}

Classifier with_rule(const std::string& line) {
  Classifier c;
  std::istringstream in(line + "\n");
  c.load_rules(in, "test.rules");
  return c;
}

TEST(StoredRecord, TheStoredFindingIsTheRecordsFinding) {
  Record r = refusal();
  r.hint = bouncekit::vocabulary::Reason::suspend;
  bouncekit::classify::apply(r);
  StoredRecord s = nd::essentials(r, "2026-11-22T02:30:00Z");
  EXPECT_EQ(s.recipient, "dee@example.org");
  EXPECT_EQ(s.hint, "suspend");
  EXPECT_EQ(s.evidence, "decoder");
  Record back = nd::finding_of(s);
  EXPECT_EQ(back.action, r.action);
  EXPECT_EQ(back.status, r.status);
  EXPECT_EQ(back.reply_code, r.reply_code);
  EXPECT_EQ(back.diagnostic, r.diagnostic);
  EXPECT_EQ(back.diagnostic_type, r.diagnostic_type);
  EXPECT_EQ(back.remote_mta, r.remote_mta);
  EXPECT_EQ(back.reporting_mta, r.reporting_mta);
  EXPECT_EQ(back.smtp_command, r.smtp_command);
  EXPECT_EQ(back.hint, r.hint);
  EXPECT_TRUE(back.reason.empty()) << "the verdict half is left to the classifier";
}

TEST(StoredRecord, DecidedAgainItGetsTheVerdictTheRecordGets) {
  Record r = refusal();
  bouncekit::classify::apply(r);
  StoredRecord s = nd::essentials(r, "2026-11-22T02:30:00Z");
  s.reason = "mailboxfull";  // what an older classifier said
  s.bounce = "soft";
  s.evidence = "status";
  s.rule = "5.0.0";
  nd::reclassify(s, bouncekit::classify::default_classifier());
  EXPECT_EQ(s.reason, r.reason);
  EXPECT_EQ(s.bounce, r.bounce);
  EXPECT_EQ(s.action_owner, r.action_owner);
  EXPECT_EQ(s.evidence, r.evidence);
  EXPECT_EQ(s.rule, r.rule);
  EXPECT_EQ(s.inferred_status, r.inferred_status);

  Classifier mine = with_rule("hasmoved  no account of that name");
  nd::reclassify(s, mine);
  EXPECT_EQ(s.reason, "hasmoved");
  EXPECT_EQ(s.evidence, "user_rule");
  EXPECT_EQ(s.rule, "no account of that name");
}

// A row as version 1 stored it: no action, command, hint, evidence or rule.
StoredRecord version1(const std::string& reason, const std::string& diagnostic) {
  StoredRecord s;
  s.date = "2026-10-01T00:00:00Z";
  s.recipient = "eve@example.org";
  s.recipient_domain = "example.org";
  s.reason = reason;
  s.bounce = "hard";
  s.action_owner = "recipient";
  s.diagnostic = diagnostic;
  return s;
}

TEST(StoredRecord, AVersion1RecordIsDecidedAgainByTheUsersRulesOnly) {
  StoredRecord s = version1("userunknown", "550 no account of that name at this site");
  ASSERT_TRUE(nd::stored_by_version1(s));
  nd::reclassify(s, bouncekit::classify::default_classifier());
  EXPECT_EQ(s.reason, "userunknown");
  EXPECT_EQ(s.evidence, "") << "kept as stored: the built-in steps would miss the command it lacks";
  nd::reclassify(s, with_rule("hasmoved  no account of that name"));
  EXPECT_EQ(s.reason, "hasmoved");
  EXPECT_EQ(s.evidence, "user_rule");
  EXPECT_FALSE(nd::stored_by_version1(s));
}

TEST(StoredRecord, AVersion1AutoReplyStaysOne) {
  StoredRecord s = version1("vacation", "away until the 3rd, no account of that name needed");
  s.bounce = "none";
  Record finding = nd::finding_of(s);
  ASSERT_TRUE(finding.hint.has_value());
  EXPECT_EQ(*finding.hint, bouncekit::vocabulary::Reason::vacation);
  nd::reclassify(s, with_rule("hasmoved  no account of that name"));
  EXPECT_EQ(s.reason, "vacation");
}

TEST(StoredRecord, AVerpSubscriberIsTheStoredRecipientAndTheReportedOneIsKept) {
  Record r = refusal();
  r.subscriber = "Ann.Smith@example.com";
  r.list = "news.example.org";
  r.sender = "news@example.org";
  StoredRecord s = nd::essentials(r, "2026-11-22T02:30:00Z");
  EXPECT_EQ(s.recipient, "ann.smith@example.com");  // the address suppression decides about
  EXPECT_EQ(s.reported_recipient, "dee@example.org");
  EXPECT_EQ(s.list, "news.example.org");
  EXPECT_EQ(s.sender, "news@example.org");
  Record back = nd::finding_of(s);
  EXPECT_EQ(back.recipient, "dee@example.org");
  EXPECT_EQ(back.subscriber, "ann.smith@example.com");
  EXPECT_EQ(back.list, "news.example.org");

  // The same address in another case is no second address.
  r.subscriber = "DEE@example.ORG";
  s = nd::essentials(r, "2026-11-22T02:30:00Z");
  EXPECT_EQ(s.recipient, "dee@example.org");
  EXPECT_EQ(s.reported_recipient, "");
  EXPECT_EQ(nd::finding_of(s).subscriber, "");
}

}  // namespace
