// The fallback decoder: bounces in formats no decoder knows (testdata/decode/fallback/,
// invented MTAs written for these tests), and mail that must yield nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "decode/context.hpp"
#include "decode/decode_support.hpp"
#include "decode/fallback.hpp"
#include "test_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using bouncekit::decode::test::decode_file;
using bouncekit::decode::test::decode_path;
using bouncekit::decode::test::dump;
using bouncekit::decode::test::raw_message;

Result fallback_file(const std::string& name) { return decode_file("fallback/" + name); }

std::string read(const std::string& name) { return bouncekit::test::read_file(decode_path("fallback/" + name)); }

std::vector<std::string> recipients(const Result& r) {
  std::vector<std::string> out;
  for (const Record& rec : r.records) out.push_back(rec.recipient);
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Runs detect_fallback alone on a message (whatever the decoders before it would do).
bool fallback_detects(const std::string& mail) {
  source::RawMessage raw = raw_message(mail);
  mime::Message message = mime::parse(mail);
  DecodeOptions options;
  Context ctx{raw, mail, message, options};
  return detect_fallback(ctx);
}

TEST(Fallback, ListedRecipientsInOrderWithTheirOwnCodes) {
  Result r = fallback_file("two_listed.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  // Not the contact address, nor anything of the returned message (its To, body or signature).
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"tomas.berg@example.org", "ines.falk@example.com"})) << dump(r);
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.1.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "mailbox does not exist here")) << r.records[0].diagnostic;
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[1].status), "5.2.2");
  EXPECT_EQ(r.records[1].reply_code, "552");
  EXPECT_TRUE(contains(r.records[1].diagnostic, "quota exceeded")) << r.records[1].diagnostic;
  for (const Record& rec : r.records) {
    EXPECT_EQ(rec.decoded_by, "fallback");
    EXPECT_EQ(rec.action, "failed");
    EXPECT_EQ(rec.sender, "paula@example.jp");
    EXPECT_EQ(rec.timestamp, "2024-05-14T00:12:28Z");
  }
}

TEST(Fallback, InlineReturnedMessageFillsTheOriginalFields) {
  // The copy follows the notice as text, not as a message/rfc822 part.
  DecodeOptions options;
  options.extra_headers = {"X-Mailing-Id"};
  Result r = decode_file("fallback/two_listed.eml", options);
  ASSERT_EQ(r.records.size(), 2u) << dump(r);
  for (const Record& rec : r.records) {
    EXPECT_EQ(rec.message_id, "<spring-1@example.jp>");
    EXPECT_EQ(rec.subject, "Spring schedule");
    EXPECT_EQ(rec.original_to, "tomas.berg@example.org");
    EXPECT_EQ(rec.original_date, "2024-05-14T00:12:19Z");
    EXPECT_EQ(rec.extra_headers, (std::vector<std::pair<std::string, std::string>>{{"X-Mailing-Id", "spring-24"}}));
  }
}

TEST(Fallback, InlineReturnedMessageGivesTheSenderWhenTheBounceHasNoTo) {
  Result r = fallback_file("no_to_header.eml");
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].sender, "chat.noir@example.com");
  EXPECT_EQ(r.records[0].message_id, "<cats-12@lists.example.net>");
  EXPECT_EQ(r.records[0].subject, "Weekly cats");
}

TEST(Fallback, InlinePhraseAndTheServerAnswerInItsOwnParagraph) {
  Result r = fallback_file("inline_phrase.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"yuki.mori@example.jp"})) << dump(r);
  const Record& rec = r.records[0];
  EXPECT_EQ(bouncekit::decode::test::stated_status(rec.status), "4.4.1");
  EXPECT_EQ(rec.reply_code, "451");
  EXPECT_TRUE(contains(rec.diagnostic, "temporary lookup failure")) << rec.diagnostic;
  EXPECT_EQ(rec.action, "failed");  // "giving up": final, though the code is a 4xx
  // The returned message is a message/rfc822 part here.
  EXPECT_EQ(rec.message_id, "<order-1187@shop.example.com>");
  EXPECT_EQ(rec.subject, "Your order 1187 has shipped");
}

TEST(Fallback, DelayWarningWithoutCodes) {
  Result r = fallback_file("delayed.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ravi.k@example.net"})) << dump(r);
  EXPECT_EQ(r.records[0].action, "delayed");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "");  // the notice states none
  EXPECT_EQ(r.records[0].reply_code, "");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "did not answer")) << r.records[0].diagnostic;
}

