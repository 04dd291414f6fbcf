// bouncekit/record.hpp — one result: a failed (or delayed, delivered, complained) recipient.
//
// Field names follow docs/record-schema.md. An empty string means "unknown"
// and is written as null; nothing is ever filled with a made-up default.
//
// Two halves: what the bounce said (the finding, filled by decode: addresses, codes, texts,
// command, hosts, and at most a decoder's `hint`), and what we conclude (the verdict, filled by
// classify: reason, bounce, action_owner, inferred_status, evidence, rule). Decode never writes
// the verdict half; the pipeline runs classify after decode.
//
// The texts the records of one message usually have in common (the diagnostic a notice gives to
// every recipient, the reporting and remote hosts, the returned message's sender, Message-ID, Subject, List-Id and To,
// the bounce's origin, date and fingerprint, the decoder's name) and the verdict's words (taken from fixed tables) are
// SharedText: records with the same text hold one copy of it, and a record is 464 bytes instead of 848 (docs/limits.md).
// Texts each record has its own of (the recipient, codes, the action) stay std::string: short ones are held inline.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bouncekit/shared_text.hpp"
#include "bouncekit/vocabulary.hpp"

namespace bouncekit {

struct Record {
  SharedText origin;               ///< source::Origin::to_string() of the bounce message
  SharedText timestamp;            ///< when the failure happened, UTC ISO 8601
  std::string recipient;           ///< failed recipient address (Final-Recipient)
  /// The subscriber a VERP bounce address names (docs/verp.md), "" when none: the address a list
  /// suppresses, which may differ from `recipient` (a forwarded address reports its final mailbox).
  SharedText subscriber;
  std::string original_recipient;  ///< Original-Recipient, if the report gives one
  std::string recipient_domain;    ///< domain part of `recipient`, lower-cased
  SharedText sender;               ///< sender of the original message
  std::string action;              ///< failed | delayed | delivered | relayed | expanded
  std::string status;              ///< enhanced status code the bounce stated, e.g. "5.1.1"; never inferred
  std::string reply_code;          ///< SMTP reply code, e.g. "550"
  SharedText diagnostic;           ///< diagnostic text, one line, UTF-8
  std::string diagnostic_type;     ///< "SMTP", "X-Postfix", ... (the type of Diagnostic-Code)
  /// What the decoder's own format says the record is (an auto-reply, a complaint, a success
  /// report, or a reason its product's notice states outright); classify weighs it first.
  std::optional<vocabulary::Reason> hint;

  // The verdict (classify).
  SharedText reason;               ///< Sisimai vocabulary: userunknown, mailboxfull, ...
  SharedText bounce;               ///< hard | soft | none
  /// Who must act: recipient (the address), sender (sending infrastructure), message (its content),
  /// remote (the destination system or the network); empty for non-bounces and undecided reasons.
  SharedText action_owner;
  /// The placeholder X.0.9NN status for the reason when the bounce stated no status ("" otherwise).
  SharedText inferred_status;
  SharedText evidence;             ///< what decided the reason: text_rule, concept, status, ... (classify::Evidence)
  SharedText rule;                 ///< the phrase, concept, code or pattern that decided it
  SharedText remote_mta;           ///< host that refused the mail
  SharedText reporting_mta;        ///< host that wrote the report
  std::string smtp_command;        ///< SMTP command that failed (RCPT, DATA, ...)
  SharedText decoded_by;           ///< name of the decoder that produced the record
  SharedText message_id;           ///< Message-ID of the original message
  SharedText subject;              ///< Subject of the original message
  SharedText list_id;              ///< List-Id of the original message
  /// The list the record belongs to: the identifier of List-Id (between < and >, lower-cased),
  /// else the list's VERP bounce address ({list}@{host}); "" when neither is known.
  SharedText list;
  SharedText original_to;          ///< To of the original message
  SharedText original_date;        ///< Date of the original message, UTC ISO 8601
  SharedText feedback_type;        ///< ARF Feedback-Type (abuse, fraud, ...) for feedback records
  /// history::fingerprint of the bounce message's bytes: the key a history counts it by, the
  /// same value `parse` writes and `report` stores (docs/record-schema.md).
  SharedText fingerprint;
  /// Headers of the original message the caller asked for (DecodeOptions::extra_headers).
  std::vector<std::pair<std::string, std::string>> extra_headers;
};

}  // namespace bouncekit
