#include "decode/original_message.hpp"

#include <algorithm>
#include <array>

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

// How plain-text notices announce the returned message, lower-case, matched at
// the start of a line once its decoration ("-----", "***", blanks) is stripped.
constexpr std::array<std::string_view, 22> kReturnedMessageMarkers{
    "original message",          // ----- Original message -----, Original message follows.
    "original mail",             // Original mail as follows:
    "the original message follows",
    "the original message is below",
    "below this line is a copy",
    "below is a copy of",
    "this is a copy of",         // ------ This is a copy of the message, including all the headers. ------
    "enclosed is a copy",
    "a copy of the original message",
    "copy of the original message",
    "unsent message follows",
    "message headers follow",
    "headers of the original message",
    "original message headers",
    "the header of the original message",
    "included is a copy of the message",
    "returned message follows",
    "bounced e-mail",
    "bounced message follows",
    "forwarded message",
    "begin forwarded message",
    "rfc822 headers follow",
};

// The first bytes of those markers, in either case: most lines of a notice begin with none of
// them, and are done with after one table look-up.
constexpr std::array<bool, 256> kMarkerLeads = [] {
  std::array<bool, 256> leads{};
  for (std::string_view marker : kReturnedMessageMarkers) {
    leads[static_cast<unsigned char>(marker[0])] = true;
    if (util::is_alpha(marker[0])) leads[static_cast<unsigned char>(marker[0]) ^ 0x20] = true;
  }
  return leads;
}();

// Header names that identify a message (as opposed to transport or MIME fields).
constexpr std::array<std::string_view, 5> kIdentifyingHeaders{"from", "to", "subject", "date", "message-id"};

std::string_view without_decoration(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (util::is_space(line[i]) || line[i] == '-' || line[i] == '*' || line[i] == '=' ||
                             line[i] == '_' || line[i] == '#' || line[i] == '<' || line[i] == '>' || line[i] == '['))
    ++i;
  return line.substr(i);
}

bool is_returned_message_marker(std::string_view line) {
  std::string_view text = util::trim(without_decoration(line));
  if (text.empty() || !kMarkerLeads[static_cast<unsigned char>(text[0])]) return false;
  while (!text.empty() && (text.back() == '-' || text.back() == '*' || text.back() == '=' || text.back() == '_' ||
                           text.back() == '#' || util::is_space(text.back())))
    text.remove_suffix(1);
  if (text.size() > 100) return false;
  for (std::string_view marker : kReturnedMessageMarkers) {
    if (!util::starts_with_ci(text, marker)) continue;
    // "Original message ID: <...>" or "... copy of the message to a@b" are
    // statements, not announcements: a marker line names no address and
    // has no colon except at its end.
    std::string_view rest = util::trim(text.substr(marker.size()));
    if (rest.find('@') != std::string_view::npos) continue;
    std::size_t colon = rest.find(':');
    if (colon != std::string_view::npos && colon + 1 < rest.size()) continue;
    return true;
  }
  return false;
}

// "Name:" at the start of the line: a letter, then letters, digits and dashes.
std::string_view header_name(std::string_view line) {
  if (line.empty() || !util::is_alpha(line[0])) return {};
  std::size_t i = 1;
  while (i < line.size() && i < 77 && (util::is_alpha(line[i]) || util::is_digit(line[i]) || line[i] == '-')) ++i;
  if (i >= line.size() || line[i] != ':') return {};
  return line.substr(0, i);
}

// Calls fn(offset, line) for each line of text from `from` (a line start) until fn returns true.
template <typename Fn>
std::size_t each_line(std::string_view text, std::size_t from, Fn fn) {
  std::size_t pos = from;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? text.size() : eol;
    if (fn(pos, text.substr(pos, end - pos))) return pos;
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return std::string_view::npos;
}

