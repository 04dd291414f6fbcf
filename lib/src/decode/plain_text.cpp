#include "decode/plain_text.hpp"

#include "decode/original_message.hpp"

#include <string.h>  // memmem (glibc)

#include <algorithm>
#include <array>
#include <unordered_set>

#include "decode/address.hpp"
#include "decode/bounce_markers.hpp"
#include "decode/html_text.hpp"
#include "decode/rfc3464.hpp"
#include "decode/work_count.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

std::string_view after_blanks(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && util::is_wsp(line[i])) ++i;
  return line.substr(i);
}

bool is_address_char(char c) {
  return util::is_alpha(c) || util::is_digit(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '=' ||
         c == '\'' || c == '/' || c == '!' || c == '%' || c == '&' || c == '#' || c == '$' || c == '*' ||
         c == '?' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == '~' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

const OriginalMessage& returned_message(const Context& ctx) {
  if (!ctx.cache.original) {
    std::vector<std::string> wanted = ctx.options.extra_headers;
    bool has_list_post = false;
    for (const std::string& h : wanted) has_list_post = has_list_post || util::iequals(h, "List-Post");
    if (!has_list_post) wanted.emplace_back("List-Post");
    ctx.cache.original = find_original_message(ctx.message.root, wanted);
  }
  return *ctx.cache.original;
}

std::string notice_text(const Context& ctx) {
  const mime::Part* html = nullptr;
  for (const mime::Part* p : all_parts(ctx.message.root, false)) {
    if (!p->children.empty() || p->content_type.type != "text") continue;
    if (p->content_type.subtype == "plain") return p->text();
    if (p->content_type.subtype == "html" && !html) html = p;
  }
  if (html) return html_to_text(html->text());
  return {};
}

std::size_t find_line_starting(std::string_view text, std::span<const std::string_view> markers,
                               std::size_t from) {
  std::size_t pos = from;
  // Start at a line boundary.
  if (pos > 0 && pos <= text.size() && text[pos - 1] != '\n') {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return pos;
    ++pos;
  }
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::string_view line = after_blanks(text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos));
    for (std::string_view m : markers)
      if (util::starts_with_ci(line, m)) return pos;
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return std::string_view::npos;
}

std::string_view cut_at_marker(std::string_view text, std::span<const std::string_view> markers) {
  std::size_t at = find_line_starting(text, markers);
  return at == std::string_view::npos ? text : text.substr(0, at);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) {
      lines.push_back(text.substr(pos));
      break;
    }
    lines.push_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return lines;
}

