// bouncekit/decode.hpp — from one message to what it says about each failed recipient.
//
// Decode reports the finding only (addresses, codes, texts, command, hosts, a decoder's hint);
// it never concludes a reason: classify does, and the pipeline composes the two
// (pipeline::decode_and_classify), so stored findings can be classified again.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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
  /// A measurement mode: run only the decoders of standard formats (ARF, RFC 3464/6533 DSNs,
  /// RFC 3834 auto-replies) and the generic one, none written for one MTA or provider.
  bool generic_only = false;
  /// VERP patterns (docs/verp.md), tried in order on the address the bounce was delivered to
  /// (Delivered-To, X-Original-To, To); a match fills Record::subscriber and Record::list. Check
  /// each with verp_pattern_problem() first: an invalid pattern matches nothing.
  std::vector<std::string> verp_patterns;
  /// After verp_patterns, also try the built-in ones (Postfix/Mailman `{list}+{local}={domain}@{host}`
  /// and ezmlm's `{list}-return-{number}-{local}={domain}@{host}`).
  bool verp_defaults = true;
};

/// Why `pattern` is not a valid VERP pattern (docs/verp.md), "" when it is.
std::string verp_pattern_problem(std::string_view pattern);

struct Result {
  Kind kind = Kind::not_bounce;
  std::vector<Record> records;
  std::string problem;  ///< for undecodable (and damaged) messages: what went wrong
};

/// Decodes one raw message. Never throws; every record gets its origin. Reason, bounce and the
/// rest of the verdict are left empty for classify.
Result decode(const source::RawMessage& message, const DecodeOptions& options = {});

}  // namespace bouncekit::decode
