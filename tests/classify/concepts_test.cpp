// The concept layer: object x predicate combinations, negation, folding, bounds, and where it sits in
// the classifier's order of evidence. Every text here is written for this test, none is taken from
// a real bounce.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "bouncekit/classify.hpp"
#include "classify/concepts.hpp"
#include "classify/failed_record.hpp"

namespace bk = bouncekit::classify;
using bouncekit::test::reason;
using bouncekit::test::rec;

namespace {

struct Case {
  const char* text;
  const char* reason;
  const char* rule;
};

// One or more wordings per row of the combination table; none of them is a phrase of text_rules.cpp
// alone, the words decide.
const Case kPositives[] = {
    {"the recipient's mailbox is completely full at the moment", "mailboxfull", "mailbox+full"},
    {"this user is over quota, try later", "mailboxfull", "mailbox+full"},
    {"the storage allotted to this person has been exceeded", "mailboxfull", "quota+exceeded"},
    {"the count of letters held in this person's mailbox went past what is allowed, it exceeded the cap",
     "mailboxfull", "mailbox+exceeded"},
    {"the inbox has exceeded its limit of 5000 items", "mailboxfull", "mailbox+exceeded"},
    {"the spool disk on this machine is full", "systemfull", "disk+full"},
    {"attachment too big for this recipient", "mesgtoobig", "message+too_big"},
    {"your letter is far too large to be accepted here", "mesgtoobig", "message+too_big"},
    {"that message was too long for us", "mesgtoobig", "message+too_long"},
    {"the size you sent has exceeded what we take", "mesgtoobig", "size+exceeded"},
    {"recipient account has been deactivated", "suspend", "account+disabled"},
    {"this mailbox is no longer active", "suspend", "account+disabled"},
    {"the account you wrote to was blocked by its owner's provider", "suspend", "account+blocked"},
    {"this person's mailbox was moved elsewhere", "hasmoved", "mailbox+moved"},
    {"we refuse relaying for hosts outside our network", "norelaying", "relay+denied"},
    {"sorry, no relaying from your location", "norelaying", "relay+denied"},
    {"a TLS session is mandatory for this destination", "failedstarttls", "tls+failed"},
    {"the peer does not support STARTTLS", "failedstarttls", "tls+failed"},
    {"the SPF evaluation of your domain returned a failure", "authfailure", "spf+failed"},
    {"your message did not pass our sender authentication", "authfailure", "authentication+failed"},
    {"the login credentials you gave are invalid", "securityerror", "login+failed"},
    {"the network you send from has a questionable reputation", "badreputation", "reputation"},
    {"your IP appears on a block list", "blocked", "block_list"},
    {"the sending IP address is banned here", "blocked", "ip+blocked"},
    {"the connecting client was rejected by our gateway", "blocked", "ip+refused"},
    {"your sender address is unknown to this system", "rejected", "sender+rejected"},
    {"the domain you wrote to is not registered anywhere", "hostunknown", "domain+not_found"},
    {"that domain is invalid", "hostunknown", "domain+invalid"},
    {"too many connections are open from your side", "toomanyconn", "connection+too_many"},
    {"too many messages from one origin in a short while", "speeding", "message+too_many"},
    {"our rate limit for your network was exceeded", "speeding", "rate+exceeded"},
    {"delivery throttled, come back later", "speeding", "throttled"},
    {"the mailbox you tried to reach is not present here", "userunknown", "mailbox+not_found"},
    {"there is no such mailbox on this host", "userunknown", "mailbox+not_found"},
    {"we couldn't find the addressee you named", "userunknown", "mailbox+not_found"},
    {"the e-mail address is unrecognised by our directory", "userunknown", "mailbox+unknown"},
    {"the recipient's name is invalid", "userunknown", "mailbox+invalid"},
    {"our scanner found a trojan inside", "virusdetected", "virus"},
    {"this message has been identified as junk by our filter", "spamdetected", "spam"},
    {"content goes against the local policy of this site", "policyviolation", "policy+violation"},
    {"we do not allow attachments of the executable kind", "policyviolation", "attachment+refused"},
    {"an attachment of this type is blocked here", "policyviolation", "attachment+refused"},
    {"the conversation time-out was hit while waiting", "expired", "timed_out"},
    {"the message expired before it could be handed over", "expired", "message+expired"},
    {"it sat in our queue for too long", "expired", "queue+too_long"},
    {"this envelope expired after five days of trying", "expired", "message+expired"},
    {"our connection was dropped by the far end", "networkerror", "connection+refused"},
    {"the receiving host is unreachable from here", "networkerror", "host+unreachable"},
    {"the MIME structure carries an unsupported encoding", "contenterror", "content+invalid"},
};

}  // namespace

