// bouncekit/decode.hpp — from one message to the records it reports.
#pragma once

#include <string>
#include <vector>

#include "bouncekit/classify.hpp"
#include "bouncekit/mime.hpp"
#include "bouncekit/record.hpp"
#include "bouncekit/source.hpp"

namespace bouncekit::decode {

/// What a message turned out to be.
enum class Kind {
  bounce,       ///< a non-delivery or delay report: records are failed/delayed recipients
  feedback,     ///< an ARF complaint (RFC 5965): not a bounce
  vacation,     ///< an auto-reply (RFC 3834): not a bounce
  delivered,    ///< a success DSN (2.x.x): not a bounce
  not_bounce,   ///< anything else: ordinary mail, no records
  undecodable,  ///< looks like a report but could not be decoded; `problem` says why
};

/// Name of a Kind ("bounce", "feedback", ...).
const char* to_string(Kind kind);

struct DecodeOptions {
  /// Header names of the original message to copy into Record::extra_headers (e.g. "X-Campaign-Id").
  std::vector<std::string> extra_headers;
  mime::Limits limits;
  /// Records kept per message (docs/limits.md): a report naming more recipients keeps the first
  /// max_records, and Result::problem says how many were left out.
  std::size_t max_records = 10000;
  /// Classifier for the records (user rules); nullptr = classify::default_classifier().
  const classify::Classifier* classifier = nullptr;
  /// A measurement mode: run only the decoders of standard formats (ARF, RFC 3464/6533 DSNs,
  /// RFC 3834 auto-replies) and the generic one, none written for one MTA or provider.
  bool generic_only = false;
};

struct Result {
  Kind kind = Kind::not_bounce;
  std::vector<Record> records;
  std::string problem;  ///< for undecodable (and damaged) messages: what went wrong
};

/// Decodes one raw message. Never throws; every record gets origin, reason and bounce.
Result decode(const source::RawMessage& message, const DecodeOptions& options = {});

}  // namespace bouncekit::decode
