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

namespace {

// A block names at most a dozen standard fields (RFC 3464 section 2.3) and a few extensions: more
// is hostile (a block of a million "X: y" lines must not cost a million strings). Fields beyond
// this are skipped, though a recipient field still opens the next block.
constexpr std::size_t kMaxFieldsPerGroup = 64;
// A folded value longer than this is cut as it is built (a record field keeps 8 KB anyway).
constexpr std::size_t kMaxValueBytes = 64 * 1024;

// The block being read: its fields (while they are kept), and what the block structure needs to
// know of it even when its fields are not kept.
struct OpenGroup {
  FieldGroup group;
  bool any = false;
  bool final_recipient = false;
  bool original_recipient = false;
  bool last_kept = false;  ///< whether the last field line was stored (its continuation lines join it)
  bool recipient() const { return final_recipient || original_recipient; }
};

void append_capped(std::string& v, std::string_view more) {
  if (v.size() >= kMaxValueBytes || more.empty()) return;
  if (!v.empty()) v.push_back(' ');
  v.append(more.substr(0, kMaxValueBytes - v.size()));
}

void merge_into(FieldGroup& into, FieldGroup& from, bool only_new) {
  for (auto& f : from.fields) {
    if (into.fields.size() >= kMaxFieldsPerGroup) return;
    if (!only_new || !into.has(f.name)) into.fields.push_back(std::move(f));
  }
}

}  // namespace

DeliveryStatus parse_delivery_status(std::string_view body, std::size_t max_recipients) {
  DeliveryStatus ds;
  OpenGroup open;
  bool seen_recipient = false;
  // Once a recipient block was left out, its fields and those of every later block are only
  // counted, never stored: the work after the limit allocates nothing.
  bool dropping = false;

  // Files the block just ended: a recipient block is kept (up to the limit) or counted; the fields
  // of a block without a recipient go to the per-message group (before any recipient) or, cut off
  // by a stray blank line, to the recipient block before them.
  auto close = [&] {
    if (!open.any) return;
    if (open.recipient()) {
      seen_recipient = true;
      if (!dropping && ds.recipients.size() < max_recipients) {
        ds.recipients.push_back(std::move(open.group));
      } else {
        dropping = true;
        ++ds.recipients_left_out;
      }
    } else if (!seen_recipient) {
      merge_into(ds.per_message, open.group, false);
    } else if (!dropping) {
      merge_into(ds.recipients.back(), open.group, true);
    }
    open = OpenGroup{};
  };

  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? body.size() : eol;
    std::string_view line = body.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;

    if (util::trim(line).empty()) {
      close();
      continue;
    }
    std::string_view name, value;
    bool continuation = line[0] == ' ' || line[0] == '\t';
    if (!continuation && split_field(line, name, value)) {
      // Some MTAs omit the blank line between recipient blocks: a recipient
      // field in a block that already names its final recipient opens the next one.
      // (Original-Recipient may stand before or after Final-Recipient within one block.)
      bool final_field = util::iequals(name, "Final-Recipient");
      bool original_field = !final_field && util::iequals(name, "Original-Recipient");
      if ((final_field && open.final_recipient) || (original_field && open.original_recipient)) close();
      open.any = true;
      open.final_recipient |= final_field;
      open.original_recipient |= original_field;
      open.last_kept = !dropping && open.group.fields.size() < kMaxFieldsPerGroup;
      if (open.last_kept)
        open.group.fields.push_back({std::string(name), std::string(value.substr(0, kMaxValueBytes))});
    } else if (open.last_kept) {
      // A folded line, or an unindented diagnostic continuation: join with one space.
      append_capped(open.group.fields.back().value, util::trim(line));
    }
  }
  close();
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
