// decode(): one raw message -> kind + records. Runs the decoders in registry
// order, then fills what every record shares (origin, original message,
// timestamps) in one place. Classification is not decode's job (pipeline).
#include <array>
#include <exception>
#include <optional>

#include "bouncekit/decode.hpp"
#include "decode/address.hpp"
#include "decode/bounce_markers.hpp"
#include "decode/context.hpp"
#include "decode/envelope.hpp"
#include "decode/original_message.hpp"
#include "decode/plain_text.hpp"
#include "decode/verp.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Longest text kept in one field: a diagnostic is a line or a paragraph; more is hostile or noise.
constexpr std::size_t kMaxFieldBytes = 8192;

std::string bounded_text(std::string_view text) {
  if (text.size() > kMaxFieldBytes) {
    std::size_t cut = kMaxFieldBytes;
    // Do not split a UTF-8 sequence: back up over continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  return mime::sanitize_utf8(text);
}

// bounded_text for the texts records of one message often share (SharedText in record.hpp):
// consecutive records holding the same text, however their decoder built it, end up holding one
// bounded copy. (Each kept its own: 10,000 recipients sharing a 16 KB diagnostic, or a returned
// Subject of 8 KB, took 160 MB or 80 MB.)
class SharedBounded {
 public:
  void apply(SharedText& field) {
    if (field.empty()) return;
    if (!field.shares(in_) && !(field == in_)) {
      in_ = field;
      out_ = bounded_text(field);
    }
    field = out_;
  }

 private:
  SharedText in_;   // the last text seen
  SharedText out_;  // what it became
};

// The decoders expect LF line ends (the source stage gives nothing else), but
// decode() is public: a library caller may hand over CRLF or CR-only text.
std::string_view normalised_line_ends(std::string_view bytes, std::string& storage) {
  if (bytes.find('\r') == std::string_view::npos) return bytes;
  storage.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] != '\r') {
      storage.push_back(bytes[i]);
    } else {
      storage.push_back('\n');
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    }
  }
  return storage;
}

// The first address the bounce was delivered to that a VERP pattern reads (envelope.hpp, verp.hpp).
std::optional<VerpMatch> verp_of(const Context& ctx) {
  if (ctx.options.verp_patterns.empty() && !ctx.options.verp_defaults) return std::nullopt;
  auto worth_reading = [&](std::string_view value) {
    return may_match_verp(ctx.options.verp_patterns, ctx.options.verp_defaults, value);
  };
  for (const std::string& address : envelope_recipients(ctx.message.root, worth_reading))
    if (auto match = match_verp(ctx.options.verp_patterns, ctx.options.verp_defaults, address)) return match;
  return std::nullopt;
}

void finish(Result& result, const Context& ctx, std::string_view decoder_name,
            const std::optional<VerpMatch>& verp) {
  const mime::Part& root = ctx.message.root;
  OriginalMessage original = returned_message(ctx);
  if (original.found) {
    // returned_message() also read List-Post for the generic decoder: keep only what was asked for.
    std::erase_if(original.extra, [&](const auto& field) {
      for (const std::string& h : ctx.options.extra_headers)
        if (util::iequals(h, field.first)) return false;
      return true;
    });
  } else {
    original = find_inline_original_message(root, ctx.bytes, ctx.options.extra_headers);
  }
  // Made once, copied into every record (a pointer copy: SharedText).
  const SharedText bounce_date = mime::to_iso8601_utc(root.value_view("Date"));
  const SharedText origin = ctx.raw.origin.to_string(), decoded_by(decoder_name), original_date = original.date;
  // The bounce is addressed to the original sender: the last resort for `sender` (read only
  // when a record needs it: most have the returned message's From).
  std::optional<SharedText> bounce_to;
  // What the returned message says, once for every record.
  const SharedText message_id = original.message_id, subject = original.subject, list_id = original.list_id,
                   original_to = original.to, original_from = original.from;
  const SharedText subscriber = verp ? SharedText(verp->subscriber) : SharedText(),
                   verp_list = verp ? SharedText(verp->list) : SharedText();
  std::array<SharedBounded, 11> shared;
  SharedText last_list_id, last_list;  // list_identifier(last_list_id)

  for (Record& r : result.records) {
    r.origin = origin;
    if (r.decoded_by.empty()) r.decoded_by = decoded_by;
    if (r.timestamp.empty()) r.timestamp = bounce_date;
    if (r.sender.empty()) r.sender = original_from;
    // A VERP return path names a subscriber: the list's bounce address is the sender's side,
    // and the bounce's To (that VERP address, most likely) is no sender (docs/verp.md).
    if (r.sender.empty() && verp) r.sender = verp_list;
    if (r.sender.empty() && !verp) {
      if (!bounce_to) bounce_to = SharedText(first_address(root.value_view("To")));
      if (looks_like_address(bounce_to->str())) r.sender = *bounce_to;
    }
    // A decoder that read these from the report itself (Amazon SES's JSON) keeps them.
    auto fill = [](auto& field, const auto& value) {
      if (field.empty()) field = value;
    };
    fill(r.message_id, message_id);
    fill(r.subject, subject);
    fill(r.list_id, list_id);
    fill(r.original_to, original_to);
    fill(r.original_date, original_date);
    if (r.extra_headers.empty()) r.extra_headers = original.extra;
    if (verp) r.subscriber = subscriber;
    if (!r.list_id.shares(last_list_id)) {
      last_list_id = r.list_id;
      last_list = list_identifier(r.list_id);
    }
    r.list = last_list;
    if (r.list.empty() && verp) r.list = verp_list;
    // Everything that leaves the library is valid UTF-8 and of bounded size.
    for (std::string* field : {&r.recipient, &r.original_recipient, &r.action, &r.diagnostic_type})
      if (!field->empty()) *field = bounded_text(*field);
    std::size_t i = 0;
    for (SharedText* field : {&r.sender, &r.diagnostic, &r.remote_mta, &r.reporting_mta, &r.message_id,
                              &r.subject, &r.list_id, &r.original_to, &r.list, &r.feedback_type, &r.subscriber})
      shared[i++].apply(*field);
    r.recipient_domain = domain_of(r.recipient);
  }
}