TEST(Concepts, EachCombinationFromItsOwnWords) {
  for (const Case& c : kPositives) {
    auto m = bk::match_concepts(c.text);
    ASSERT_TRUE(m.has_value()) << c.text;
    EXPECT_EQ(m->reason, c.reason) << c.text;
    EXPECT_EQ(m->rule, c.rule) << c.text;
  }
}

TEST(Concepts, FoldingCaseApostrophesHyphensPluralsAndCamelCase) {
  EXPECT_EQ(bk::match_concepts("THE MAILBOX DOESN'T EXIST")->reason, "userunknown");
  EXPECT_EQ(bk::match_concepts("the mailbox doesn\u2019t exist")->reason, "userunknown");  // U+2019
  EXPECT_EQ(bk::match_concepts("this e-mail is non-existent")->rule, "mailbox+not_found");
  EXPECT_EQ(bk::match_concepts("these mailboxes are all full")->reason, "mailboxfull");
  EXPECT_EQ(bk::match_concepts("error RecipientNotFound")->reason, "userunknown");
  EXPECT_EQ(bk::match_concepts("your host is black-listed")->reason, "blocked");
}

TEST(Concepts, NegationCancelsOrTurnsAPredicate) {
  // A negative predicate negated says nothing.
  EXPECT_FALSE(bk::match_concepts("the mailbox is not full"));
  EXPECT_FALSE(bk::match_concepts("this message is not spam"));
  EXPECT_FALSE(bk::match_concepts("TLS is not required here"));
  EXPECT_FALSE(bk::match_concepts("your IP is not blocked"));
  // A positive predicate says something only when negated.
  EXPECT_FALSE(bk::match_concepts("the mailbox was found and is active"));
  EXPECT_EQ(bk::match_concepts("the mailbox could not be found")->reason, "userunknown");
  EXPECT_EQ(bk::match_concepts("the account is not active")->reason, "suspend");
  // A negation reaches only a few words, and not over a comma or into the next sentence.
  EXPECT_FALSE(bk::match_concepts("we could not deliver this, mailbox present and active"));
  EXPECT_FALSE(bk::match_concepts("not delivered. The mailbox exists"));
  EXPECT_FALSE(bk::match_concepts("the message could not be delivered to the recipient"));
}

TEST(Concepts, ObjectAndPredicateMustShareAClauseAndAWindow) {
  EXPECT_FALSE(bk::match_concepts("the mailbox was checked. Unknown error"));
  EXPECT_FALSE(bk::match_concepts("mailbox one two three four five six seven eight nine ten full"));
  // A predicate with no fitting object says nothing (unless it decides alone, as spam does).
  EXPECT_FALSE(bk::match_concepts("unknown error while processing"));
  EXPECT_FALSE(bk::match_concepts("request rejected"));
}

TEST(Concepts, ItsSizeIsTheMailboxsQuota) {
  EXPECT_EQ(bk::match_concepts("the mailbox has reached its size limit")->reason, "mailboxfull");
  EXPECT_EQ(bk::match_concepts("the message has exceeded the size limit")->reason, "mesgtoobig");
}

TEST(Concepts, ATopicNearThePredicateIsWhatFailed) {
  // The sender's domain stands nearer to "does not authorize" than SPF, but the check is what failed.
  EXPECT_EQ(bk::match_concepts("the SPF record of the sender's domain does not authorize your server")->reason,
            "authfailure");
  EXPECT_EQ(bk::match_concepts("the remote server refused our TLS handshake")->reason, "failedstarttls");
}

TEST(Concepts, UserUnknownAboutTheSenderIsNotARecipientThatDoesNotExist) {
  auto m = bk::match_concepts("your sender address is unknown here");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->reason, "rejected");
  m = bk::match_concepts("we checked the sender: user unknown in the sender's domain");
  ASSERT_TRUE(m);
  EXPECT_NE(m->reason, "userunknown");
}