// A warning that copies Sendmail's "had fatal errors" banner but says plainly that it is a warning
// and that delivery goes on is a delay; the same banner without such words is a failure, even where
// the notice also says the message was delayed first.
TEST(Fallback, WarningWithAFatalErrorsBannerIsADelay) {
  Result r = fallback_file("warning_with_fatal_banner.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"tomas@example.net"})) << dump(r);
  EXPECT_EQ(r.records[0].action, "delayed");
  Result f = fallback_file("fatal_banner_final.eml");
  ASSERT_EQ(f.kind, Kind::bounce) << dump(f);
  ASSERT_EQ(recipients(f), (std::vector<std::string>{"tomas@example.net"})) << dump(f);
  EXPECT_EQ(f.records[0].action, "failed");
}

TEST(Fallback, HtmlOnlyNotice) {
  Result r = fallback_file("html_only.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"li.wei@example.net"})) << dump(r);
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.7.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "refused by the recipient's policy")) << r.records[0].diagnostic;
}

TEST(Fallback, SenderAndPostmasterMentionedInPassingAreNotRecipients) {
  Result r = fallback_file("sender_in_passing.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"marta@example.it"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "554");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.7.1");
}

TEST(Fallback, TheSendersOwnAddressListedAsFailedIsReported) {
  // Mail to oneself fails too: a notice that lists the address as failed means it.
  Result r = fallback_file("to_oneself.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"jonas@example.de"})) << dump(r);
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.2.2");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "over quota")) << r.records[0].diagnostic;
}

TEST(Fallback, ReportWhoseBoundaryNeverOccursIsReadAsText) {
  Result r = fallback_file("no_boundary_in_body.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"bruno@example.com"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.1.1");
}

TEST(Fallback, LineEndsDoNotChangeTheRecords) {
  const std::string lf = read("two_listed.eml");
  Result base = pipeline::decode_and_classify(raw_message(lf));
  for (const std::string& variant : {bouncekit::decode::test::to_crlf(lf), bouncekit::decode::test::to_cr(lf)}) {
    Result other = pipeline::decode_and_classify(raw_message(variant));
    ASSERT_EQ(other.records.size(), base.records.size()) << dump(other);
    for (std::size_t i = 0; i < base.records.size(); ++i)
      EXPECT_EQ(bouncekit::decode::test::fields_of(other.records[i]),
                bouncekit::decode::test::fields_of(base.records[i]));
  }
}

TEST(Fallback, TruncatedNoticeKeepsWhatItHas) {
  const std::string full = read("two_listed.eml");
  Result r = pipeline::decode_and_classify(raw_message(full.substr(0, full.find("quota exceeded"))));
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"tomas.berg@example.org", "ines.falk@example.com"})) << dump(r);
  EXPECT_EQ(r.records[1].reply_code, "552");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[1].status), "5.2.2");
}

TEST(Fallback, RewrappedLinesStillNameTheRecipients) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: kim@example.net\n"
      "Subject: Undeliverable mail\n\n"
      "Your mail could not be delivered to the\n"
      "following recipients:\n"
      "\n"
      "<ann@example.org>: the server\n"
      "  mx.example.org said: 550\n"
      "  5.1.1 no mailbox by\n"
      "  that name\n"
      "<bob@example.org>: 452 4.2.2\n"
      "  over quota\n";
  Result r = pipeline::decode_and_classify(raw_message(mail));
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ann@example.org", "bob@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.1.1");
  EXPECT_EQ(r.records[1].reply_code, "452");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[1].status), "4.2.2");
}

