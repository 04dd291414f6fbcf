// decode(): one raw message -> kind + records. Runs the decoders in registry
// order, then fills what every record shares (origin, original message,
// timestamps, reason) in one place.
#include <exception>

#include "bouncekit/classify.hpp"
#include "bouncekit/decode.hpp"
#include "decode/address.hpp"
#include "decode/bounce_markers.hpp"
#include "decode/context.hpp"
#include "decode/original_message.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

void finish(Result& result, const Context& ctx, std::string_view decoder_name) {
  const mime::Part& root = ctx.message.root;
  OriginalMessage original = find_original_message(root, ctx.options.extra_headers);
  std::string bounce_date = mime::to_iso8601_utc(root.value("Date"));
  std::string origin = ctx.raw.origin.to_string();
  // The bounce is addressed to the original sender: the last resort for `sender`.
  std::string bounce_to = first_address(root.value("To"));

  for (Record& r : result.records) {
    r.origin = origin;
    if (r.decoded_by.empty()) r.decoded_by = std::string(decoder_name);
    if (r.timestamp.empty()) r.timestamp = bounce_date;
    if (r.sender.empty()) r.sender = original.from;
    if (r.sender.empty() && looks_like_address(bounce_to)) r.sender = bounce_to;
    r.recipient_domain = domain_of(r.recipient);
    r.message_id = original.message_id;
    r.subject = original.subject;
    r.list_id = original.list_id;
    r.original_to = original.to;
    r.original_date = original.date;
    r.extra_headers = original.extra;
    // Everything that leaves the library is valid UTF-8.
    for (std::string* field : {&r.recipient, &r.original_recipient, &r.sender, &r.remote_mta,
                               &r.reporting_mta, &r.message_id, &r.list_id, &r.original_to})
      *field = mime::sanitize_utf8(*field);
    classify::apply(r);
  }
}

Result decode_parsed(const Context& ctx) {
  for (const Decoder& decoder : registry()) {
    if (!decoder.detect(ctx)) continue;
    std::optional<Result> result = decoder.decode(ctx);
    if (!result) continue;
    if (ctx.message.damaged && result->problem.empty()) result->problem = ctx.message.problem;
    finish(*result, ctx, decoder.name);
    return std::move(*result);
  }
  Result result;
  if (looks_like_bounce(ctx.message.root)) {
    result.kind = Kind::undecodable;
    result.problem = ctx.message.damaged ? "reads like a bounce, MIME damaged: " + ctx.message.problem
                                         : "reads like a bounce but no decoder recognised its format";
  }
  return result;
}

}  // namespace

const char* to_string(Kind kind) {
  switch (kind) {
    case Kind::bounce: return "bounce";
    case Kind::feedback: return "feedback";
    case Kind::vacation: return "vacation";
    case Kind::delivered: return "delivered";
    case Kind::not_bounce: return "not_bounce";
    case Kind::undecodable: return "undecodable";
  }
  return "unknown";
}

Result decode(const source::RawMessage& raw, const DecodeOptions& options) {
  try {
    if (raw.bytes.empty()) {
      Result empty;
      empty.kind = Kind::undecodable;
      empty.problem = "empty message";
      return empty;
    }
    mime::Message message = mime::parse(raw.bytes, options.limits);
    Context ctx{raw, message, options};
    Result result = decode_parsed(ctx);
    if (raw.truncated && result.problem.empty()) result.problem = "message truncated at the size limit";
    return result;
  } catch (const std::exception& e) {
    Result failed;
    failed.kind = Kind::undecodable;
    failed.problem = std::string("decoder error: ") + e.what();
    return failed;
  }
}

}  // namespace bouncekit::decode