TEST(Concepts, WordsInsideAddressesHostsAndUrlsAreNotWords) {
  EXPECT_FALSE(bk::match_concepts("delivered via mx.spam-trap.example to unknown-user@example.org"));
  EXPECT_FALSE(bk::match_concepts("see https://example.com/help/mailbox-full for details"));
}

// An address or a bare host name stands for the thing it names: a mailbox, a host (RFC 5321 Mailbox
// and Domain). Texts written for the test.
TEST(Concepts, AnAddressIsAMailboxAndAHostNameAHost) {
  EXPECT_EQ(bk::match_concepts("550 lee@example.org does not exist here")->rule, "mailbox+not_found");
  EXPECT_EQ(bk::match_concepts("553 shop.example.net does not exist")->rule, "domain+not_found");
  EXPECT_EQ(bk::match_concepts("relay2.example.com is unreachable at present")->rule, "host+unreachable");
  // "No mail servers exist for ..." is a domain without mail hosts, not a missing mailbox.
  EXPECT_EQ(bk::match_concepts("No mail servers appear to exist for the domain you wrote to")->reason,
            "hostunknown");
  // Not addresses or hosts: codes, URLs, version numbers, key=value, a double "@".
  EXPECT_FALSE(bk::match_concepts("5.1.1 does not exist"));
  EXPECT_FALSE(bk::match_concepts("https://example.com/x does not exist"));
  EXPECT_FALSE(bk::match_concepts("version 2.3.4 does not exist"));
  EXPECT_FALSE(bk::match_concepts("id=a.b does not exist"));
  EXPECT_FALSE(bk::match_concepts("a@b@example.org does not exist"));
  // A refused message is not a refused attachment: nothing said about why.
  EXPECT_FALSE(bk::match_concepts("your message was rejected"));
  // A sender's address stays the sender's.
  EXPECT_EQ(bk::match_concepts("the sender lee@example.org is unknown")->reason, "rejected");
}

TEST(Concepts, BounceBoilerplateSaysNothing) {
  // The prose around a failure, in the manner of common MTA templates (own words): no reason in it.
  const char* texts[] = {
      "We regret that your message could not be handed to one or more of the recipients below.",
      "This is an automatic notice from the delivery software; the attached message was not delivered.",
      "The addresses listed below failed for good. This is a permanent error, retries have stopped.",
      "Contact the postmaster for help and include this report with your question.",
      "Delivery to this recipient failed permanently",
      "A temporary problem kept us from delivering your message; we will keep trying for two more days.",
      "No action is needed from you. We will try again later.",
      "The remote server gave no reason for the refusal",
  };
  for (const char* t : texts) EXPECT_FALSE(bk::match_concepts(t)) << t << " -> " << bk::match_concepts(t)->rule;
}

TEST(Concepts, RandomWordSoupGivesNothingOrARuleOfTheTable) {
  const char* pool[] = {"mailbox", "not", "full", "no", "such", "user", "sender", "ip", "blocked", "too", "large",
                        "its", "size", "spam", ",", ".", ":", "doesn't", "e-mail", "x@y.example", "\xE2\x80\x99",
                        "exist", "quota", "over", "TLS", "failed", "relay", "denied", "RecipientNotFound", "-"};
  std::uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  for (int n = 0; n < 2000; ++n) {
    std::string text;
    int words = static_cast<int>(next() % 30);
    for (int i = 0; i < words; ++i) {
      text += pool[next() % std::size(pool)];
      if (next() % 4) text += ' ';
    }
    auto m = bk::match_concepts(text);
    if (!m) continue;
    EXPECT_FALSE(m->reason.empty()) << text;
    EXPECT_EQ(m->rule.find_first_not_of("abcdefghijklmnopqrstuvwxyz_+"), std::string_view::npos) << text;
  }
}