TEST(Fallback, NoticeThatNamesNoRecipientGivesOnlyTheReturnedMessagesOneRecipient) {
  // An unmistakable bounce (mailer-daemon, "Undelivered Mail") naming no recipient: the one
  // address in the returned message's To. Never the addresses of its body.
  Result r = fallback_file("no_recipient_named.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"team@example.org"})) << dump(r);
}

TEST(Fallback, NoticeThatNamesNoRecipientAndNoSingleRecipientInventsNone) {
  std::string mail = read("no_recipient_named.eml");
  // Two recipients in the returned message's To: which one failed is not said.
  std::string two = mail;
  two.replace(two.find("To: team@example.org"), 20, "To: team@example.org, paul@example.org");
  Result r = decode::decode(raw_message(two));
  EXPECT_TRUE(r.records.empty()) << dump(r);
  EXPECT_NE(r.kind, Kind::bounce);
  // Sent through a mailing list: its To is the list, not the one who failed.
  std::string list = mail;
  list.replace(list.find("Subject: Plan"), 13, "List-Id: <team.example.org>\nSubject: Plan");
  r = decode::decode(raw_message(list));
  EXPECT_TRUE(r.records.empty()) << dump(r);
  // Not unmistakable: an ordinary sender, though the subject reads like a bounce.
  std::string person = mail;
  person.replace(person.find("From: MAILER-DAEMON@mx.example.net"), 34, "From: Olga <olga@example.net>");
  r = decode::decode(raw_message(person));
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(Fallback, RepliesAndForwardsOfBouncesYieldNothing) {
  for (const char* name : {"reply_quoting_bounce.eml", "forward_of_bounce.eml"}) {
    EXPECT_FALSE(fallback_detects(read(name))) << name;
    Result r = fallback_file(name);
    EXPECT_TRUE(r.records.empty()) << name << "\n" << dump(r);
  }
}

TEST(Fallback, NewsletterWithFailureWordsAndAddressesYieldsNothing) {
  // Its subject reads like a bounce, so the fallback looks at it, and finds no recipient.
  EXPECT_TRUE(fallback_detects(read("newsletter.eml")));
  Result r = fallback_file("newsletter.eml");
  EXPECT_TRUE(r.records.empty()) << dump(r);
  EXPECT_NE(r.kind, Kind::bounce);
}

TEST(Fallback, OrdinaryMailIsNotLookedAt) {
  EXPECT_FALSE(fallback_detects(read("ordinary.eml")));
  Result r = fallback_file("ordinary.eml");
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty());
}

TEST(Fallback, AutoReplyToABounceIsNotABounce) {
  std::string mail =
      "From: Lisa <lisa@example.org>\n"
      "To: mailer-daemon@mx.example.net\n"
      "Subject: Automatic reply: Undelivered Mail Returned to Sender\n"
      "Auto-Submitted: auto-replied\n\n"
      "I am away. Your note about\n"
      "  omar@example.org\n"
      "could not be delivered to me before Monday.\n";
  EXPECT_FALSE(fallback_detects(mail));
  Result r = pipeline::decode_and_classify(raw_message(mail));
  // It is the auto-reply it says it is (its failure words follow its own prefix): a vacation
  // record for the person who replied, no bounce record for the address it quotes.
  EXPECT_EQ(r.kind, Kind::vacation) << dump(r);
  for (const Record& rec : r.records) {
    EXPECT_EQ(rec.reason, "vacation") << dump(r);
    EXPECT_NE(rec.recipient, "omar@example.org") << dump(r);
  }
}

TEST(Fallback, AutoReplyStaysAnAutoReply) {
  Result r = fallback_file("autoreply.eml");
  EXPECT_EQ(r.kind, Kind::vacation) << dump(r);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].decoded_by, "rfc3834");
}

TEST(Fallback, StandardReportsAreLeftToTheirDecoder) {
  Result r = decode_file("01_postfix_user_unknown.eml");
  ASSERT_FALSE(r.records.empty()) << dump(r);
  EXPECT_EQ(r.records[0].decoded_by, "postfix");  // the Postfix DSN decoder, never the fallback
}

TEST(Fallback, HostileInputStaysBounded) {
  // Many listed addresses and a very long line: linear work, a bounded record count.
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\n\n"
      "Delivery failed for the following recipients:\n";
  for (int i = 0; i < 3000; ++i) mail += "  user" + std::to_string(i) + "@example.org\n";
  mail += std::string(200000, 'x') + "@example.org user unknown\n";
  Result r = pipeline::decode_and_classify(raw_message(mail));
  EXPECT_EQ(r.kind, Kind::bounce);
  EXPECT_LE(r.records.size(), 1000u);
  EXPECT_EQ(r.records.front().recipient, "user0@example.org");
}

}  // namespace

// --- shapes of undetected corpus files (issue 4, step 2), in our own words ---

namespace {

TEST(FallbackShapes, DsnFieldsWrittenAsPlainText) {
  // Not MIME at all: the report's fields follow the notice as text, so no
  // delivery-status part exists for the rfc3464 decoder to find.
  Result r = fallback_file("dsn_fields_in_text.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"dana@example.net"})) << dump(r);
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "4.4.1");
  EXPECT_EQ(r.records[0].reply_code, "");
  EXPECT_EQ(r.records[0].action, "delayed");
  EXPECT_EQ(r.records[0].decoded_by, "fallback");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "Connection timed out")) << r.records[0].diagnostic;
}

TEST(FallbackShapes, ReportWhoseDeclaredBoundaryIsMissing) {
  // multipart/report whose boundary never occurs: no parts at all. The
  // address the pipe was expanded from is not the failed recipient.
  Result r = fallback_file("report_without_parts.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ken@mail.example.edu"})) << dump(r);
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.5.0");
}

TEST(FallbackShapes, NoToHeaderAndAGeneratedFromAddress) {
  Result r = fallback_file("no_to_header.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"nora@example.fr"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.2.0");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "refused as spam")) << r.records[0].diagnostic;
}

}  // namespace

// --- the generic decoder's structures (issue 16, part 2), in our own words ---

