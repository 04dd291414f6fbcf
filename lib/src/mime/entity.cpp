// The adapter over mimetic: raw message -> bouncekit::mime::Part tree.
//
// mimetic is the only MIME parser in the project and this file (with
// transfer_decoding.cpp) is the only place that includes it. Its known traps
// (see NOTES-DEPENDENCIES.md) are handled here: input is made safe before
// mimetic sees it (line length, multipart count: prepare.cpp), loading goes through an
// iterator range inside try/catch with the istream parser as fallback, and
// entities are held by unique_ptr and read through const references.
// The top-level header block, when clean, is read by read_root_header (root_header.cpp) and
// mimetic parses only from the empty line on, given the root's Content-Type (all it reads of
// the root header); see docs/performance.md, "What makes it fast".
#include <mimetic/mimetic.h>

#include <algorithm>
#include <array>
#include <memory>
#include <sstream>
#include <utility>

#include "bouncekit/mime.hpp"
#include "mime/prepare.hpp"
#include "mime/root_header.hpp"
#include "util/strings.hpp"

// mimetic's iterator parser asks every entity it reads for its kind (getType: multipart,
// message/rfc822 or anything else) and every multipart for its boundary (getBoundary), both
// through Header::contentType(), which builds a ContentType from the field's text (some 3,500
// instructions each; 7% of a parse). The two members are specialised below for the one
// instantiation this file uses (loading from `const char*`; this file is the only place in the
// project that runs mimetic's parser) and answer from the text itself when it is clean, in the
// RFC 2045 grammar (section 5.1: type "/" subtype, then "; name=value" parameters, values tokens
// or quoted strings without escapes), where any reader of Content-Type agrees; anything else
// goes the library's own way. A text that names neither "multipart" nor "message" can only be
// of the third kind, clean or not.
namespace {

// RFC 2045 section 5.1: any ASCII printable but the space and the tspecials (a table: the parser
// asks this of every byte of every Content-Type it reads).
constexpr std::array<bool, 256> kTokenBytes = [] {
  std::array<bool, 256> t{};
  for (int c = '!'; c < 127; ++c) t[c] = true;
  for (char c : std::string_view("()<>@,;:\\\"/[]?=")) t[static_cast<unsigned char>(c)] = false;
  return t;
}();

bool is_token_byte(char c) { return kTokenBytes[static_cast<unsigned char>(c)]; }

std::size_t skip_blanks(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

std::size_t skip_token(std::string_view s, std::size_t i) {
  while (i < s.size() && is_token_byte(s[i])) ++i;
  return i;
}

// The type and subtype of a clean Content-Type text, and where its parameters start (at ';' or
// the end); false when the text is not clean.
bool clean_type(std::string_view v, std::string_view& type, std::string_view& subtype, std::size_t& params) {
  std::size_t i = skip_blanks(v, 0);
  std::size_t e = skip_token(v, i);
  if (e == i || e >= v.size() || v[e] != '/') return false;
  type = v.substr(i, e - i);
  i = e + 1;
  e = skip_token(v, i);
  if (e == i) return false;
  subtype = v.substr(i, e - i);
  params = skip_blanks(v, e);
  return params == v.size() || v[params] == ';';
}

// The boundary parameter of clean parameters `p` ("; name=value ..."); false when they are not
// clean or name it other than once.
bool clean_boundary(std::string_view p, std::string_view& boundary) {
  bool found = false;
  std::size_t i = 0;
  while (i < p.size()) {
    if (p[i] != ';') return false;
    i = skip_blanks(p, i + 1);
    if (i == p.size()) break;
    std::size_t e = skip_token(p, i);
    if (e == i || e >= p.size() || p[e] != '=') return false;
    const std::string_view name = p.substr(i, e - i);
    i = e + 1;
    std::string_view value;
    if (i < p.size() && p[i] == '"') {
      e = p.find_first_of("\"\\", i + 1);
      if (e == std::string_view::npos || p[e] != '"') return false;
      value = p.substr(i + 1, e - i - 1);
      i = e + 1;
    } else {
      e = skip_token(p, i);
      if (e == i) return false;
      value = p.substr(i, e - i);
      i = e;
    }
    i = skip_blanks(p, i);
    if (bouncekit::util::iequals(name, "boundary")) {
      if (found || value.empty()) return false;
      found = true;
      boundary = value;
    }
  }
  return found;
}

// The text of the entity's first Content-Type field (as Header::contentType finds it); false if
// it has none.
bool content_type_text(const mimetic::Header& h, std::string& out) {
  for (const mimetic::Field& f : h) {
    const mimetic::istring& name = f.name();
    if (name.size() == 12 && bouncekit::util::iequals(std::string_view(name.data(), name.size()), "content-type")) {
      out = f.value();
      return true;
    }
  }
  return false;
}

}  // namespace

namespace mimetic {
template <>
IteratorParser<const char*, std::input_iterator_tag>::EntityType
IteratorParser<const char*, std::input_iterator_tag>::getType() {
  const Header& h = m_entityStack.top()->header();
  std::string value;
  if (!content_type_text(h, value)) return etRfc822;  // the library's answer without the field
  std::string_view type, subtype;
  std::size_t params = 0;
  if (clean_type(value, type, subtype, params)) {
    if (bouncekit::util::iequals(type, "multipart")) return etMultipart;
    if (bouncekit::util::iequals(type, "message") && bouncekit::util::iequals(subtype, "rfc822")) return etMsgRfc822;
    return etRfc822;
  }
  if (!bouncekit::util::contains_ci(value, "multipart") && !bouncekit::util::contains_ci(value, "message"))
    return etRfc822;
  const ContentType& ct = h.contentType();
  if (ct.isMultipart()) return etMultipart;
  if (ct.type() == "message" && ct.subtype() == "rfc822") return etMsgRfc822;
  return etRfc822;
}

template <>
std::string IteratorParser<const char*, std::input_iterator_tag>::getBoundary() {
  const Header& h = m_entityStack.top()->header();
  std::string value;
  std::string_view type, subtype, boundary;
  std::size_t params = 0;
  if (content_type_text(h, value) && clean_type(value, type, subtype, params) &&
      clean_boundary(std::string_view(value).substr(params), boundary))
    return "--" + std::string(boundary);
  return std::string("--") + h.contentType().param("boundary");
}
}  // namespace mimetic

namespace bouncekit::mime {
using namespace bouncekit::util;
namespace {

std::unique_ptr<mimetic::MimeEntity> load(std::string_view input, int mask, std::string& problem) {
  auto entity = std::make_unique<mimetic::MimeEntity>();
  try {
    entity->load(input.begin(), input.end(), mask);
    return entity;
  } catch (const std::exception& e) {
    problem = std::string("MIME parser failed (") + e.what() + "), retried with the stream parser";
  }
  // The iterator parser throws on some inputs (LF then CRLF before a
  // boundary); the istream parser takes another path through the same grammar.
  entity = std::make_unique<mimetic::MimeEntity>();
  try {
    std::istringstream stream{std::string(input)};
    entity->load(stream, mask);
    return entity;
  } catch (const std::exception& e) {
    problem = std::string("MIME parser failed: ") + e.what();
  }
  return nullptr;
}

// The Content-Transfer-Encoding value trimmed and lower-cased, written straight into `out`.
void set_transfer_encoding(std::string& out, std::string_view value) {
  out.assign(trim(value));
  to_lower(out, out.data());
}

void convert_body(mimetic::MimeEntity& entity, Part& part, std::size_t depth, const Limits& limits);

// content_type and transfer_encoding from the part's first Content-Type and
// Content-Transfer-Encoding fields (what Part::value finds).
void set_types(Part& part) {
  part.content_type = parse_content_type(part.value_view("Content-Type"));
  if (const Field* f = part.field("Content-Transfer-Encoding")) set_transfer_encoding(part.transfer_encoding, f->value);
}

// Fills `part` from `entity`. Takes the entity by non-const reference only to move its body string
// out (the tree is dropped right after); header fields are read through a const reference (see the
// file comment). Bodies are not transfer-decoded here: Part::body() does it for the parts that are
// read. Parts are filled in place (children are emplaced, then filled) so that no Part is moved.
void convert(mimetic::MimeEntity& entity, Part& part, std::size_t depth, const Limits& limits) {
  const mimetic::Header& header = std::as_const(entity).header();
  part.fields.reserve(header.size());
  for (const mimetic::Field& f : header) {
    const mimetic::istring& name = f.name();
    Field& out = part.fields.emplace_back();
    out.name.assign(name.data(), name.size());
    out.value = f.value();
  }
  set_types(part);
  convert_body(entity, part, depth, limits);
}

// The children (or the body) of `entity` into `part`, whose header is already filled.
void convert_body(mimetic::MimeEntity& entity, Part& part, std::size_t depth, const Limits& limits) {
  mimetic::MimeEntityList& parts = entity.body().parts();
  if (!parts.empty() && depth < limits.max_depth) {
    part.children.reserve(parts.size());
    for (mimetic::MimeEntity* child : parts) {
      if (child) convert(*child, part.children.emplace_back(), depth + 1, limits);
    }
    return;
  }
  std::string& body = entity.body();
  part.raw_body = std::move(body);
}

// mimetic over `rest` (the empty line that ends the top-level block, then the body), with the
// root's header holding only the first Content-Type of `fields`: of the root header mimetic
// reads nothing else (getType and getBoundary, through Header::contentType). The field is added
// as mimetic's own addField adds it. nullptr if mimetic throws (the caller then starts over).
//
// mimetic's Header::contentType() replaces the text of that field with the ContentType it built,
// and the field's value() then writes that object out again ("boundary=B1" comes back as
// "boundary=\"B1\"", "base64" as "base64/"); convert() copies the field's text as mimetic holds
// it, so the field in `fields` is given mimetic's value back after the load. (Since getType and
// getBoundary answer clean texts themselves, above, only the texts they leave to the library
// are rewritten, at the root and in the parts alike.)
std::unique_ptr<mimetic::MimeEntity> load_body(std::string_view rest, std::vector<Field>& fields, int mask) {
  auto entity = std::make_unique<mimetic::MimeEntity>();
  Field* content_type = nullptr;
  for (Field& f : fields) {
    if (f.name.size() == 12 && iequals(f.name, "content-type")) {
      content_type = &f;
      mimetic::Header& header = entity->header();
      auto it = header.insert(header.end(), mimetic::Field());
      it->name(f.name);
      it->value(f.value);
      break;
    }
  }
  try {
    entity->load(rest.begin(), rest.end(), mask);
  } catch (const std::exception&) {
    return nullptr;
  }
  if (content_type) {
    const mimetic::Header& header = std::as_const(*entity).header();
    content_type->value = header.begin()->value();
  }
  return entity;
}

Message parse_message(std::string_view raw, const Limits& limits, bool read_root) {
  Message message;
  PreparedInput input = prepare_input(raw, limits.max_line_bytes);
  // Preambles and epilogues of multiparts are never read: mimetic need not copy them.
  int mask = mimetic::imPreamble | mimetic::imEpilogue;
  if (input.container_headers > limits.max_containers) {
    mask |= mimetic::imChildParts;
    message.damaged = true;
    message.problem = "more than " + std::to_string(limits.max_containers) +
                      " multipart or message parts; only the top level was parsed";
  }
  if (read_root) {
    // The fast path: reads what mimetic was given (the line budget applied), so it sees the
    // same bytes; when mimetic throws on the body, the whole message is parsed again below.
    RootHeader header;
    if (read_root_header(input.view, header)) {
      if (std::unique_ptr<mimetic::MimeEntity> entity = load_body(input.view.substr(header.end), header.fields, mask)) {
        message.root.fields = std::move(header.fields);
        set_types(message.root);
        convert_body(*entity, message.root, 0, limits);
        return message;
      }
    }
  }
  std::string problem;
  std::unique_ptr<mimetic::MimeEntity> entity = load(input.view, mask, problem);
  if (!problem.empty()) {
    message.damaged = true;
    message.problem = problem;
  }
  if (!entity) {
    // Keep what can be read without mimetic: the header block and the raw body.
    std::string_view view = input.view;
    std::size_t split = view.find("\n\n");
    message.root.fields = parse_fields(view.substr(0, split == std::string_view::npos ? view.size() : split + 1));
    message.root.content_type = parse_content_type(message.root.value_view("Content-Type"));
    if (split != std::string_view::npos) message.root.raw_body = std::string(view.substr(split + 2));
    return message;
  }
  convert(*entity, message.root, 0, limits);
  return message;
}

}  // namespace

Message parse(std::string_view raw, const Limits& limits) { return parse_message(raw, limits, true); }

Message parse_with_mimetic_header(std::string_view raw, const Limits& limits) {
  return parse_message(raw, limits, false);
}

}  // namespace bouncekit::mime