TEST(Concepts, EmptyAndHostileInput) {
  EXPECT_FALSE(bk::match_concepts(""));
  EXPECT_FALSE(bk::match_concepts("   \t\r\n  "));
  std::string junk;
  for (int i = 0; junk.size() < 8192; ++i) junk.push_back(static_cast<char>((i * 131 + 7) % 256));
  (void)bk::match_concepts(junk);  // must not crash; the verdict on noise is not asserted
  std::string words;
  while (words.size() < 8192) words += "not mailbox full no such too ";
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) (void)bk::match_concepts(words);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(ms, 2000);  // generous for sanitizer builds; about 0.1 ms each in a release build
  std::string huge(1 << 20, 'a');
  huge += " mailbox is full";  // beyond kConceptMaxBytes: not read
  EXPECT_FALSE(bk::match_concepts(huge));
}

// In the classifier: after the phrases, before the status, and only over a generic status.
TEST(ConceptsInClassifier, SayPlainlyBeatsAGenericStatus) {
  bouncekit::Record r = rec("550 5.7.1 this message looked like junk to our filter", "5.7.1", "550", "DATA");
  EXPECT_EQ(reason(r), "spamdetected");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::concepts);
  EXPECT_EQ(bk::classify(r).rule, "spam");
  r = rec("550 5.0.0 your IP appears on a list of blocked senders", "5.0.0", "550", "RCPT");
  EXPECT_EQ(reason(r), "blocked");
  r = rec("550 5.2.0 recipient account was deactivated last year", "5.2.0", "550", "RCPT");
  EXPECT_EQ(reason(r), "suspend");
  r = rec("552 attachment too big for this recipient", "", "552");
  EXPECT_EQ(reason(r), "mesgtoobig");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::concepts);
}

TEST(ConceptsInClassifier, ASpecificStatusBeatsTheConcept) {
  bouncekit::Record r = rec("550 5.2.2 that letter was too large", "5.2.2", "550", "RCPT");
  EXPECT_EQ(reason(r), "mailboxfull");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::status);
}

TEST(ConceptsInClassifier, DirectoryWordsOutweighASecurityStatus) {
  // "does not exist" is a phrase; with 5.7.1 it was filtered, now its words are a directory's.
  bouncekit::Record r = rec("550 5.7.1 user does not exist", "5.7.1", "550");
  EXPECT_EQ(reason(r), "userunknown");
  r = rec("550 5.7.1 the mailbox you tried to reach is not present here", "5.7.1", "550");
  EXPECT_EQ(reason(r), "userunknown");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::concepts);
  EXPECT_EQ(bk::classify(r).bounce, bouncekit::vocabulary::Bounce::hard);
  // Still only after the address was refused at RCPT or with a status: at DATA it is a filter's refusal.
  r = rec("550 5.7.1 the mailbox you tried to reach is not present here", "5.7.1", "550", "DATA");
  EXPECT_EQ(reason(r), "filtered");
  // "unknown" alone is also a filter's canned word: a 5.7.1 keeps it filtered, as before.
  r = rec("550 5.7.1 recipient unknown", "5.7.1", "550");
  EXPECT_EQ(reason(r), "filtered");
}

TEST(ConceptsInClassifier, APhraseThatNamesNoObjectGivesWayToTheConceptThatDoes) {
  // "does not exist" is a userunknown phrase; here what does not exist is the domain, or the sender's.
  bouncekit::Record r = rec("550 5.0.0 the domain you addressed does not exist", "5.0.0", "550");
  EXPECT_EQ(reason(r), "hostunknown");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::concepts);
  r = rec("550 5.7.1 your sender address does not exist", "5.7.1", "550");
  EXPECT_EQ(reason(r), "rejected");
  // With an addressing status the status already says whose address: the phrase stands.
  r = rec("550 5.1.1 the domain part is fine but this user does not exist", "5.1.1", "550");
  EXPECT_EQ(reason(r), "userunknown");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::text_rule);
}

TEST(ConceptsInClassifier, AWeakPhraseGivesWayToAConcept) {
  bouncekit::Record r = rec("550 5.0.0 Recipient address rejected: content looked like junk", "5.0.0", "550");
  EXPECT_EQ(reason(r), "spamdetected");
  EXPECT_EQ(bk::classify(r).evidence, bk::Evidence::concepts);
}

TEST(ConceptsInClassifier, EvidenceName) { EXPECT_STREQ(bk::to_string(bk::Evidence::concepts), "concept"); }