namespace {

// Decodes in generic-only mode: what the generic decoder reads, whatever a product's decoder would.
Result generic_decode(const std::string& mail) {
  DecodeOptions options;
  options.generic_only = true;
  return decode::decode(raw_message(mail), options);
}

std::vector<std::string> commands(const Result& r) {
  std::vector<std::string> out;
  for (const Record& rec : r.records) out.push_back(rec.smtp_command);
  return out;
}

TEST(GenericStructures, AddressesQuotedWithGreaterThanUnderTheFailureSentence) {
  // Bare, in angle brackets, with a display name; the ">" lines of the quoted original are not read.
  Result r = fallback_file("quoted_list.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r),
            (std::vector<std::string>{"arno@example.org", "bettina@example.net", "carl@example.com"}))
      << dump(r);
  EXPECT_TRUE(contains(r.records[1].diagnostic, "mailbox unavailable")) << r.records[1].diagnostic;
  for (const Record& rec : r.records) EXPECT_EQ(rec.decoded_by, "fallback");
}

TEST(GenericStructures, QuotedListOneBlankLineUnderTheSentenceThatIntroducesIt) {
  // "...to the following recipients:", a blank line, then the notice's own "> a@b" list.
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: kim@example.net\n"
      "Subject: failure notice\n\n"
      "Your message could not be delivered to the following recipients:\n"
      "\n"
      "> bob@example.org\n"
      "> carol@example.org\n"
      "\n"
      "Reason: 550 5.1.1 mailbox unavailable\n";
  Result r = generic_decode(mail);
  EXPECT_EQ(recipients(r), (std::vector<std::string>{"bob@example.org", "carol@example.org"})) << dump(r);

  // A sentence that does not introduce a list (no colon) leaves a quoted passage after a blank
  // line alone: that is how a quoted original begins.
  std::string quoted =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: kim@example.net\n"
      "Subject: failure notice\n\n"
      "Your message to dora@example.org could not be delivered.\n"
      "\n"
      "> bob@example.org\n";
  r = generic_decode(quoted);
  EXPECT_EQ(recipients(r), (std::vector<std::string>{"dora@example.org"})) << dump(r);
}

TEST(GenericStructures, AnAddressAnsweredByAFailureCodeInAnyLanguage) {
  // The sentence is in a language the phrase tables do not hold; the structure says it all: an
  // address alone on its line with the server's refusal under it, or after it on the same line.
  auto notice = [](const std::string& body) {
    return "From: MAILER-DAEMON@mail.example.nl\n"
           "To: kim@example.net\n"
           "Subject: Onbestelbaar\n"
           "Content-Type: text/plain; charset=utf-8\n\n" +
           body;
  };
  Result r = generic_decode(notice(
      "Uw bericht aan de volgende ontvangers is mislukt:\n\n   bob@example.org\n   550 5.1.1 gebruiker onbekend\n"));
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"bob@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "gebruiker onbekend")) << r.records[0].diagnostic;

  r = generic_decode(notice("Uw bericht is mislukt.\n\n<carol@example.org>: 452 4.2.2 postvak vol\n"));
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"carol@example.org"})) << dump(r);

  // A success code answers nothing: no recipient failed.
  r = generic_decode(notice("Bezorgd.\n\n   bob@example.org\n   250 2.0.0 OK\n"));
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(GenericStructures, LinesPairingAnAddressWithItsFailureFarFromTheFailureSentence) {
  Result r = fallback_file("paired_lines.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"mira@example.org", "nils@example.net"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "452");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "4.2.2");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "120 attempts")) << r.records[0].diagnostic;
  EXPECT_EQ(r.records[1].reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[1].status), "5.1.1");
}

TEST(GenericStructures, SessionTranscriptRefusedRecipientAndRefusedData) {
  // quinn refused at RCPT (a two-line reply); pia and rosa accepted, then the message refused.
  // In the order the client gave the recipients.
  Result r = fallback_file("transcript.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r),
            (std::vector<std::string>{"pia@example.org", "quinn@example.org", "rosa@example.org"}))
      << dump(r);
  EXPECT_EQ(commands(r), (std::vector<std::string>{"DATA", "RCPT", "DATA"}));
  EXPECT_EQ(r.records[1].reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[1].status), "5.1.1");
  // The whole reply, both of its lines.
  EXPECT_TRUE(contains(r.records[1].diagnostic, "not a known user")) << r.records[1].diagnostic;
  EXPECT_TRUE(contains(r.records[1].diagnostic, "of this domain")) << r.records[1].diagnostic;
  EXPECT_EQ(r.records[0].reply_code, "554");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.7.1");
  // The sender of MAIL FROM is never a recipient.
  for (const Record& rec : r.records) EXPECT_NE(rec.recipient, "ola@example.com");
}

