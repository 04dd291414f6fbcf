// The adapter over mimetic: raw message -> bouncekit::mime::Part tree.
//
// mimetic is the only MIME parser in the project and this file (with
// transfer_decoding.cpp) is the only place that includes it. Its known traps
// (see NOTES-DEPENDENCIES.md) are handled here: input is made safe before
// mimetic sees it (line length, multipart count: prepare.cpp), loading goes through an
// iterator range inside try/catch with the istream parser as fallback, and
// entities are held by unique_ptr and read through const references.
#include <mimetic/mimetic.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <utility>

#include "bouncekit/mime.hpp"
#include "mime/prepare.hpp"
#include "util/strings.hpp"

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

// Fills `part` from `entity`. Takes the entity by non-const reference only to move its body string
// out (the tree is dropped right after); header fields are read through a const reference (see the
// file comment). Bodies are not transfer-decoded here: Part::body() does it for the parts that are
// read. Parts are filled in place (children are emplaced, then filled) so that no Part is moved.
void convert(mimetic::MimeEntity& entity, Part& part, std::size_t depth, const Limits& limits) {
  const mimetic::Header& header = std::as_const(entity).header();
  part.fields.reserve(header.size());
  // The first Content-Type and Content-Transfer-Encoding are noted while copying (what
  // Part::value would find), rather than searched for afterwards.
  const std::string* content_type = nullptr;
  const std::string* transfer_encoding = nullptr;
  for (const mimetic::Field& f : header) {
    const mimetic::istring& name = f.name();
    Field& out = part.fields.emplace_back();
    out.name.assign(name.data(), name.size());
    out.value = f.value();
    if (name.size() == 12 && content_type == nullptr && iequals(out.name, "content-type")) {
      content_type = &out.value;
    } else if (name.size() == 25 && transfer_encoding == nullptr &&
               iequals(out.name, "content-transfer-encoding")) {
      transfer_encoding = &out.value;
    }
  }
  // (The pointers stay valid: `fields` was reserved for every field.)
  part.content_type = parse_content_type(content_type ? std::string_view(*content_type) : std::string_view());
  if (transfer_encoding) set_transfer_encoding(part.transfer_encoding, *transfer_encoding);

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

}  // namespace

Message parse(std::string_view raw, const Limits& limits) {
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

}  // namespace bouncekit::mime
