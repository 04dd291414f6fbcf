#include "decode/delivery_status.hpp"

#include <cctype>

#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// "Name: value" where Name is a field name token (letters, digits, '-').
bool split_field(std::string_view line, std::string_view& name, std::string_view& value) {
  std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 64) return false;
  std::string_view n = line.substr(0, colon);
  while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
  if (n.empty()) return false;
  if (!util::is_alpha(n[0])) return false;
  for (char c : n)
    if (!(util::is_alpha(c) || util::is_digit(c) || c == '-' || c == '_')) return false;
  name = n;
  value = util::trim(line.substr(colon + 1));
  return true;
}

bool is_recipient_group(const FieldGroup& g) {
  return g.has("Final-Recipient") || g.has("Original-Recipient");
}

}  // namespace

std::string_view FieldGroup::get(std::string_view name) const {
  for (const auto& f : fields)
    if (util::iequals(f.name, name)) return f.value;
  return {};
}

bool FieldGroup::has(std::string_view name) const {
  for (const auto& f : fields)
    if (util::iequals(f.name, name)) return true;
  return false;
}

DeliveryStatus parse_delivery_status(std::string_view body) {
  std::vector<FieldGroup> groups(1);
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? body.size() : eol;
    std::string_view line = body.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;

    FieldGroup& group = groups.back();
    if (util::trim(line).empty()) {
      if (!group.fields.empty()) groups.emplace_back();
      continue;
    }
    std::string_view name, value;
    bool continuation = line[0] == ' ' || line[0] == '\t';
    if (!continuation && split_field(line, name, value)) {
      // Some MTAs omit the blank line between recipient blocks: a recipient
      // field in a block that already names its final recipient opens the next one.
      // (Original-Recipient may stand before or after Final-Recipient within one block.)
      bool next_block = util::iequals(name, "Final-Recipient")
                            ? group.has("Final-Recipient")
                            : util::iequals(name, "Original-Recipient") && group.has("Original-Recipient");
      if (next_block) groups.emplace_back();
      groups.back().fields.push_back({std::string(name), std::string(value)});
    } else if (!group.fields.empty()) {
      // A folded line, or an unindented diagnostic continuation: join with one space.
      std::string& v = group.fields.back().value;
      std::string_view more = util::trim(line);
      if (!v.empty() && !more.empty()) v.push_back(' ');
      v.append(more);
    }
  }
  if (groups.back().fields.empty()) groups.pop_back();

  DeliveryStatus ds;
  bool seen_recipient = false;
  for (auto& g : groups) {
    if (is_recipient_group(g)) {
      ds.recipients.push_back(std::move(g));
      seen_recipient = true;
    } else if (!seen_recipient) {
      for (auto& f : g.fields) ds.per_message.fields.push_back(std::move(f));
    } else {
      // Fields cut off from their recipient block by a stray blank line.
      FieldGroup& last = ds.recipients.back();
      for (auto& f : g.fields)
        if (!last.has(f.name)) last.fields.push_back(std::move(f));
    }
  }
  return ds;
}

Typed split_typed(std::string_view value) {
  std::string_view v = util::trim(value);
  std::size_t semi = v.find(';');
  if (semi != std::string_view::npos && semi > 0 && semi <= 20) {
    std::string_view type = util::trim(v.substr(0, semi));
    bool token = !type.empty();
    for (char c : type)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) token = false;
    if (token) return {std::string(type), std::string(util::trim(v.substr(semi + 1)))};
  }
  return {"", std::string(v)};
}

}  // namespace bouncekit::decode
