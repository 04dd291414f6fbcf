// The lines `parse --ship` writes (docs/record-schema.md, "Shipped files"): records with what a
// central `report` needs to store their message as it stores one it decoded, and one line for
// each message without records. nightly/shipped_reader.cpp reads them back.
#include <string>

#include "bouncekit/report.hpp"
#include "bouncekit/vocabulary.hpp"
#include "report/json_string.hpp"

namespace bouncekit::report {
namespace {

void append_tag(std::string& out, const MessageTag& m) {
  out += ",\"message_kind\":";
  detail::append_json_string(out, m.kind);
  out += ",\"message_records\":";
  out += std::to_string(m.records);
  out += ",\"host\":";
  detail::append_json_string(out, m.host);
  out += '}';
}

}  // namespace

void append_shipped_record(std::string& out, const Record& record, const MessageTag& message) {
  append_json(out, record);
  out.pop_back();  // the object's closing brace: the tag goes inside it
  // The decoder's hint is part of the stored finding (`report --reclassify` weighs it).
  out += ",\"hint\":";
  detail::append_json_string_or_null(out, record.hint ? vocabulary::name(*record.hint) : std::string_view());
  append_tag(out, message);
}

void append_shipped_message(std::string& out, const MessageTag& message) {
  out += "{\"fingerprint\":";
  detail::append_json_string(out, message.fingerprint);
  out += ",\"origin\":";
  detail::append_json_string(out, message.origin);
  append_tag(out, message);
}

void append_shipment_end(std::string& out, std::uint64_t messages, std::string_view host) {
  out += "{\"end_of_shipment\":true,\"messages\":";
  out += std::to_string(messages);
  out += ",\"host\":";
  detail::append_json_string(out, host);
  out += '}';
}

}  // namespace bouncekit::report