TEST(GenericStructures, SessionTranscriptWithTimeStampsBeforeTheArrows) {
  // "<time stamp>: --> RCPT To:<a@b>" / "<time stamp>: <-- 550 ...": the greeting's and EHLO's
  // replies name no recipient; the refused RCPT does.
  Result r = fallback_file("stamped_transcript.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"cy@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(commands(r), (std::vector<std::string>{"RCPT"}));
}

TEST(GenericStructures, WasntDeliveredToNamesTheRecipientInTheSentence) {
  Result r = fallback_file("wasnt_delivered.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"bo@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.1.1");
}

TEST(GenericStructures, NullSenderInFromMakesABounceWhateverItsSubject) {
  EXPECT_TRUE(fallback_detects(read("null_from.eml")));
  Result r = fallback_file("null_from.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"gil@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
}

TEST(GenericStructures, SessionTranscriptWordsSaySentAndReceivedAndCommandsFold) {
  // "Sent <<<" is the client whatever the arrow; an "In:  RCPT" command folded onto the next line.
  std::string mail =
      "From: MAILER-DAEMON@out.example.com\n"
      "To: ola@example.com\n"
      "Subject: Mail system report\n\n"
      "Transcript of session follows.\n"
      "Sent <<< RCPT TO:<ada@example.org>\n"
      "Received >>> 250 2.1.5 ok\n"
      " In:  RCPT\n"
      "     TO:<ben@example.org> NOTIFY=FAILURE\n"
      " Out: 250 2.1.5 ok\n"
      "Sent <<< DATA\n"
      "Received >>> 554 5.6.0 message content not accepted\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ada@example.org", "ben@example.org"})) << dump(r);
  EXPECT_EQ(commands(r), (std::vector<std::string>{"DATA", "DATA"}));
  EXPECT_EQ(r.records[1].reply_code, "554");
}

TEST(GenericStructures, ALineOfAddressesListsThemAllButAContactAfterAReasonIsNone) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: kim@example.net\n"
      "Subject: Undeliverable mail\n\n"
      "I was unable to deliver your message to these recipients:\n"
      "ann@example.org, bob@example.org and cy@example.org\n"
      "\n"
      "  <dot@example.org>: 552 5.2.2 mailbox is full, please write to\n"
      "  dot.home@example.net instead\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ann@example.org", "bob@example.org", "cy@example.org",
                                                      "dot@example.org"}))
      << dump(r);
  EXPECT_TRUE(contains(r.records[3].diagnostic, "dot.home@example.net instead")) << r.records[3].diagnostic;
}

TEST(GenericStructures, ArrowsBeforeAddressesAreListItemsNotCommands) {
  // ">>> a@b" lists a recipient: an arrow is a transcript's only before a command or a reply code.
  std::string mail =
      "From: MAILER-DAEMON@gw.example.net\n"
      "To: kim@example.net\n"
      "Subject: FAILURE NOTICE : figures\n\n"
      "  ----- The following addresses had permanent fatal errors -----\n"
      ">>> eva@example.org <eva@example.org>\n"
      ">>> gil@example.org <gil@example.org>\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"eva@example.org", "gil@example.org"})) << dump(r);
}

TEST(GenericStructures, RecipientLabelAsAFieldOfAOneLineRecord) {
  std::string mail =
      "From: mailer-daemon@mail.example.net\n"
      "To: kim@example.net\n"
      "Subject: Mail Delivery Status Notification (Delay)\n\n"
      "THIS IS A WARNING MESSAGE ONLY.\n\n"
      "----- The following addresses had fatal errors -----\n"
      "[Status: Error, Address: <ray@example.org>, ResponseCode 421, , Connection refused by host.]\n"
      "Message will be retried for 3 more day(s)\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ray@example.org"})) << dump(r);
  EXPECT_TRUE(contains(r.records[0].diagnostic, "Connection refused by host")) << r.records[0].diagnostic;
  EXPECT_EQ(r.records[0].reply_code, "421");  // "ResponseCode 421,"
}

TEST(GenericStructures, ReplyCodeAfterACodeLabel) {
  std::string mail =
      "From: mailer-daemon@mail.example.net\n"
      "To: kim@example.net\n"
      "Subject: Undelivered Mail Returned to Sender\n\n"
      "This message was created automatically by the mail system.\n"
      "Delivery to the following recipient failed permanently:\n"
      "val@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 no such user\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"val@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
}

TEST(GenericStructures, MailtoLinkOfAnAddressIsTheSameAddress) {
  std::string mail =
      "From: postmaster@ex.example.net\n"
      "To: kim@example.net\n"
      "Subject: Undeliverable: Hello\n\n"
      "Delivery has failed to these recipients or groups:\n\n"
      "sam@example.org<mailto:sam@example.org>\n"
      "The email address you entered couldn't be found.\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"sam@example.org"})) << dump(r);
}

