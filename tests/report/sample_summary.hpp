// A small Summary for the writer tests, built by hand so each writer's output can be checked exactly.
#pragma once

#include "bouncekit/analysis.hpp"

namespace bouncekit::test {

inline analysis::Summary sample_summary() {
  analysis::Summary s;
  s.generated_at = "2026-11-22T04:00:00Z";
  s.since = "2026-11-15T00:00:00Z";
  s.run_read = 12;
  s.run_new_messages = 10;
  s.run_already_counted = 2;
  s.run_bounces = 9;
  s.run_non_bounces = 2;
  s.run_undecodable = 1;
  s.run_records = 11;
  s.messages = 30;
  s.records = 34;
  s.hard = 20;
  s.soft = 14;
  s.recipients = 31;
  s.suppressed = 21;
  s.reasons = {{"userunknown", 20}, {"blocked", 9}, {"mailboxfull", 5}};
  s.owners = {{"recipient", 25}, {"sender", 9}};
  s.per_day = {{"2026-11-20", 10}, {"2026-11-21", 24}};

  analysis::GroupStats com;
  com.name = "example.com";
  com.messages = 25;
  com.records = 28;
  com.hard = 18;
  com.soft = 10;
  com.suppressed = 19;
  com.reasons = {{"userunknown", 18}, {"blocked", 6}, {"mailboxfull", 4}};
  com.owners = {{"recipient", 22}, {"sender", 6}};
  com.top_remote_mtas = {{"gmail-smtp-in.l.google.com", 20}, {"alt1.gmail-smtp-in.l.google.com", 8}};
  com.example_diagnostics = {"550 5.1.1 \"no\" such user, sorry", "452 4.2.2 over quota"};
  com.first_seen = "2026-11-20T01:00:00Z";
  com.last_seen = "2026-11-21T23:00:00Z";
  com.sender_side = 6;
  com.sender_side_messages = 5;
  com.blocklists = {{"spamhaus-zen", 4}, {"barracuda", 1}};
  com.sender_side_flag = true;

  analysis::GroupStats org;
  org.name = "example.org";
  org.messages = 5;
  org.records = 6;
  org.hard = 2;
  org.soft = 4;
  org.suppressed = 2;
  org.reasons = {{"blocked", 3}, {"userunknown", 2}, {"mailboxfull", 1}};
  org.owners = {{"recipient", 3}, {"sender", 3}};
  org.first_seen = "2026-11-21T02:00:00Z";
  org.last_seen = "2026-11-21T03:00:00Z";
  org.sender_side = 3;
  org.sender_side_messages = 2;  // under the threshold's 3 messages: not flagged
  s.domains = {com, org};

  analysis::GroupStats google = com;
  google.name = "google";
  google.suppressed = 0;
  s.providers = {google};
  s.sender_side_per_day = {{"google", {{"2026-11-20", 2}, {"2026-11-21", 4}}}, {"(none)", {{"2026-11-21", 3}}}};
  return s;
}

}  // namespace bouncekit::test
