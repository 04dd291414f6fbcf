#include "decode/autoreply.hpp"

#include <array>
#include <string_view>

#include "decode/address.hpp"
#include "decode/bounce_markers.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

struct HeaderMarker {
  std::string_view field;
  std::string_view value_contains;  // lower-case; "" = any value
};

// Headers that auto-responders set (RFC 3834 and the usual vendor fields).
constexpr std::array<HeaderMarker, 6> kHeaderMarkers{{
    {"Auto-Submitted", "auto-replied"},
    {"X-Autoreply", ""},
    {"X-Autorespond", ""},
    {"X-Autoresponder", ""},
    {"Precedence", "auto_reply"},
    {"X-Auto-Reply-From", ""},
}};

// Subject prefixes that only auto-responders write, lower-case. Words a person
// might start a subject with ("Vacation photos") are not here: without one
// of these prefixes, only the headers above mark an auto-reply.
constexpr std::array<std::string_view, 10> kSubjectPrefixes{
    "auto:", "automatic reply", "auto reply", "auto-reply", "autoreply", "autoresponse",
    "auto response", "out of office", "out of the office", "abwesenheitsnotiz"};

}  // namespace

bool detect_autoreply(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  bool marked = false;
  for (const auto& m : kHeaderMarkers) {
    const mime::Field* f = root.field(m.field);
    if (f && (m.value_contains.empty() || util::contains_ci(f->value, m.value_contains))) marked = true;
  }
  if (!marked) {
    std::string subject = util::to_lower(util::trim(mime::decode_header(root.value("Subject"))));
    for (auto p : kSubjectPrefixes)
      if (subject.starts_with(p)) marked = true;
  }
  // Some MTAs mark their bounces "Auto-Submitted: auto-replied" too.
  return marked && !looks_like_bounce(root);
}

Record reader_reply_record(const mime::Part& root) {
  Record r;
  r.recipient = first_address(root.value("From"));
  r.sender = first_address(root.value("To"));
  r.diagnostic = util::collapse_space(mime::decode_header(root.value("Subject")));
  r.timestamp = mime::to_iso8601_utc(root.value("Date"));
  return r;
}

std::optional<Result> decode_autoreply(const Context& ctx) {
  Record r = reader_reply_record(ctx.message.root);
  r.decoded_by = "rfc3834";
  r.hint = vocabulary::Reason::vacation;
  Result result;
  result.kind = Kind::vacation;
  result.records.push_back(std::move(r));
  return result;
}

}  // namespace bouncekit::decode