TEST(GenericStructures, YourMessageToNamesTheRecipientTheNextLineSaysFailed) {
  std::string mail =
      "From: MAILER-DAEMON@filter.example.net\n"
      "To: kim@example.net\n"
      "Subject: **Message you sent blocked by our filter**\n\n"
      "Your message to: tia@example.org\n"
      "was blocked by our filter and has NOT BEEN DELIVERED.\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"tia@example.org"})) << dump(r);
}

TEST(GenericStructures, NullSenderIsNeverAPersonsReplyWhateverTheSubject) {
  // "Re: ..." from a null sender: an automatic notice about a reply, not a person's reply.
  std::string mail =
      "From: <>\n"
      "To: kim@example.net\n"
      "Subject: Re: invoice\n\n"
      "Your message could not be sent.\n"
      "Addressed To: uwe@example.org\n"
      "uwe@example.org: [192.0.2.9], 554 Service currently unavailable\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"uwe@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "554");
}

TEST(GenericStructures, SessionTranscriptRecipientsTheServerAcceptedDidNotFail) {
  Result r = fallback_file("transcript_all_accepted.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"quinn@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "450");
  EXPECT_EQ(commands(r), (std::vector<std::string>{"RCPT"}));
}

TEST(GenericStructures, SingleRecipientOfTheReturnedMessageInAnotherLanguage) {
  // No phrase we know, no code: an unmistakable bounce whose returned message had one recipient.
  // The sender named in the notice and the address in the original's body are not reported.
  Result r = fallback_file("single_returned_recipient.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"tanja@example.org"})) << dump(r);
  EXPECT_TRUE(contains(r.records[0].diagnostic, "Adresat moze nie istniec")) << r.records[0].diagnostic;
}

// A notice that opens like a letter ("Hello rita@example.net,"): the salutation is not its text.
TEST(GenericStructures, SingleReturnedRecipientSkipsTheSalutation) {
  Result r = fallback_file("single_recipient_salutation.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"birders@groups.example.com"})) << dump(r);
  EXPECT_TRUE(contains(r.records[0].diagnostic, "permission to post")) << r.records[0].diagnostic;
  EXPECT_FALSE(contains(r.records[0].diagnostic, "Hello")) << r.records[0].diagnostic;
}

// The returned message's one recipient, when the failure paragraph only introduces what follows
// ("These deliveries failed:"): its diagnostic takes the next paragraph too. The notice without a
// colon ending keeps the paragraph alone (single_returned_recipient.eml, above).
TEST(GenericStructures, SingleReturnedRecipientTakesTheParagraphItsFailureSentenceIntroduces) {
  Result r = fallback_file("single_recipient_program.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"support@example.org"})) << dump(r);
  EXPECT_TRUE(contains(r.records[0].diagnostic, "pipe to |/opt/helpdesk/bin/ingest")) << r.records[0].diagnostic;
  EXPECT_FALSE(contains(r.records[0].diagnostic, "A copy of the message")) << r.records[0].diagnostic;
}

// Sendmail's transcript: the server's reply right above the MTA's summary line for an address
// ("554 <a@b>... Remote protocol error") is that address's cause; a reply above a line that is not
// such a summary is not joined to it.
TEST(GenericStructures, ServerReplyAboveASummaryLineJoinsItsDiagnostic) {
  Result r = fallback_file("summary_after_reply.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"anja@example.net", "bert@example.com"})) << dump(r);
  EXPECT_TRUE(contains(r.records[0].diagnostic, "Remote protocol error")) << r.records[0].diagnostic;
  EXPECT_TRUE(contains(r.records[0].diagnostic, "listed on a DNSBL")) << r.records[0].diagnostic;
  EXPECT_FALSE(contains(r.records[0].diagnostic, "no mailbox here")) << r.records[0].diagnostic;
  EXPECT_TRUE(contains(r.records[1].diagnostic, "User unknown")) << r.records[1].diagnostic;
  EXPECT_FALSE(contains(r.records[1].diagnostic, "DNSBL")) << r.records[1].diagnostic;
}

TEST(GenericStructures, HtmlOnlyReportWithScriptsStylesCommentsAndEntities) {
  Result r = fallback_file("html_rich.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  // Not the addresses of the style, script or comment.
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"zoe@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.1.1");
  // Unwrapped across the source's line break, entities decoded.
  EXPECT_TRUE(contains(r.records[0].diagnostic, "does not exist at the organization")) << r.records[0].diagnostic;
  EXPECT_TRUE(contains(r.records[0].diagnostic, "e\u2011mail")) << r.records[0].diagnostic;
}

TEST(GenericStructures, NeverTheListAddressAReceivedLineASignatureOrTheQuotedOriginal) {
  Result r = fallback_file("not_reported.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"abel@example.org"})) << dump(r);
  // The Received line that follows is no part of its diagnostic.
  EXPECT_FALSE(contains(r.records[0].diagnostic, "Received")) << r.records[0].diagnostic;
}

TEST(GenericStructures, DiagnosticWithoutTrailingSeparators) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: kim@example.net\n"
      "Subject: Undeliverable mail\n\n"
      "Delivery to the following recipient failed:\n"
      "<ann@example.org>: 550 5.1.1 no mailbox\n"
      "  by that name\n"
      "-----------------------------------\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ann@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].diagnostic, "550 5.1.1 no mailbox by that name");
}

TEST(GenericStructures, RecipientNamedInTheSentenceTakesTheNextParagraphAsItsReason) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: kim@example.net\n"
      "Subject: Undeliverable mail\n\n"
      "There was an error delivering your mail to <ann@example.org>.\n"
      "\n"
      "   ----- Details -----\n"
      "No server of example.org answered\n"
      "for five days; giving up.\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ann@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].diagnostic,
            "There was an error delivering your mail to <ann@example.org>. No server of example.org answered for "
            "five days; giving up.");
}

TEST(GenericStructures, ListedRecipientWithoutWordsTakesTheWholeFailureParagraph) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: kim@example.net\n"
      "Subject: Undeliverable mail\n\n"
      "Your message was not delivered within 2 days.\n"
      "The remote host did not respond.\n"
      "\n"
      "The following recipients did not receive this message:\n"
      "\n"
      "<ann@example.org>\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ann@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].diagnostic, "Your message was not delivered within 2 days. The remote host did not respond.");
}

TEST(GenericStructures, HostileTranscriptAndHtmlStayBounded) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\n\nTranscript of session follows.\n";
  for (int i = 0; i < 30000; ++i)
    mail += ">>> RCPT TO:<u" + std::to_string(i) + "@example.org>\n<<< 550-5.1.1 no\n";
  Result r = generic_decode(mail);
  EXPECT_EQ(r.kind, Kind::bounce);
  EXPECT_LE(r.records.size(), 1000u);
  std::string html =
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nContent-Type: text/html\n\n";
  for (int i = 0; i < 50000; ++i) html += "<div><p>&#x41;&amp";
  r = generic_decode(html);
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(GenericStructures, RecipientNamedTwiceTakesTheCodeOfItsSecondMention) {
  // Once with words for people, once under "Diagnostic information" with "#550 5.1.1 ...". Read
  // in generic-only mode: Exchange's own decoder would claim this one.
  DecodeOptions generic;
  generic.generic_only = true;
  Result r = decode_file("fallback/named_twice_hash_code.eml", generic);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"dan@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].decoded_by, "fallback");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.1.1");
}

