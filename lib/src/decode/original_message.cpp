#include "decode/original_message.hpp"

#include "decode/address.hpp"
#include "decode/context.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

std::string header_text(const std::vector<mime::Field>& fields, std::string_view name) {
  for (const auto& f : fields)
    if (util::iequals(f.name, name)) return util::collapse_space(mime::decode_header(f.value));
  return {};
}

bool is_original_container(const mime::Part& p) {
  const auto& ct = p.content_type;
  if (ct.type == "message") return ct.subtype == "rfc822" || ct.subtype == "global" || ct.subtype == "global-headers";
  return ct.type == "text" && ct.subtype == "rfc822-headers";
}

}  // namespace

OriginalMessage read_original_headers(const std::vector<mime::Field>& fields,
                                      const std::vector<std::string>& extra_headers) {
  OriginalMessage m;
  m.found = !fields.empty();
  m.message_id = std::string(util::trim(header_text(fields, "Message-ID")));
  m.from = first_address(header_text(fields, "From"));
  m.to = first_address(header_text(fields, "To"));
  m.subject = header_text(fields, "Subject");
  m.date = mime::to_iso8601_utc(header_text(fields, "Date"));
  m.list_id = header_text(fields, "List-Id");
  for (const auto& name : extra_headers) {
    std::string value = header_text(fields, name);
    if (!value.empty()) m.extra.emplace_back(name, std::move(value));
  }
  return m;
}

OriginalMessage find_original_message(const mime::Part& root, const std::vector<std::string>& extra_headers) {
  for (const mime::Part* part : all_parts(root)) {
    if (part == &root || !is_original_container(*part)) continue;
    // mimetic parses message/rfc822 into one child entity; the others come as raw text.
    if (!part->children.empty() && !part->children.front().fields.empty())
      return read_original_headers(part->children.front().fields, extra_headers);
    std::vector<mime::Field> fields = mime::parse_fields(part->body);
    if (!fields.empty()) return read_original_headers(fields, extra_headers);
  }
  return {};
}

}  // namespace bouncekit::decode