// The records-per-message limit: the first `max` recipients are kept the rest
// counted. A decoder that stops building records at the limit reports what it only counted in
// `not_built`; a decoder that built more than `max` has them dropped here.
void keep_at_most(Result& result, std::size_t max, std::size_t not_built) {
  std::size_t beyond = (result.records.size() > max ? result.records.size() - max : 0) + not_built;
  if (beyond == 0) return;
  std::string note = std::to_string(beyond) + " recipients beyond the limit of " + std::to_string(max) +
                     " records per message were left out";
  if (result.records.size() > max) result.records.resize(max);
  result.problem = result.problem.empty() ? note : result.problem + "; " + note;
}

// A bounce whose report names no readable recipient, delivered to a VERP address: the failed
// recipient is the subscriber that address names. What failed and why stays unknown (classify
// leaves such a record undecided); decoded_by "verp" and the note say where the address came from.
Result verp_record(const Context& ctx, const VerpMatch& verp, const std::string& why_unreadable) {
  Result result;
  result.kind = Kind::bounce;
  Record r;
  r.recipient = verp.subscriber;
  r.action = "failed";
  result.records.push_back(std::move(r));
  result.problem = "no readable recipient in the report" +
                   (why_unreadable.empty() ? std::string() : " (" + why_unreadable + ")") +
                   "; the recipient is the subscriber of the VERP address (" + verp.pattern + ")";
  finish(result, ctx, "verp", verp);
  return result;
}

Result decode_parsed(const Context& ctx) {
  for (const Decoder& decoder : registry()) {
    if (ctx.options.generic_only && decoder.scope != Scope::generic) continue;
    if (!decoder.detect(ctx)) continue;
    ctx.records_left_out = 0;
    std::optional<Result> result = decoder.decode(ctx);
    if (!result) continue;
    if (ctx.message.damaged && result->problem.empty()) result->problem = ctx.message.problem;
    keep_at_most(*result, ctx.options.max_records, ctx.records_left_out);
    // Ordinary mail (no record, not a bounce) does not pay for reading the envelope.
    std::optional<VerpMatch> verp;
    if (!result->records.empty() || result->kind == Kind::bounce) verp = verp_of(ctx);
    if (result->kind == Kind::bounce && result->records.empty() && verp) return verp_record(ctx, *verp, "");
    finish(*result, ctx, decoder.name, verp);
    return std::move(*result);
  }
  Result result;
  // A read receipt (RFC 8098 message disposition notification) is a report too, but never a
  // failure: it says the message was displayed, deleted or the like.
  if (ctx.message.root.content_type.is("multipart/report") &&
      util::iequals(ctx.message.root.content_type.param("report-type"), "disposition-notification"))
    return result;
  if (ctx.message.root.content_type.is("multipart/report")) {
    result.kind = Kind::undecodable;
    result.problem = "a multipart/report (" + ctx.message.root.content_type.param("report-type") +
                     ") without a machine-readable part any decoder could read";
  } else if (unread_failure_notice(ctx.message.root)) {
    result.kind = Kind::undecodable;
    result.problem = ctx.message.damaged ? "reads like a bounce, MIME damaged: " + ctx.message.problem
                                         : "reads like a bounce but no decoder recognised its format";
  }
  if (result.kind == Kind::undecodable)
    if (std::optional<VerpMatch> verp = verp_of(ctx)) return verp_record(ctx, *verp, result.problem);
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
    std::string storage;
    std::string_view bytes = normalised_line_ends(raw.bytes, storage);
    mime::Message message = mime::parse(bytes, options.limits);
    Context ctx{raw, bytes, message, options};
    Result result = decode_parsed(ctx);
    if (raw.truncated) {
      // Only the first max_message_bytes were kept: a report found there is decoded; otherwise the
      // message cannot be called an ordinary mail, since its report part may lie in what was cut.
      if (result.kind == Kind::not_bounce) {
        result.kind = Kind::undecodable;
        result.problem = "larger than the maximum message size, and no report in the " +
                         std::to_string(raw.bytes.size()) + " bytes kept";
      } else if (result.problem.empty()) {
        result.problem = "message truncated at the size limit";
      }
    }
    return result;
  } catch (const std::exception& e) {
    Result failed;
    failed.kind = Kind::undecodable;
    failed.problem = std::string("decoder error: ") + e.what();
    return failed;
  }
}

}  // namespace bouncekit::decode