TEST(GenericStructures, TemporaryErrorIsADelay) {
  Result r = fallback_file("temporary_deferred.eml");
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"fin@example.org"})) << dump(r);
  EXPECT_EQ(r.records[0].action, "delayed");
  EXPECT_EQ(r.records[0].reply_code, "452");
  EXPECT_EQ(r.records[0].smtp_command, "RCPT");
}

TEST(GenericStructures, SingleQuotedRecipientFollowedByADate) {
  Result r = fallback_file("single_quoted_with_date.eml");
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"cat@example.org"})) << dump(r);
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "5.1.1");
  EXPECT_TRUE(contains(r.records[0].diagnostic, "does not exist at the organization")) << r.records[0].diagnostic;
}

TEST(GenericStructures, AQuotedFailureSentenceAndItsQuotedListAreNotTheNotices) {
  // A person quoting a bounce in a discussion, sent by a list with a bounce-like subject.
  std::string mail =
      "From: Lists <digest@lists.example.net>\n"
      "To: kim@example.net\n"
      "Subject: Digest: mail delivery failed again\n\n"
      "Today's topics: our mail server.\n\n"
      "Ann wrote:\n"
      "> The following address failed:\n"
      "> bob@example.org\n"
      "> 550 5.1.1 user unknown\n"
      "Did anyone else see this?\n";
  Result r = generic_decode(mail);
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(GenericStructures, APersonsAnnouncementWithABounceSubjectIsNotABounce) {
  // No mail system's sender, no returned message, no code, no Auto-Submitted: a person wrote it.
  std::string mail =
      "From: IT Helpdesk <it@example.org>\n"
      "To: staff@example.org\n"
      "Subject: Undeliverable mail this morning\n\n"
      "Between 8 and 9 this morning mail could not be delivered because of a fault.\n"
      "Affected mailboxes:\n"
      "  sales@example.org\n"
      "  hr@example.org\n";
  Result r = generic_decode(mail);
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(GenericStructures, APlainTextSuccessNoticeIsADeliveryNotAFailure) {
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: amy@example.com\n"
      "Subject: Delivery Status Notification (Success)\n\n"
      "Your message was successfully delivered to the following recipients:\n\n"
      "  bo@example.org\n";
  Result r = generic_decode(mail);
  EXPECT_EQ(r.kind, Kind::delivered) << dump(r);
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(GenericStructures, NoticeInANestedMultipartWhoseBoundaryWasNotFoldedIsReadRaw) {
  // "Content-Type: multipart/alternative;" with "boundary=..." on an unindented line: the parser
  // finds no parts there, so the raw text of the first part is read.
  DecodeOptions generic;
  generic.generic_only = true;
  Result r = decode_file("fallback/unfolded_nested_boundary.eml", generic);
  // Only the RCPT TO address: not the sender of MAIL FROM or of the echoed From.
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"5550100@sms.example.net"})) << dump(r);
  EXPECT_EQ(r.records[0].reply_code, "550");
}