std::vector<std::string> addresses_in(std::string_view line, std::size_t max) {
  std::vector<std::string> found;
  // The addresses found so far, lower-cased, once there are many: comparing each new one with
  // every one before it was quadratic (a 256 KB line of 23,000 addresses: 1.6 s).
  constexpr std::size_t kLinearSearch = 16;
  std::unordered_set<std::string> seen_lowered;
  for (std::size_t at = line.find('@'); at != std::string_view::npos && found.size() < max;
       at = line.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && is_address_char(line[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < line.size() && (is_address_char(line[end]) || line[end] == '[' || line[end] == ']' || line[end] == ':'))
      ++end;
    if (begin == at || end == at + 1) continue;
    std::string address = clean_address(line.substr(begin, end - begin));
    // Strip what clean_address leaves from surrounding quoting: leading quotes, trailing dots.
    while (!address.empty() && (address.front() == '\'' || address.front() == '`')) address.erase(0, 1);
    while (!address.empty() && (address.back() == '\'' || address.back() == '.' || address.back() == ']' ||
                                address.back() == ':'))
      address.pop_back();
    if (!looks_like_address(address) || domain_of(address).find('.') == std::string::npos) continue;
    if (found.size() < kLinearSearch) {
      bool seen = false;
      for (const auto& f : found) seen = seen || util::iequals(f, address);
      if (seen) continue;
    } else {
      if (seen_lowered.empty())
        for (const auto& f : found) seen_lowered.insert(util::to_lower(f));
      if (!seen_lowered.insert(util::to_lower(address)).second) continue;
    }
    found.push_back(std::move(address));
  }
  return found;
}

namespace {

// util::collapse_space(text) cut at `max` bytes, without collapsing (or allocating for) more of
// the text than that: records often share one long text, so its whole read length, collapsed
// and reserved for each of 10,000 records, cost 640 MB and 3 s.
std::string collapse_space_bounded(std::string_view text, std::size_t max) {
  std::string out;
  out.reserve(std::min(text.size(), max));
  std::size_t i = 0;
  while (i < text.size() && out.size() < max) {
    while (i < text.size() && util::is_space(text[i])) ++i;
    if (i == text.size()) break;
    std::size_t end = i;
    while (end < text.size() && !util::is_space(text[end])) ++end;
    if (!out.empty()) out.push_back(' ');
    out.append(text.substr(i, std::min(end - i, max - std::min(max, out.size()))));
    i = end;
  }
  if (out.size() > max) out.resize(max);
  return out;
}

// The diagnostic a record keeps. Decoders often give one text to every recipient of a notice: a
// text kept again is shared with the record before (SharedText), not stored once per record
// (10,000 recipients sharing 16 KB took 160 MB).
SharedText kept_diagnostic(std::string_view diagnostic) {
  thread_local SharedText last;
  std::string kept = collapse_space_bounded(diagnostic.substr(0, kMaxDiagnosticReadBytes), kMaxDiagnosticKeptBytes);
  if (!(last == kept)) last = std::move(kept);
  return last;
}

}  // namespace

Record text_record(std::string_view recipient, std::string_view diagnostic) {
  ++work_count.records_built;
  Record r;
  r.recipient = clean_address(recipient);
  r.action = "failed";
  r.diagnostic = kept_diagnostic(diagnostic);
  // What settle_status reads from a text kept before (shared: the same text) is taken from then:
  // it depends on the text alone here. (A plain-text notice with one 256 KB line of 17,000
  // addresses gave each of its 1,000 records that line, read again each time: 3.3 s.)
  thread_local struct {
    SharedText diagnostic;
    std::string reply_code, smtp_command, status;
  } settled;
  if (!r.diagnostic.empty() && r.diagnostic.shares(settled.diagnostic)) {
    r.reply_code = settled.reply_code;
    r.smtp_command = settled.smtp_command;
    r.status = settled.status;
  } else {
    settle_status(r);
    settled = {r.diagnostic, r.reply_code, r.smtp_command, r.status};
  }
  return r;
}

namespace {

bool starts_with_any(std::string_view line, std::span<const std::string_view> markers) {
  for (std::string_view m : markers)
    if (util::starts_with_ci(line, m)) return true;
  return false;
}

// Appends a trimmed line to a paragraph's diagnostic, one space between lines, at most
// kMaxParagraphBytes in all. False if the line did not fit whole.
bool append_bounded(std::string& diagnostic, std::string_view words) {
  if (words.empty()) return true;
  std::size_t room = kMaxParagraphBytes - std::min(diagnostic.size(), kMaxParagraphBytes);
  if (!diagnostic.empty()) {
    if (room == 0) return false;
    diagnostic.push_back(' ');
    --room;
  }
  diagnostic.append(words.substr(0, room));
  return words.size() <= room;
}

}  // namespace

std::optional<Paragraph> RecipientParagraphs::next() {
  std::optional<Paragraph> current = std::move(open_);
  open_.reset();
  bool cut = false;  // the current paragraph's diagnostic reached kMaxParagraphBytes
  while (!ended_ && pos_ < text_.size()) {
    std::size_t eol = text_.find('\n', pos_);
    if (eol == std::string_view::npos) eol = text_.size();
    std::string_view line = text_.substr(pos_, eol - pos_);
    pos_ = eol + 1;
    std::string_view trimmed = util::trim(line);
    if (starts_with_any(trimmed, format_.list_ends)) {
      ended_ = true;
      break;
    }
    // In an indented layout a line of blanks is an indented line, not a paragraph break.
    bool indented = format_.continues == ParagraphFormat::Continues::indented;
    bool blank = indented ? line.empty() : trimmed.empty();
    if (blank) {
      bool in_paragraph = current.has_value() || counting_open_;
      if (format_.blank == ParagraphFormat::Blank::skipped || !in_paragraph) continue;
      counting_open_ = false;
      if (format_.blank == ParagraphFormat::Blank::ends_list) ended_ = true;
      if (current) break;
      continue;
    }
    std::string_view rest;
    std::string address = format_.opening(line, rest);
    if (!address.empty()) {
      rest = util::trim(rest);
      if (started_ >= max_) {
        // The records-per-message limit (docs/limits.md): counted, its lines not read.
        ++left_out_;
        counting_open_ = true;
        if (current) break;
        continue;
      }
      ++started_;
      counting_open_ = false;
      Paragraph p{std::move(address), rest, {}};
      if (format_.rest_in_diagnostic) append_bounded(p.diagnostic, rest);
      if (current) {
        open_ = std::move(p);
        break;
      }
      current = std::move(p);
      cut = false;
      continue;
    }
    if (starts_with_any(trimmed, format_.paragraph_ends)) {
      counting_open_ = false;
      if (current) break;
      continue;
    }
    if (!current) {
      if (format_.opening_first && started_ == 0 && !counting_open_) ended_ = true;
      continue;
    }
    if (indented && !util::is_wsp(line.front())) {
      // An unindented line ends the paragraph.
      break;
    }
    if (!cut && !append_bounded(current->diagnostic, trimmed)) {
      cut = true;
      ++truncated_;
    }
  }
  if (current) ++work_count.paragraphs;
  return current;
}

bool room_for_record(const Context& ctx, std::size_t built) {
  if (built < ctx.options.max_records) return true;
  ++ctx.records_left_out;
  return false;
}

std::optional<Result> bounce_result(std::vector<Record> records) {
  if (records.empty()) return std::nullopt;
  Result result;
  result.kind = Kind::bounce;
  result.records = std::move(records);
  return result;
}

bool from_daemon(const Context& ctx, std::string_view also) {
  DetectCache& cache = ctx.cache;
  if (!cache.has_from) {
    cache.from = ctx.message.root.value("From");
    cache.from_is_daemon = is_daemon_address(first_address(cache.from));
    cache.has_from = true;
  }
  if (!also.empty() && util::contains_ci(cache.from, also)) return true;
  return cache.from_is_daemon;
}

bool subject_has(const Context& ctx, std::span<const std::string_view> phrases) {
  DetectCache& cache = ctx.cache;
  if (!cache.has_subject) {
    cache.subject = mime::decode_header(ctx.message.root.value_view("Subject"));
    cache.has_subject = true;
  }
  for (std::string_view p : phrases)
    if (util::contains_ci(cache.subject, p)) return true;
  return false;
}

std::string_view raw_body(const Context& ctx) {
  std::size_t body = ctx.bytes.find("\n\n");
  return body == std::string_view::npos ? std::string_view() : ctx.bytes.substr(body + 2);
}

bool body_has(const Context& ctx, std::span<const std::string_view> markers) {
  // Some fifty detectors ask this of every message: lower-case the window once, then each
  // marker is a plain substring search (memmem).
  DetectCache& cache = ctx.cache;
  if (!cache.has_lowered_head) {
    std::string_view head = raw_body(ctx).substr(0, kDetectWindow);
    util::to_lower(head, cache.lowered_head.data());
    cache.lowered_size = head.size();
    cache.has_lowered_head = true;
  }
  const std::string_view head(cache.lowered_head.data(), cache.lowered_size);
  std::array<char, 128> small;  // markers are short phrases: lowered here, not in a new string
  std::string large;
  for (std::string_view m : markers) {
    if (m.empty()) return true;
    char* lowered = small.data();
    if (m.size() > small.size()) {
      large.resize(m.size());
      lowered = large.data();
    }
    for (std::size_t i = 0; i < m.size(); ++i) lowered[i] = util::ascii_lower(m[i]);
    // glibc's memmem measured cheaper here than util::find_fast: the markers' rarest bytes are
    // not rare enough in a 16 KB window.
    if (memmem(head.data(), head.size(), lowered, m.size()) != nullptr) return true;
  }
  return false;
}

bool header_has(const Context& ctx, std::string_view name, std::string_view needle) {
  for (const mime::Field& f : ctx.message.root.fields)
    if (util::iequals(f.name, name) && util::contains_ci(f.value, needle)) return true;
  return false;
}

}  // namespace bouncekit::decode