std::size_t line_start_at_or_after(std::string_view text, std::size_t from) {
  if (from == 0 || from > text.size()) return std::min(from, text.size());
  if (text[from - 1] == '\n') return from;
  std::size_t eol = text.find('\n', from);
  return eol == std::string_view::npos ? text.size() : eol + 1;
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

std::size_t find_returned_message_marker(std::string_view text, std::size_t from) {
  return each_line(text, line_start_at_or_after(text, from),
                   [](std::size_t, std::string_view line) { return is_returned_message_marker(line); });
}

std::optional<InlineHeaders> find_inline_headers(std::string_view text, std::size_t from) {
  struct Run {
    std::size_t begin = std::string_view::npos, end = 0, fields = 0;
    unsigned identifying = 0;  // bit set over kIdentifyingHeaders
    bool after_marker = false;
  } run;
  bool last_was_marker = false;  // the last non-blank line announced the returned message
  std::optional<InlineHeaders> found;
  auto qualifies = [](const Run& r) {
    int named = 0;
    for (unsigned bits = r.identifying; bits; bits &= bits - 1) ++named;
    return r.begin != std::string_view::npos && named >= 2 && (r.fields >= 3 || r.after_marker);
  };
  auto finish_run = [&]() {
    if (qualifies(run)) {
      std::string_view block = text.substr(run.begin, run.end - run.begin);
      found = InlineHeaders{run.begin, run.end, mime::parse_fields(block)};
    }
    run = Run{};
    return found.has_value();
  };
  std::size_t stop = each_line(text, line_start_at_or_after(text, from), [&](std::size_t pos, std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t line_end = pos + line.size() + (pos + line.size() < text.size() ? 1 : 0);
    std::string_view name = header_name(line);
    if (!name.empty()) {
      if (run.begin == std::string_view::npos) {
        run.begin = pos;
        run.after_marker = last_was_marker;
      }
      ++run.fields;
      for (std::size_t i = 0; i < kIdentifyingHeaders.size(); ++i)
        if (util::iequals(name, kIdentifyingHeaders[i])) run.identifying |= 1u << i;
      run.end = line_end;
      return false;
    }
    bool blank = util::trim(line).empty();
    if (run.begin != std::string_view::npos && !blank && util::is_wsp(line[0])) {
      run.end = line_end;  // a folded header line
      return false;
    }
    if (finish_run()) return true;
    // An mbox postmark ("From a@b  Sat Oct  4 ...") between a marker and the headers keeps the marker's effect.
    if (!blank && !line.starts_with("From ")) last_was_marker = is_returned_message_marker(line);
    return false;
  });
  if (stop == std::string_view::npos && !found) finish_run();
  return found;
}

OriginalMessage find_original_message(const mime::Part& root, const std::vector<std::string>& extra_headers) {
  for (const mime::Part* part : all_parts(root)) {
    if (part == &root || !is_original_container(*part)) continue;
    // mimetic parses message/rfc822 into one child entity; the others come as raw text.
    if (!part->children.empty() && !part->children.front().fields.empty())
      return read_original_headers(part->children.front().fields, extra_headers);
    std::vector<mime::Field> fields = mime::parse_fields(part->body());
    if (!fields.empty()) return read_original_headers(fields, extra_headers);
  }
  return {};
}

OriginalMessage find_inline_original_message(const mime::Part& root, std::string_view raw,
                                             const std::vector<std::string>& extra_headers) {
  if (root.content_type.type == "multipart" && root.children.empty()) {
    std::size_t body = raw.find("\n\n");
    if (body == std::string_view::npos) return {};
    std::string text = mime::sanitize_utf8(raw.substr(body + 2));
    if (auto block = find_inline_headers(text)) return read_original_headers(block->fields, extra_headers);
    return {};
  }
  for (const mime::Part* part : all_parts(root, false)) {
    const auto& ct = part->content_type;
    if (!part->children.empty() || ct.type != "text" || ct.subtype != "plain") continue;
    // A sub-part without any header is what a misparsed multipart leaves
    // behind: its text may still be transfer-encoded.
    if (part != &root && part->fields.empty()) continue;
    if (auto block = find_inline_headers(part->text())) return read_original_headers(block->fields, extra_headers);
  }
  return {};
}

std::string list_identifier(std::string_view list_id) {
  std::string_view id = util::trim(list_id);
  const std::size_t lt = id.rfind('<');
  if (lt != std::string_view::npos) {
    const std::size_t gt = id.find('>', lt);
    id = util::trim(id.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1));
  }
  if (id.empty() || id.size() > 255) return {};
  return util::to_lower(id);
}

}  // namespace bouncekit::decode