TEST(GenericStructures, ChallengeResponseRequestIsNotABounce) {
  Result r = fallback_file("challenge.eml");
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(GenericStructures, BounceOfAConfirmationRequestIsStillABounce) {
  // A non-delivery notice whose returned message asked for a confirmation.
  std::string mail =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: shop@example.com\n"
      "Subject: Undeliverable: Please confirm your order\n\n"
      "Delivery to the following recipient failed:\n"
      "  <ann@example.org>: 550 5.1.1 no mailbox by that name\n"
      "\n"
      "----- Original message -----\n"
      "From: shop@example.com\n"
      "To: ann@example.org\n"
      "Subject: Please confirm your order\n\n"
      "Click the link to confirm that you are the buyer.\n";
  Result r = generic_decode(mail);
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ann@example.org"})) << dump(r);
}

TEST(GenericStructures, GenericOnlySkipsTheSpecificDecoders) {
  DecodeOptions options;
  options.generic_only = true;
  // A Postfix DSN is still read, by the standard decoder.
  Result r = decode_file("01_postfix_user_unknown.eml", options);
  ASSERT_FALSE(r.records.empty()) << dump(r);
  EXPECT_EQ(r.records[0].decoded_by, "rfc3464");
  for (const Decoder& d : registry()) {
    bool standard = d.name == "fallback" || d.name == "rfc3464" || d.name == "arf" || d.name == "rfc3834";
    bool product = d.name == "postfix" || d.name == "exim" || d.name == "gmail" || d.name == "office365";
    if (standard) {
      EXPECT_EQ(d.scope, Scope::generic) << d.name;
    }
    if (product) {
      EXPECT_EQ(d.scope, Scope::specific) << d.name;
    }
  }
}

// Recipients with a code of their own take turns with recipients that share the notice's one
// code-bearing passage (some named on one line): each gets its own passage or the shared one,
// whichever order the decoder prepares them in (it keeps the last few, compared by position).
TEST(Fallback, OwnAndSharedPassagesTakingTurns) {
  const std::string mail =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: sender@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n\n"
      "Delivery to the following recipients failed:\n\n"
      "ann@example.org\n   552 5.2.2 mailbox over quota\n\n"
      "bob@example.org\n\n"
      "cy@example.org\n   550 5.1.1 no such user here\n\n"
      "dan@example.org\n   551 5.1.6 user has moved\n\n"
      "fay@example.org\n   553 5.1.3 bad address syntax\n\n"
      "gus@example.org\n   450 4.2.1 try again later\n\n"
      "dee@example.org, eve@example.org\n\n"
      "The error that the other server returned was: 554 5.7.1 relaying denied\n";
  Result r = pipeline::decode_and_classify(raw_message(mail));
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  const std::vector<std::vector<std::string>> expected{
      {"ann@example.org", "552", "mailbox over quota"}, {"bob@example.org", "554", "relaying denied"},
      {"cy@example.org", "550", "no such user here"},   {"dan@example.org", "551", "user has moved"},
      {"fay@example.org", "553", "bad address syntax"}, {"gus@example.org", "450", "try again later"},
      {"dee@example.org", "554", "relaying denied"},    {"eve@example.org", "554", "relaying denied"}};
  ASSERT_EQ(r.records.size(), expected.size()) << dump(r);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.records[i].recipient, expected[i][0]);
    EXPECT_EQ(r.records[i].reply_code, expected[i][1]) << r.records[i].recipient;
    EXPECT_TRUE(contains(r.records[i].diagnostic, expected[i][2])) << r.records[i].diagnostic;
  }
}

}  // namespace
